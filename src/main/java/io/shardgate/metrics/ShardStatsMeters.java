package io.shardgate.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.shardgate.config.ReplayWindowConfig;
import java.util.List;
import java.util.Map;

/**
 * Each shard's replay window fill and last checkpoint round ({@link ShardStats}), plus the configured
 * bounds once per node. The bounds are plain gauges without a shard label, rather than labels on the
 * per-shard series, so that "how full is the window" is one division in PromQL
 * ({@code shardgate_replay_window_bytes / ignoring(shard) group_left shardgate_replay_window_max_bytes})
 * and a config change does not start new series.
 */
final class ShardStatsMeters {

  static final String REPLAY_EVENTS = "shardgate_replay_window_events";
  static final String REPLAY_BYTES = "shardgate_replay_window_bytes";
  static final String REPLAY_OLDEST_AGE = "shardgate_replay_window_oldest_age_seconds";
  static final String REPLAY_MAX_EVENTS = "shardgate_replay_window_max_events";
  static final String REPLAY_MAX_BYTES = "shardgate_replay_window_max_bytes";
  static final String REPLAY_MAX_AGE = "shardgate_replay_window_max_age_seconds";
  static final String CHECKPOINT_GUILDS = "shardgate_checkpoint_guilds_written";
  static final String CHECKPOINT_BYTES = "shardgate_checkpoint_bytes_written";
  static final String CHECKPOINT_DURATION = "shardgate_checkpoint_duration_seconds";
  static final String CHECKPOINT_INTERVAL = "shardgate_checkpoint_interval_seconds";

  private static final double MILLIS_PER_SECOND = 1_000.0;

  private final List<SuppliedShardGauge<ShardStats>> gauges;

  ShardStatsMeters(MeterRegistry registry, ReplayWindowConfig bounds, long checkpointIntervalMs) {
    constant(registry, REPLAY_MAX_EVENTS, "Configured replay_window.max_events: frames kept per shard",
        bounds.maxEvents());
    constant(registry, REPLAY_MAX_BYTES, "Configured replay_window.max_bytes: payload bytes kept per shard",
        bounds.maxBytes());
    constant(registry, REPLAY_MAX_AGE, "Configured replay_window.max_age_seconds: how long a frame stays "
        + "resumable", bounds.maxAgeSeconds());
    constant(registry, CHECKPOINT_INTERVAL, "Configured checkpoint_interval_ms, in seconds",
        checkpointIntervalMs / MILLIS_PER_SECOND);
    gauges = List.of(
        new SuppliedShardGauge<>(registry, REPLAY_EVENTS, "Frames in the shard's replay window",
            ShardStats::replayEvents),
        new SuppliedShardGauge<>(registry, REPLAY_BYTES,
            "Payload bytes in the shard's replay window (heap it keeps alive)", ShardStats::replayBytes),
        new SuppliedShardGauge<>(registry, REPLAY_OLDEST_AGE,
            "Age of the oldest frame in the shard's replay window, 0 when empty",
            stats -> stats.replayOldestAgeMillis() / MILLIS_PER_SECOND),
        new SuppliedShardGauge<>(registry, CHECKPOINT_GUILDS,
            "Guilds written by the shard's last checkpoint round (those that changed)",
            ShardStats::checkpointGuildsWritten),
        new SuppliedShardGauge<>(registry, CHECKPOINT_BYTES,
            "Guild bytes written by the shard's last checkpoint round", ShardStats::checkpointBytesWritten),
        new SuppliedShardGauge<>(registry, CHECKPOINT_DURATION,
            "Duration of the shard's last checkpoint round", stats -> stats.checkpointMillis() / MILLIS_PER_SECOND));
  }

  /** Called by scrapes, which {@link GatewayMetrics} serialises. */
  void refresh(Map<Integer, ShardStats> stats) {
    gauges.forEach(gauge -> gauge.refresh(stats));
  }

  private static void constant(MeterRegistry registry, String name, String description, double value) {
    Gauge.builder(name, () -> value).description(description).register(registry);
  }
}
