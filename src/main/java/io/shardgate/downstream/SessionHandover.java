package io.shardgate.downstream;

import io.shardgate.protocol.CloseCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a bot RESUME on any node. A session lives on the node that accepted it; the cluster map
 * {@code shardgate.client-sessions} records where, and its cursor at IDENTIFY, before RESUMED, after
 * member chunks and whenever the bot disconnects (never per event). A node that gets a RESUME for a session it does not hold asks the holder to hand it
 * over (the holder closes the old connection, if still open, and replies with the cursor); if the
 * holder is gone, the last recorded cursor serves: a seq beyond it is
 * reached by walking the replay from there, and where that walk cannot be sure, the bot gets op 9.
 * Used on the client gateway's context.
 */
final class SessionHandover {

  static final String MAP = "shardgate.client-sessions";
  private static final long HELD_TTL_MS = 24 * 3600_000L;
  private static final Logger LOG = LoggerFactory.getLogger(SessionHandover.class);

  private final Vertx vertx;
  private final String nodeId;
  private final ClientSessions sessions;
  private final long ttlMs;
  private MessageConsumer<String> handoverRequests;

  SessionHandover(Vertx vertx, String nodeId, ClientSessions sessions, long ttlMs) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.sessions = sessions;
    this.ttlMs = ttlMs;
  }

  static String handoverAddress(String nodeId) {
    return "shardgate.node." + nodeId + ".sessions";
  }

  Future<Void> start() {
    handoverRequests = vertx.eventBus().consumer(handoverAddress(nodeId), message -> {
      ClientSessions.Session session = sessions.find(message.body());
      if (session == null) {
        message.fail(404, "no such session here");
        return;
      }
      if (session.connection != null) {
        session.connection.close(CloseCode.UNKNOWN_ERROR, "Session resumed elsewhere.");
      }
      sessions.forget(session);
      message.reply(state(session, false).encode());
    });
    return handoverRequests.completion();
  }

  Future<Void> stop() {
    return handoverRequests == null ? Future.succeededFuture() : handoverRequests.unregister();
  }

  /** Records that this node holds the session (at IDENTIFY and after a RESUME here). */
  Future<Void> held(ClientSessions.Session session) {
    return save(session, true);
  }

  /**
   * Records a held session's cursor after a break in its s-to-rseq line (a member chunk), so that a
   * node taking it over after a crash maps the bot's s past the break. At most one write per session
   * is in flight; changes meanwhile are written by one more.
   */
  void cursorMoved(ClientSessions.Session session) {
    if (session.recordInFlight) {
      session.recordAgain = true;
      return;
    }
    session.recordInFlight = true;
    save(session, true).onComplete(ar -> {
      session.recordInFlight = false;
      if (session.recordAgain && sessions.find(session.id) == session && session.connection != null) {
        session.recordAgain = false;
        cursorMoved(session);
      }
    });
  }

  /** Records the cursor of a session whose bot disconnected. */
  Future<Void> detached(ClientSessions.Session session) {
    return save(session, false);
  }

  /** Forgets a session everywhere (it ended, or moved to another node). */
  void ended(String sessionId) {
    map().compose(map -> map.remove(sessionId)).onFailure(err -> LOG.debug("session map: {}", err.getMessage()));
  }

  /**
   * The session a RESUME names, taken over from wherever it is; null (in the future) if no node
   * knows it. {@code stale} in the result means the cursor may be behind what the bot saw.
   */
  Future<Claimed> claim(String sessionId) {
    ClientSessions.Session local = sessions.find(sessionId);
    if (local != null && local.connection != null) {
      return Future.succeededFuture(new Claimed(local, false)); // attached here: this node's cursor is exact
    }
    // A detached session here may have been RESUMEd on another node since: the record says.
    return map().compose(map -> map.get(sessionId)).compose(value -> {
      if (value == null) {
        if (local != null) {
          sessions.forget(local); // ended elsewhere
        }
        return Future.succeededFuture(null);
      }
      JsonObject recorded = new JsonObject((String) value);
      String holder = recorded.getString("node");
      if (nodeId.equals(holder) && local != null) {
        return Future.succeededFuture(new Claimed(local, false));
      }
      if (local != null) {
        sessions.forget(local); // it moved on from here; this copy is behind
      }
      if (!recorded.getBoolean("attached", false) || nodeId.equals(holder)) {
        return Future.succeededFuture(adopt(sessionId, recorded, false));
      }
      return vertx.eventBus().<String>request(handoverAddress(holder), sessionId)
          .map(reply -> adopt(sessionId, new JsonObject(reply.body()), false))
          .recover(gone -> Future.succeededFuture(adopt(sessionId, recorded, true)));
    });
  }

  record Claimed(ClientSessions.Session session, boolean stale) {
  }

  private Claimed adopt(String sessionId, JsonObject state, boolean stale) {
    ClientCursor cursor = ClientCursor.fromJson(state.getJsonObject("cursor"));
    return new Claimed(sessions.create(sessionId, state.getInteger("shard"), cursor, null), stale);
  }

  private Future<Void> save(ClientSessions.Session session, boolean attached) {
    String value = state(session, attached).encode();
    // A held session's record must outlive any connection; a detached one only the resume window.
    long ttl = attached ? HELD_TTL_MS : ttlMs;
    return map().compose(map -> map.put(session.id, value, ttl))
        .onFailure(err -> LOG.warn("session {}: not recorded in the cluster: {}", session.id, err.getMessage()));
  }

  private JsonObject state(ClientSessions.Session session, boolean attached) {
    return new JsonObject().put("shard", session.shardId).put("node", nodeId).put("attached", attached)
        .put("cursor", session.cursor.toJson());
  }

  private Future<AsyncMap<String, Object>> map() {
    return vertx.sharedData().getAsyncMap(MAP);
  }
}
