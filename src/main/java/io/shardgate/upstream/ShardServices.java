package io.shardgate.upstream;

import io.shardgate.metrics.CacheStats;
import io.shardgate.metrics.GatewayMetrics;
import io.shardgate.metrics.ShardStats;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every shard verticle of a node shares: the identify gate, where statuses, cache counts and
 * replay/checkpoint figures are published, and the metrics. The maps are written from shard event loops and read by /metrics.
 */
public record ShardServices(IdentifyQueue identifyQueue, ShardStatusRegistry statuses, GatewayMetrics metrics,
    Map<Integer, CacheStats> cacheStats, Map<Integer, ShardStats> shardStats) {

  public static ShardServices create(IdentifyQueue identifyQueue, ShardStatusRegistry statuses,
      GatewayMetrics metrics) {
    return new ShardServices(identifyQueue, statuses, metrics, new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>());
  }
}
