package io.shardgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** A real websocket client for tests: collects every gateway message, inflating zlib-stream or zlib payloads. */
public final class GatewayTestClient {
  public static final int MAX_WEBSOCKET_BYTES = 64 * 1024 * 1024;
  public static final long TIMEOUT_SECONDS = 10;
  private static final int CONNECT_ATTEMPTS = 3;
  public static final String TOKEN = "test-token";
  private static final byte[] ZLIB_SUFFIX = {0x00, 0x00, (byte) 0xff, (byte) 0xff};

  /** Close status from the server, or NO_CLOSE_FRAME when the connection ended without one. */
  public static final short NO_CLOSE_FRAME = -1;

  private final LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();
  private final WebSocketClient client;
  private final boolean zlibStream;
  private final Inflater streamInflater = new Inflater();
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final AtomicInteger textMessages = new AtomicInteger();
  private final AtomicInteger binaryMessages = new AtomicInteger();
  private WebSocket ws;
  private String sessionId;

  private GatewayTestClient(Vertx vertx, boolean zlibStream) {
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(MAX_WEBSOCKET_BYTES).setMaxMessageSize(MAX_WEBSOCKET_BYTES));
    this.zlibStream = zlibStream;
  }

  public static GatewayTestClient connect(Vertx vertx, int port, String uri) {
    for (int attempt = 1; ; attempt++) {
      GatewayTestClient client = new GatewayTestClient(vertx, uri.contains("compress=zlib-stream"));
      try {
        // Handlers go on before the connection exists, so not even HELLO can arrive before them.
        io.vertx.core.http.ClientWebSocket socket = client.client.webSocket();
        client.listen(socket);
        client.ws = socket;
        socket.connect(port, "127.0.0.1", uri).await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return client;
      } catch (Exception e) {
        // A server that refuses the connection with a close frame right after the handshake (a bad
        // query) may close it before the connect completes: the test then reads the close code.
        try {
          client.closed.get(TIMEOUT_SECONDS / 2, TimeUnit.SECONDS);
          return client;
        } catch (Exception notClosed) {
          // Vert.x moves the handlers onto the connection once it is up; if the server closed it
          // first, that fails and the close code is lost: connect again (the race rarely repeats).
          if (attempt == CONNECT_ATTEMPTS || !(rootCause(e) instanceof IllegalStateException)) {
            throw new AssertionError("could not connect to " + uri, e);
          }
        }
      }
    }
  }

  private static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  private WebSocket listen(WebSocket socket) {
    socket.textMessageHandler(text -> {
      textMessages.incrementAndGet();
      received.add(new JsonObject(text));
    });
    socket.binaryMessageHandler(this::onBinary);
    socket.closeHandler(v -> closed.complete(
        socket.closeStatusCode() == null ? NO_CLOSE_FRAME : socket.closeStatusCode()));
    return socket;
  }

  public static GatewayTestClient connect(Vertx vertx, int port) {
    return connect(vertx, port, "/?v=10&encoding=json");
  }

  public void send(JsonObject payload) {
    ws.writeTextMessage(payload.encode());
  }

  public void sendText(String text) {
    ws.writeTextMessage(text);
  }

  public void send(int op, Object d) {
    send(new JsonObject().put("op", op).put("d", d));
  }

  public void identify(int shard, int shardCount) {
    send(2, identifyData(shard, shardCount));
  }

  public static JsonObject identifyData(int shard, int shardCount) {
    return new JsonObject().put("token", TOKEN).put("intents", 513)
        .put("properties", new JsonObject().put("os", "linux").put("browser", "test").put("device", "test"))
        .put("shard", new JsonArray().add(shard).add(shardCount));
  }

  public void resume(String sessionId, long seq) {
    send(6, new JsonObject().put("token", TOKEN).put("session_id", sessionId).put("seq", seq));
  }

  /** The next message; fails the test after the timeout. */
  public JsonObject next() {
    try {
      JsonObject message = received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(message, "no gateway message within " + TIMEOUT_SECONDS + " s");
      return message;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  public JsonObject nextOp(int op) {
    JsonObject message = next();
    assertEquals(op, message.getInteger("op"), () -> "expected op " + op + ", got " + message.encode());
    return message;
  }

  public JsonObject nextDispatch(String type) {
    JsonObject message = nextOp(0);
    assertEquals(type, message.getString("t"), () -> "expected " + type + ", got " + message.encode());
    return message;
  }

  /** HELLO, then IDENTIFY, READY and the GUILD_CREATEs; returns READY's d. */
  public JsonObject identifyAndAwaitReady(int shard, int shardCount, int guildsOnShard) {
    nextOp(10);
    identify(shard, shardCount);
    JsonObject ready = nextDispatch("READY").getJsonObject("d");
    sessionId = ready.getString("session_id");
    for (int i = 0; i < guildsOnShard; i++) {
      nextDispatch("GUILD_CREATE");
    }
    return ready;
  }

  /** The close code the server sent (NO_CLOSE_FRAME if none); fails after the timeout. */
  public short awaitClose() {
    try {
      return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("connection not closed within " + TIMEOUT_SECONDS + " s", e);
    }
  }

  public void close(int code) {
    ws.close((short) code);
  }

  /** Stops reading from the socket, as a stalled bot would: the server's writes back up. */
  public void pauseReading() {
    ws.pause();
  }

  public void resumeReading() {
    ws.resume();
  }

  /** The next message if one arrives within {@code millis}, else null. */
  public JsonObject pollWithin(long millis) {
    try {
      return received.poll(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  /** The session id of the READY seen by {@link #identifyAndAwaitReady}. */
  public String sessionId() {
    return sessionId;
  }

  public boolean hasPendingMessages() {
    return !received.isEmpty();
  }

  public int textMessages() {
    return textMessages.get();
  }

  public int binaryMessages() {
    return binaryMessages.get();
  }

  private void onBinary(Buffer buffer) {
    binaryMessages.incrementAndGet();
    byte[] bytes = buffer.getBytes();
    try {
      if (zlibStream) {
        pending.write(bytes);
        if (endsWithZlibSuffix(bytes)) {
          received.add(new JsonObject(inflate(streamInflater, pending.toByteArray())));
          pending.reset();
        }
      } else {
        Inflater standalone = new Inflater();
        received.add(new JsonObject(inflate(standalone, bytes)));
        standalone.end();
      }
    } catch (Exception e) {
      fail("undecodable binary message", e);
    }
  }

  private static boolean endsWithZlibSuffix(byte[] bytes) {
    int n = bytes.length;
    return n >= 4 && bytes[n - 4] == ZLIB_SUFFIX[0] && bytes[n - 3] == ZLIB_SUFFIX[1]
        && bytes[n - 2] == ZLIB_SUFFIX[2] && bytes[n - 1] == ZLIB_SUFFIX[3];
  }

  private static String inflate(Inflater inflater, byte[] input) throws DataFormatException {
    inflater.setInput(input);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = inflater.inflate(buffer)) > 0) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
