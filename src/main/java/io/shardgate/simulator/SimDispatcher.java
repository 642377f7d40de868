package io.shardgate.simulator;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends dispatches to sessions. Live events get a per-shard event number {@code n} (logged, and put in
 * {@code d._sim} with a send timestamp when tagging is on); each session numbers them with its own
 * {@code s}. Event-loop confined except for the thread-safe event logs.
 */
final class SimDispatcher {
  /** Generated events remembered per shard for tests. */
  static final int EVENT_LOG_CAPACITY = 100_000;

  private final SimSessionRegistry registry;
  private final Clock clock;
  private final boolean tagEvents;
  private final long[] nextEventNumber;
  private final List<SimShardEventLog> eventLogs = new ArrayList<>();

  SimDispatcher(SimSessionRegistry registry, Clock clock, boolean tagEvents, int shards) {
    this.registry = registry;
    this.clock = clock;
    this.tagEvents = tagEvents;
    this.nextEventNumber = new long[shards];
    for (int shard = 0; shard < shards; shard++) {
      eventLogs.add(new SimShardEventLog(EVENT_LOG_CAPACITY));
    }
  }

  SimShardEventLog eventLog(int shard) {
    return eventLogs.get(shard);
  }

  /** A live event to every session of the shard, connected or resumable. Returns how many sessions got it. */
  int broadcast(int shard, String type, Object data) {
    String dataJson = numbered(shard, type, data);
    List<SimSession> sessions = registry.sessionsOf(shard);
    for (SimSession session : sessions) {
      deliver(session, type, dataJson);
    }
    return sessions.size();
  }

  /** A live event meant for one session only (member chunks, its voice server, rate-limit notices). */
  void sendTo(SimSession session, String type, JsonObject data) {
    deliver(session, type, numbered(session.shardId(), type, data));
  }

  /** Numbers the dispatch for the session, logs it, and writes it when the session is connected. */
  void deliver(SimSession session, String type, String dataJson) {
    String payload = session.nextDispatch(type, dataJson);
    SimGatewayConnection connection = session.connection();
    if (connection != null) {
      connection.sendDispatch(payload);
    }
  }

  /** {@code data} is usually an object; raw injections may carry any JSON value (only objects get tagged). */
  private String numbered(int shard, String type, Object data) {
    long n = ++nextEventNumber[shard];
    eventLogs.get(shard).add(n, type);
    if (tagEvents && data instanceof JsonObject object) {
      object.put("_sim", new JsonObject().put("n", n).put("ts", epochMicros()));
    }
    return Json.encode(data);
  }

  private long epochMicros() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
