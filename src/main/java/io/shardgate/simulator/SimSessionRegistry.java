package io.shardgate.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;

/**
 * Every live or resumable session, by id and by shard. A detached session is forgotten once it has
 * stayed detached for the resume timeout. Event-loop confined.
 */
final class SimSessionRegistry {
  private final Vertx vertx;
  private final long resumeTimeoutMs;
  private final int replayLogSize;
  private final Map<String, SimSession> byId = new HashMap<>();
  private final Map<Integer, Set<SimSession>> byShard = new LinkedHashMap<>();
  /** Told (shard, hasSessions) whenever a shard gains its first session or loses its last. */
  private final BiConsumer<Integer, Boolean> shardOccupancyListener;

  SimSessionRegistry(Vertx vertx, long resumeTimeoutMs, int replayLogSize,
      BiConsumer<Integer, Boolean> shardOccupancyListener) {
    this.vertx = vertx;
    this.resumeTimeoutMs = resumeTimeoutMs;
    this.replayLogSize = replayLogSize;
    this.shardOccupancyListener = shardOccupancyListener;
  }

  SimSession create(int shard, int shardCount, long intents) {
    SimSession session = new SimSession(newSessionId(), shard, shardCount, intents, replayLogSize);
    byId.put(session.id(), session);
    Set<SimSession> ofShard = byShard.computeIfAbsent(shard, s -> new LinkedHashSet<>());
    ofShard.add(session);
    if (ofShard.size() == 1) {
      shardOccupancyListener.accept(shard, true);
    }
    return session;
  }

  SimSession find(String sessionId) {
    return sessionId == null ? null : byId.get(sessionId);
  }

  /** A snapshot: callers may forget sessions while iterating it. */
  List<SimSession> sessionsOf(int shard) {
    Set<SimSession> ofShard = byShard.get(shard);
    return ofShard == null ? List.of() : new ArrayList<>(ofShard);
  }

  List<SimSession> all() {
    return new ArrayList<>(byId.values());
  }

  void attached(SimSession session, SimGatewayConnection connection) {
    cancelExpiry(session);
    session.attach(connection);
  }

  /** The session lost its connection: it stays resumable for the resume timeout. */
  void detached(SimSession session, SimGatewayConnection from) {
    session.detach(from);
    if (session.connection() == null && byId.containsKey(session.id()) && session.expiryTimerId() < 0) {
      session.expiryTimerId(vertx.setTimer(resumeTimeoutMs, id -> {
        session.expiryTimerId(-1);
        forget(session);
      }));
    }
  }

  void forget(SimSession session) {
    if (byId.remove(session.id()) == null) {
      return;
    }
    cancelExpiry(session);
    SimGatewayConnection connection = session.connection();
    if (connection != null) {
      session.detach(connection);
      connection.sessionForgotten(session);
    }
    Set<SimSession> ofShard = byShard.get(session.shardId());
    ofShard.remove(session);
    if (ofShard.isEmpty()) {
      byShard.remove(session.shardId());
      shardOccupancyListener.accept(session.shardId(), false);
    }
  }

  void forgetAll(int shard) {
    sessionsOf(shard).forEach(this::forget);
  }

  JsonArray toJson() {
    JsonArray sessions = new JsonArray();
    byShard.values().forEach(ofShard -> ofShard.forEach(session -> sessions.add(session.toJson())));
    return sessions;
  }

  private void cancelExpiry(SimSession session) {
    if (session.expiryTimerId() >= 0) {
      vertx.cancelTimer(session.expiryTimerId());
      session.expiryTimerId(-1);
    }
  }

  private static String newSessionId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format("%016x%016x", random.nextLong(), random.nextLong());
  }
}
