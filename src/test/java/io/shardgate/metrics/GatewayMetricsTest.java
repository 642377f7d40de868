package io.shardgate.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.config.ReplayWindowConfig;
import io.shardgate.upstream.GatewaySession;
import io.shardgate.upstream.ShardState;
import io.shardgate.upstream.ShardStatus;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

  private final GatewayMetrics metrics = new GatewayMetrics();

  private Scrape scrape() {
    return Scrape.parse(metrics.scrape());
  }

  private static ShardStatus status(int shard, ShardState state) {
    return new ShardStatus(shard, state, new GatewaySession("secret-session", 5, "wss://resume"), null, 42, 1, 0);
  }

  @Test
  void shard_events_use_gateway_proxys_counter_name_and_labels_without_total_suffix() {
    metrics.shardEvent(0, "MESSAGE_CREATE");
    metrics.shardEvent(0, "MESSAGE_CREATE");
    metrics.shardEvent(0, "GUILD_CREATE");
    metrics.shardEvent(7, "MESSAGE_CREATE");

    String text = metrics.scrape();
    Scrape scrape = Scrape.parse(text);
    assertEquals("counter", scrape.types().get("gateway_shard_events"));
    assertEquals(2.0, scrape.value("gateway_shard_events{shard=\"0\",event_type=\"MESSAGE_CREATE\"}"));
    assertEquals(1.0, scrape.value("gateway_shard_events{shard=\"0\",event_type=\"GUILD_CREATE\"}"));
    assertEquals(1.0, scrape.value("gateway_shard_events{shard=\"7\",event_type=\"MESSAGE_CREATE\"}"));
    assertEquals(3, scrape.seriesOf("gateway_shard_events").size());
    assertFalse(text.contains("gateway_shard_events_total"), text);
  }

  @Test
  void distinct_event_types_are_bounded_and_the_excess_counts_under_unknown() {
    for (int i = 0; i < ShardEventCounters.MAX_EVENT_TYPES; i++) {
      metrics.shardEvent(0, "EVENT_" + i);
    }
    metrics.shardEvent(0, "ONE_TOO_MANY");
    metrics.shardEvent(1, "ANOTHER_ONE");
    metrics.shardEvent(1, "EVENT_3"); // admitted names keep counting on every shard

    Scrape scrape = scrape();
    assertEquals(ShardEventCounters.MAX_EVENT_TYPES + 3, scrape.seriesOf("gateway_shard_events").size());
    assertEquals(1.0, scrape.value("gateway_shard_events{shard=\"0\",event_type=\"UNKNOWN\"}"));
    assertEquals(1.0, scrape.value("gateway_shard_events{shard=\"1\",event_type=\"UNKNOWN\"}"));
    assertEquals(1.0, scrape.value("gateway_shard_events{shard=\"1\",event_type=\"EVENT_3\"}"));
    assertNull(scrape.value("gateway_shard_events{shard=\"0\",event_type=\"ONE_TOO_MANY\"}"));
  }

  @Test
  void implausible_event_types_count_under_unknown_and_never_reach_the_output() {
    metrics.shardEvent(0, null);
    metrics.shardEvent(0, "");
    metrics.shardEvent(0, "BAD\"} 1\ninjected_metric 1");
    metrics.shardEvent(0, "X".repeat(ShardEventCounters.MAX_EVENT_TYPE_LENGTH + 1));

    String text = metrics.scrape();
    assertEquals(4.0, Scrape.parse(text).value("gateway_shard_events{shard=\"0\",event_type=\"UNKNOWN\"}"));
    assertFalse(text.contains("injected_metric"), text);
  }

  @Test
  void out_of_range_shard_ids_are_ignored() {
    metrics.shardEvent(-1, "READY");
    metrics.shardEvent(ShardTable.MAX_SHARD_ID + 1, "READY");
    metrics.shardLatency(-1, 10);

    assertTrue(scrape().seriesOf("gateway_shard_events").isEmpty());
    assertTrue(scrape().seriesOf("gateway_shard_latency").isEmpty());
  }

  @Test
  void latency_is_a_gauge_and_a_summary_in_seconds_with_gateway_proxys_quantiles() {
    metrics.shardLatency(3, 250);
    metrics.shardLatency(3, 50);

    Scrape scrape = scrape();
    assertEquals("gauge", scrape.types().get("gateway_shard_latency"));
    assertEquals(0.05, scrape.value("gateway_shard_latency{shard=\"3\"}"));
    assertEquals("summary", scrape.types().get("gateway_shard_latency_histogram"));
    assertEquals(2.0, scrape.value("gateway_shard_latency_histogram_count{shard=\"3\"}"));
    assertEquals(0.3, scrape.value("gateway_shard_latency_histogram_sum{shard=\"3\"}"), 1e-9);
    for (String quantile : new String[] {"0.0", "0.5", "0.9", "0.95", "0.99", "0.999", "1.0"}) {
      assertTrue(scrape.samples().containsKey(
          "gateway_shard_latency_histogram{shard=\"3\",quantile=\"" + quantile + "\"}"), quantile);
    }
    assertEquals(0.25, scrape.value("gateway_shard_latency_histogram{shard=\"3\",quantile=\"1.0\"}"), 0.25 * 0.02);
  }

  @Test
  void shard_status_uses_gateway_proxys_numbers_as_summary_and_as_gauge() {
    metrics.bindShardStatus(() -> Map.of(
        0, status(0, ShardState.FATALLY_CLOSED),
        1, status(1, ShardState.DISCONNECTED),
        2, status(2, ShardState.IDENTIFYING),
        3, status(3, ShardState.RESUMING),
        4, status(4, ShardState.ACTIVE)));

    Scrape scrape = scrape();
    assertEquals("summary", scrape.types().get("gateway_shard_status"));
    assertEquals("gauge", scrape.types().get("shardgate_shard_status"));
    for (int shard = 0; shard <= 4; shard++) {
      double expected = shard; // shard N was given the state gateway-proxy numbers N
      assertEquals(expected, scrape.value("shardgate_shard_status{shard=\"" + shard + "\"}"));
      assertEquals(expected, scrape.value("gateway_shard_status{shard=\"" + shard + "\",quantile=\"0.5\"}"));
      assertEquals(1.0, scrape.value("gateway_shard_status_count{shard=\"" + shard + "\"}"));
    }
  }

  @Test
  void supplied_gauges_follow_shards_that_appear_and_leave() {
    AtomicReference<Map<Integer, ShardStatus>> statuses =
        new AtomicReference<>(Map.of(0, status(0, ShardState.IDENTIFYING)));
    AtomicReference<Map<Integer, Integer>> clients = new AtomicReference<>(Map.of(0, 2));
    metrics.bindShardStatus(statuses::get);
    metrics.bindClients(clients::get);
    assertEquals(2.0, scrape().value("gateway_shard_status{shard=\"0\",quantile=\"1.0\"}"));

    statuses.set(Map.of(1, status(1, ShardState.ACTIVE)));
    clients.set(Map.of(1, 5));
    Scrape scrape = scrape();

    assertEquals(Map.of("shardgate_shard_status{shard=\"1\"}", 4.0), scrape.seriesOf("shardgate_shard_status"));
    assertEquals(Map.of("shardgate_clients{shard=\"1\"}", 5.0), scrape.seriesOf("shardgate_clients"));
    assertNull(scrape.value("gateway_shard_status_count{shard=\"0\"}"));
    assertEquals(1.0, scrape.value("gateway_shard_status_count{shard=\"1\"}"));
  }

  @Test
  void cache_stats_use_gateway_proxys_cache_gauge_names() {
    metrics.bindCacheStats(() -> Map.of(2, new CacheStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));

    Scrape scrape = scrape();
    Map<String, Double> expected = Map.of(
        "gateway_cache_guilds", 1.0, "gateway_cache_unavailable_guilds", 2.0, "gateway_cache_channels", 3.0,
        "gateway_cache_roles", 4.0, "gateway_cache_members", 5.0, "gateway_cache_presences", 6.0,
        "gateway_cache_users", 7.0, "gateway_cache_emojis", 8.0, "gateway_cache_voice_states", 9.0,
        "shardgate_cache_bytes", 10.0);
    expected.forEach((name, value) -> {
      assertEquals("gauge", scrape.types().get(name), name);
      assertEquals(value, scrape.value(name + "{shard=\"2\"}"), name);
    });
  }

  @Test
  void shard_stats_export_replay_window_and_checkpoint_gauges_per_shard_in_base_units() {
    metrics.bindShardStats(() -> Map.of(3, new ShardStats(120, 65_536, 2_500, 7, 4_096, 12)),
        ReplayWindowConfig.defaults(), 5_000);

    Scrape scrape = scrape();
    Map<String, Double> expected = Map.of(
        "shardgate_replay_window_events", 120.0, "shardgate_replay_window_bytes", 65_536.0,
        "shardgate_replay_window_oldest_age_seconds", 2.5, "shardgate_checkpoint_guilds_written", 7.0,
        "shardgate_checkpoint_bytes_written", 4_096.0, "shardgate_checkpoint_duration_seconds", 0.012);
    expected.forEach((name, value) -> {
      assertEquals("gauge", scrape.types().get(name), name);
      assertEquals(Map.of(name + "{shard=\"3\"}", value), scrape.seriesOf(name), name);
    });
  }

  @Test
  void configured_bounds_are_exported_once_without_a_shard_label() {
    metrics.bindShardStats(() -> Map.of(0, ShardStats.EMPTY, 1, ShardStats.EMPTY),
        new ReplayWindowConfig(1_000, 1_048_576, 60), 750);

    Scrape scrape = scrape();
    assertEquals(Map.of("shardgate_replay_window_max_events", 1_000.0), scrape.seriesOf("shardgate_replay_window_max_events"));
    assertEquals(Map.of("shardgate_replay_window_max_bytes", 1_048_576.0), scrape.seriesOf("shardgate_replay_window_max_bytes"));
    assertEquals(Map.of("shardgate_replay_window_max_age_seconds", 60.0),
        scrape.seriesOf("shardgate_replay_window_max_age_seconds"));
    assertEquals(Map.of("shardgate_checkpoint_interval_seconds", 0.75), scrape.seriesOf("shardgate_checkpoint_interval_seconds"));
    assertEquals(0.0, scrape.value("shardgate_replay_window_oldest_age_seconds{shard=\"1\"}"), "0 when empty");
  }

  @Test
  void shard_stats_follow_shards_that_appear_and_leave() {
    AtomicReference<Map<Integer, ShardStats>> stats =
        new AtomicReference<>(Map.of(0, new ShardStats(1, 10, 0, 0, 0, 0)));
    metrics.bindShardStats(stats::get, ReplayWindowConfig.defaults(), 5_000);
    assertEquals(1.0, scrape().value("shardgate_replay_window_events{shard=\"0\"}"));

    stats.set(Map.of(1, new ShardStats(2, 20, 0, 0, 0, 0)));

    assertEquals(Map.of("shardgate_replay_window_events{shard=\"1\"}", 2.0),
        scrape().seriesOf("shardgate_replay_window_events"));
  }

  @Test
  void a_failing_supplier_does_not_break_the_scrape() {
    metrics.bindClients(() -> {
      throw new IllegalStateException("boom");
    });
    metrics.shardEvent(0, "READY");

    assertEquals(1.0, scrape().value("gateway_shard_events{shard=\"0\",event_type=\"READY\"}"));
  }

  @Test
  void binding_a_source_twice_is_refused() {
    metrics.bindClients(Map::of);

    assertThrows(IllegalStateException.class, () -> metrics.bindClients(Map::of));
  }

  @Test
  void forgetting_a_shard_drops_its_pushed_series() {
    metrics.shardEvent(5, "READY");
    metrics.shardLatency(5, 40);
    metrics.shardEvent(6, "READY");

    metrics.forgetShard(5);

    Scrape scrape = scrape();
    assertEquals(Map.of("gateway_shard_events{shard=\"6\",event_type=\"READY\"}", 1.0),
        scrape.seriesOf("gateway_shard_events"));
    assertTrue(scrape.seriesOf("gateway_shard_latency").isEmpty());
    assertNull(scrape.value("gateway_shard_latency_histogram_count{shard=\"5\"}"));
  }

  @Test
  void counting_a_known_event_does_not_allocate() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    String eventType = "MESSAGE_CREATE";
    int shard = 1000; // above Integer's box cache: a boxed key would allocate
    for (int i = 0; i < 200_000; i++) {
      metrics.shardEvent(shard, eventType);
    }
    int calls = 100_000;
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < calls; i++) {
      metrics.shardEvent(shard, eventType);
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;

    // Under a byte per call: the smallest object (16 bytes) allocated per call would be 1.6 MB; the
    // slack absorbs the JIT's own occasional allocations on this thread.
    assertTrue(allocated < calls, "allocated " + allocated + " bytes for " + calls + " events");
    assertEquals(300_000, metrics.eventCount(shard, eventType));
  }
}
