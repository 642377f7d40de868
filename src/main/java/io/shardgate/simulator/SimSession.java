package io.shardgate.simulator;

import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One Discord session: its sequence, a bounded log of the exact dispatch payloads it was sent (what a
 * RESUME replays) and the connection it is attached to, if any. Event-loop confined.
 */
final class SimSession {
  private record LoggedDispatch(long seq, String payload) {
  }

  private final String id;
  private final int shardId;
  private final int shardCount;
  private final long intents;
  private final int logLimit;
  private final ArrayDeque<LoggedDispatch> log = new ArrayDeque<>();
  private long seq;
  private SimGatewayConnection connection;
  private long expiryTimerId = -1;
  private JsonObject presence;

  SimSession(String id, int shardId, int shardCount, long intents, int logLimit) {
    this.id = id;
    this.shardId = shardId;
    this.shardCount = shardCount;
    this.intents = intents;
    this.logLimit = logLimit;
  }

  String id() {
    return id;
  }

  int shardId() {
    return shardId;
  }

  long seq() {
    return seq;
  }

  /** Numbers a dispatch for this session and logs its exact payload; returns the payload. */
  String nextDispatch(String type, String dataJson) {
    seq++;
    String payload = SimPayloads.dispatch(type, seq, dataJson);
    if (log.size() >= logLimit) {
      log.pollFirst();
    }
    log.addLast(new LoggedDispatch(seq, payload));
    return payload;
  }

  /** True when the log still holds every dispatch after {@code afterSeq}. */
  boolean canReplayAfter(long afterSeq) {
    if (afterSeq >= seq) {
      return true;
    }
    return !log.isEmpty() && log.peekFirst().seq() <= afterSeq + 1;
  }

  /** The logged payloads with s > {@code afterSeq}, in order; only after {@link #canReplayAfter}. */
  List<String> payloadsAfter(long afterSeq) {
    List<String> payloads = new ArrayList<>();
    for (LoggedDispatch logged : log) {
      if (logged.seq() > afterSeq) {
        payloads.add(logged.payload());
      }
    }
    return payloads;
  }

  SimGatewayConnection connection() {
    return connection;
  }

  void attach(SimGatewayConnection connection) {
    this.connection = connection;
  }

  void detach(SimGatewayConnection from) {
    if (this.connection == from) {
      this.connection = null;
    }
  }

  long expiryTimerId() {
    return expiryTimerId;
  }

  void expiryTimerId(long timerId) {
    this.expiryTimerId = timerId;
  }

  /** The last presence the session set with op 3, for tests. */
  JsonObject presence() {
    return presence;
  }

  void presence(JsonObject presence) {
    this.presence = presence;
  }

  JsonObject toJson() {
    return new JsonObject().put("session_id", id).put("shard", shardId).put("shard_count", shardCount)
        .put("intents", intents).put("seq", seq).put("connected", connection != null)
        .put("path", connection == null ? null : connection.path()).put("logged", log.size())
        .put("first_logged_seq", log.isEmpty() ? null : log.peekFirst().seq()).put("presence", presence);
  }
}
