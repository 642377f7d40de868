package io.shardgate.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * gateway-proxy's {@code gateway_shard_events{shard, event_type}} counter, kept here rather than in
 * Micrometer because Micrometer's Prometheus output (1.13+) always names a counter {@code ..._total},
 * while gateway-proxy (metrics-exporter-prometheus 0.16) exports the bare name that dashboards query.
 * Rendered in the Prometheus text format by {@link #render}.
 *
 * <p>Hot path: one array read and one map read with the caller's (usually interned) event name, then
 * an atomic increment; no allocation once a (shard, event type) pair has been seen. The number of
 * distinct event types is bounded so that an upstream sending made-up names cannot grow the output
 * without limit: names beyond the bound, and names that are not plausible event names, count under
 * {@link #OVERFLOW_EVENT_TYPE}.
 */
final class ShardEventCounters {

  static final String METRIC = "gateway_shard_events";
  /** Discord has fewer than 100 dispatch event names; this leaves room for years of new ones. */
  static final int MAX_EVENT_TYPES = 256;
  static final int MAX_EVENT_TYPE_LENGTH = 64;
  static final String OVERFLOW_EVENT_TYPE = "UNKNOWN";

  private static final IntFunction<ConcurrentHashMap<String, AtomicLong>> NEW_SHARD =
      shard -> new ConcurrentHashMap<>();
  private static final Function<String, AtomicLong> NEW_COUNTER = eventType -> new AtomicLong();

  private final ShardTable<ConcurrentHashMap<String, AtomicLong>> byShard = new ShardTable<>();
  private final ConcurrentHashMap<String, String> knownEventTypes = new ConcurrentHashMap<>();
  private final AtomicInteger knownEventTypeCount = new AtomicInteger();

  void increment(int shard, String eventType) {
    ConcurrentHashMap<String, AtomicLong> counters = byShard.computeIfAbsent(shard, NEW_SHARD);
    if (counters == null) {
      return; // shard id out of range: nothing sensible to label it with
    }
    AtomicLong counter = eventType == null ? null : counters.get(eventType);
    if (counter == null) {
      counter = counters.computeIfAbsent(admit(eventType), NEW_COUNTER);
    }
    counter.incrementAndGet();
  }

  /** The count for one (shard, event type) label pair; 0 when never counted. */
  long count(int shard, String eventType) {
    Map<String, AtomicLong> counters = byShard.get(shard);
    AtomicLong counter = counters == null ? null : counters.get(eventType);
    return counter == null ? 0 : counter.get();
  }

  void forget(int shard) {
    byShard.remove(shard);
  }

  /** Appends the counter family in the Prometheus text format (0.0.4), or nothing when empty. */
  void render(StringBuilder out) {
    StringBuilder rows = new StringBuilder();
    byShard.forEach((shard, counters) -> new TreeMap<>(counters).forEach((eventType, counter) ->
        rows.append(METRIC).append("{shard=\"").append(shard).append("\",event_type=\"").append(eventType)
            .append("\"} ").append(counter.get()).append('\n')));
    if (rows.length() == 0) {
      return;
    }
    out.append("# HELP ").append(METRIC).append(" Dispatch events received from Discord, by shard and event type\n")
        .append("# TYPE ").append(METRIC).append(" counter\n")
        .append(rows);
  }

  /** The label value to count {@code eventType} under: itself while the bound allows, else the overflow. */
  private String admit(String eventType) {
    if (!plausibleEventType(eventType)) {
      return OVERFLOW_EVENT_TYPE;
    }
    String known = knownEventTypes.get(eventType);
    if (known != null) {
      return known;
    }
    if (knownEventTypeCount.incrementAndGet() > MAX_EVENT_TYPES) {
      knownEventTypeCount.decrementAndGet();
      return OVERFLOW_EVENT_TYPE;
    }
    String raced = knownEventTypes.putIfAbsent(eventType, eventType);
    if (raced != null) {
      knownEventTypeCount.decrementAndGet();
      return raced;
    }
    return eventType;
  }

  /** Discord's names are upper snake case; this also keeps label values free of anything to escape. */
  static boolean plausibleEventType(String eventType) {
    if (eventType == null || eventType.isEmpty() || eventType.length() > MAX_EVENT_TYPE_LENGTH) {
      return false;
    }
    for (int i = 0; i < eventType.length(); i++) {
      char c = eventType.charAt(i);
      boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      if (!allowed) {
        return false;
      }
    }
    return true;
  }
}
