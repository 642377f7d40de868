package io.shardgate.simulator;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Discord's identify rate limits: bucket {@code shard_id % max_concurrency} admits one IDENTIFY per
 * window, and {@code session_start_limit} admits {@code total} session starts per 24 h. Thread-safe
 * (tests read the record list from their own thread).
 */
public final class SimIdentifyBuckets {
  /** Discord resets session_start_limit once a day. */
  public static final long SESSION_START_RESET_MS = 24L * 60 * 60 * 1000;
  /** Keeps the record list bounded however long the simulator runs. */
  public static final int MAX_RECORDS = 100_000;

  public enum Decision { ALLOWED, BUCKET_VIOLATION, SESSION_START_EXHAUSTED }

  private final Clock clock;
  private final int maxConcurrency;
  private final long windowMs;
  private final int sessionStartTotal;
  private final Map<Integer, Long> lastIdentifyPerBucket = new HashMap<>();
  private final ArrayDeque<SimIdentifyRecord> records = new ArrayDeque<>();
  private int remaining;
  private long resetAtMs;

  public SimIdentifyBuckets(Clock clock, int maxConcurrency, long windowMs, int sessionStartTotal, int remaining) {
    this.clock = clock;
    this.maxConcurrency = maxConcurrency;
    this.windowMs = windowMs;
    this.sessionStartTotal = sessionStartTotal;
    this.remaining = remaining;
    this.resetAtMs = clock.millis() + SESSION_START_RESET_MS;
  }

  public Decision tryIdentify(int shard) {
    return tryIdentify(shard, null);
  }

  /** Decides on one IDENTIFY of {@code shard} and records it. Only an admitted one uses up budget. */
  public synchronized Decision tryIdentify(int shard, JsonObject identifyData) {
    long now = clock.millis();
    resetIfDue(now);
    int bucket = shard % maxConcurrency;
    Long last = lastIdentifyPerBucket.get(bucket);
    Decision decision;
    if (last != null && now - last < windowMs) {
      decision = Decision.BUCKET_VIOLATION;
    } else if (remaining <= 0) {
      decision = Decision.SESSION_START_EXHAUSTED;
    } else {
      decision = Decision.ALLOWED;
      lastIdentifyPerBucket.put(bucket, now);
      remaining--;
    }
    if (records.size() >= MAX_RECORDS) {
      records.removeFirst();
    }
    records.add(new SimIdentifyRecord(shard, bucket, now, decision,
        identifyData == null ? null : SimIdentifyRecord.withoutToken(identifyData)));
    return decision;
  }

  public synchronized List<SimIdentifyRecord> records() {
    return List.copyOf(records);
  }

  /** The {@code session_start_limit} object of GET /gateway/bot. */
  public synchronized JsonObject sessionStartLimit() {
    long now = clock.millis();
    resetIfDue(now);
    return new JsonObject().put("total", sessionStartTotal).put("remaining", remaining)
        .put("reset_after", Math.max(0, resetAtMs - now)).put("max_concurrency", maxConcurrency);
  }

  private void resetIfDue(long now) {
    if (now >= resetAtMs) {
      remaining = sessionStartTotal;
      resetAtMs = now + SESSION_START_RESET_MS;
    }
  }
}
