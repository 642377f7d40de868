package io.shardgate.downstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.shardgate.protocol.GatewayFrame;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Routes answers to Request Guild Members (op 8) back to the client session that asked. Several
 * clients share one Discord session per shard, and their nonces may collide, so every op 8 leaves
 * with a nonce of ours ({@code sg.} + node tag + counter, within Discord's 32 bytes); the
 * GUILD_MEMBERS_CHUNK and RATE_LIMITED dispatches that carry it go to that session only, with the
 * client's own nonce put back. Bounded: the oldest routes are forgotten first. Used on the client
 * gateway's context only.
 */
final class NonceRoutes {

  /** Where a chunk goes: the session that asked, with the nonce it used (null if it sent none). */
  record Route(String sessionId, String clientNonce) {
  }

  /** A chunk another node's client asked for: nobody here gets it. */
  static final Route ELSEWHERE = new Route(null, null);

  static final String PREFIX = "sg.";
  private static final int MAX_ROUTES = 10_000;
  private static final JsonFactory JSON = new JsonFactory();

  private final String nodeTag;
  private final Map<String, Route> routes = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Route> eldest) {
      return size() > MAX_ROUTES;
    }
  };
  private long counter;

  NonceRoutes() {
    byte[] tag = new byte[4];
    new SecureRandom().nextBytes(tag);
    this.nodeTag = HexFormat.of().formatHex(tag);
  }

  /** A fresh upstream nonce for an op 8 of {@code sessionId}. */
  String register(String sessionId, String clientNonce) {
    String nonce = PREFIX + nodeTag + "." + Long.toString(++counter, 36);
    routes.put(nonce, new Route(sessionId, clientNonce));
    return nonce;
  }

  /**
   * The route of a relayed frame: null when it goes to every client of the shard, {@link #ELSEWHERE}
   * when it answers a client of another node, else the asking session.
   */
  Route routeOf(GatewayFrame frame) {
    String type = frame.envelope().t();
    boolean chunk = "GUILD_MEMBERS_CHUNK".equals(type);
    if (!chunk && !"RATE_LIMITED".equals(type)) {
      return null;
    }
    String nonce = nonceOf(frame, !chunk);
    if (nonce == null || !nonce.startsWith(PREFIX)) {
      return null;
    }
    Route route = routes.get(nonce);
    return route != null ? route : ELSEWHERE;
  }

  /**
   * An op 8 with a nonce of ours in place of the client's, which is kept for the answer; null when the
   * payload is not a JSON object with an object {@code d}.
   */
  String withOurNonce(Buffer payload, String sessionId) {
    JsonObject command;
    try {
      command = new JsonObject(payload);
    } catch (RuntimeException e) {
      return null;
    }
    if (!(command.getValue("d") instanceof JsonObject d)) {
      return null;
    }
    // Discord ignores nonces over 32 bytes: it would not echo one, so neither do we.
    String clientNonce = d.getValue("nonce") instanceof String n && n.length() <= 32 ? n : null;
    d.put("nonce", register(sessionId, clientNonce));
    return command.encode();
  }

  /** A member chunk (or RATE_LIMITED) for the client that asked: its own nonce back in place of ours. */
  static Buffer withClientNonce(GatewayFrame frame, String clientNonce, long s) {
    JsonObject payload = new JsonObject(frame.payload()).put("s", s);
    JsonObject d = payload.getJsonObject("d");
    JsonObject holder = "RATE_LIMITED".equals(frame.envelope().t()) ? d.getJsonObject("meta") : d;
    if (clientNonce == null) {
      holder.remove("nonce");
    } else {
      holder.put("nonce", clientNonce);
    }
    return payload.toBuffer();
  }

  /** {@code d.nonce} (or {@code d.meta.nonce} for RATE_LIMITED), read without building a tree. */
  static String nonceOf(GatewayFrame frame, boolean inMeta) {
    int start = frame.envelope().dStart();
    if (start < 0) {
      return null;
    }
    byte[] bytes = frame.toByteArray();
    try (JsonParser parser = JSON.createParser(bytes, start, frame.envelope().dEnd() - start)) {
      return findNonce(parser, inMeta);
    } catch (IOException e) {
      return null;
    }
  }

  private static String findNonce(JsonParser parser, boolean inMeta) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (!inMeta && "nonce".equals(name)) {
        return value == JsonToken.VALUE_STRING ? parser.getText() : null;
      }
      if (inMeta && "meta".equals(name) && value == JsonToken.START_OBJECT) {
        return findNonceIn(parser);
      }
      parser.skipChildren();
    }
    return null;
  }

  private static String findNonceIn(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if ("nonce".equals(name)) {
        return value == JsonToken.VALUE_STRING ? parser.getText() : null;
      }
      parser.skipChildren();
    }
    return null;
  }
}
