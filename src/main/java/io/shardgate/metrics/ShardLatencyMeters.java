package io.shardgate.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One shard's {@code gateway_shard_latency} gauge and {@code gateway_shard_latency_histogram}
 * summary, both in seconds as gateway-proxy exports them (it records twilight's latest heartbeat
 * round trip as {@code as_secs_f64}).
 */
final class ShardLatencyMeters {

  static final String GAUGE = "gateway_shard_latency";
  static final String HISTOGRAM = "gateway_shard_latency_histogram";
  private static final double MILLIS_PER_SECOND = 1000.0;

  private final MeterRegistry registry;
  private final Gauge gauge;
  private final DistributionSummary histogram;
  private volatile double latestSeconds = Double.NaN;

  ShardLatencyMeters(MeterRegistry registry, int shard) {
    this.registry = registry;
    this.gauge = Gauge.builder(GAUGE, this, meters -> meters.latestSeconds)
        .description("Round trip of the shard's latest heartbeat, in seconds")
        .tag(ShardSummaries.SHARD_TAG, Integer.toString(shard))
        .strongReference(true)
        .register(registry);
    this.histogram = ShardSummaries.register(registry, HISTOGRAM,
        "Heartbeat round trips of the shard, in seconds", shard);
  }

  void record(long millis) {
    double seconds = millis / MILLIS_PER_SECOND;
    latestSeconds = seconds;
    histogram.record(seconds);
  }

  void remove() {
    registry.remove(gauge);
    registry.remove(histogram);
  }
}
