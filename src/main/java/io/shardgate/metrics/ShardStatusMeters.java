package io.shardgate.metrics;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.shardgate.upstream.ShardStatus;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The shard status, sampled once per scrape from the node's status registry.
 *
 * <p>{@code gateway_shard_status{shard}}: gateway-proxy records the status as a histogram (so, with
 * its exporter, a summary) every ~10 s; dashboards read its quantile series. It is mirrored as a
 * summary with the same quantiles, fed one sample per scrape, with {@link GatewayProxyStatus}'s
 * numbers (0 fatally closed, 1 disconnected, 2 identifying, 3 resuming, 4 active).
 *
 * <p>{@code shardgate_shard_status{shard}}: the same number as a plain gauge, for new dashboards
 * and alerts (a Prometheus name cannot be both a summary and a gauge).
 */
final class ShardStatusMeters {

  static final String SUMMARY = "gateway_shard_status";
  static final String GAUGE = "shardgate_shard_status";

  private final MeterRegistry registry;
  private final Map<Integer, DistributionSummary> summaries = new HashMap<>();
  private final SuppliedShardGauge<ShardStatus> gauge;

  ShardStatusMeters(MeterRegistry registry) {
    this.registry = registry;
    this.gauge = new SuppliedShardGauge<>(registry, GAUGE,
        "Shard connection state: 0 fatally closed, 1 disconnected, 2 identifying, 3 resuming, 4 active",
        status -> GatewayProxyStatus.of(status.state()));
  }

  /** Called by scrapes, which {@link GatewayMetrics} serialises. */
  void refresh(Map<Integer, ShardStatus> statuses) {
    statuses.forEach((shard, status) -> {
      if (shard != null && status != null && ShardTable.inRange(shard)) {
        summaries.computeIfAbsent(shard, this::register).record(GatewayProxyStatus.of(status.state()));
      }
    });
    for (Iterator<Map.Entry<Integer, DistributionSummary>> it = summaries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Integer, DistributionSummary> entry = it.next();
      if (!statuses.containsKey(entry.getKey())) {
        registry.remove(entry.getValue());
        it.remove();
      }
    }
    gauge.refresh(statuses);
  }

  private DistributionSummary register(int shard) {
    return ShardSummaries.register(registry, SUMMARY,
        "Shard connection state sampled at each scrape: 0 fatally closed, 1 disconnected, 2 identifying, "
            + "3 resuming, 4 active", shard);
  }
}
