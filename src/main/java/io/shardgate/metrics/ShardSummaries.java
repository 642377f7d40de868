package io.shardgate.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * Builds per-shard summaries shaped like gateway-proxy's histograms. gateway-proxy installs
 * metrics-exporter-prometheus without buckets, which renders every histogram as a Prometheus
 * summary with quantiles 0, 0.5, 0.9, 0.95, 0.99, 0.999 and 1 over a rolling window of three 20 s
 * buckets; Micrometer's percentiles with the same quantiles and window give the same series
 * ({@code name{quantile=..}}, {@code name_sum}, {@code name_count}; Micrometer adds {@code name_max}).
 */
final class ShardSummaries {

  static final String SHARD_TAG = "shard";
  static final double[] GATEWAY_PROXY_QUANTILES = {0.0, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0};
  private static final Duration WINDOW = Duration.ofSeconds(60);
  private static final int WINDOW_BUCKETS = 3;
  /** Significant decimal digits of the quantile estimates: about 1% error, at a few KB per series. */
  private static final int QUANTILE_PRECISION = 2;

  private ShardSummaries() {
  }

  static DistributionSummary register(MeterRegistry registry, String name, String description, int shard) {
    return DistributionSummary.builder(name)
        .description(description)
        .tag(SHARD_TAG, Integer.toString(shard))
        .publishPercentiles(GATEWAY_PROXY_QUANTILES)
        .percentilePrecision(QUANTILE_PRECISION)
        .distributionStatisticExpiry(WINDOW)
        .distributionStatisticBufferLength(WINDOW_BUCKETS)
        .register(registry);
  }
}
