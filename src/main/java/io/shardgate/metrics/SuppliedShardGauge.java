package io.shardgate.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * A {@code name{shard}} gauge whose rows are replaced from a per-shard map at each scrape, so shards
 * that appear get a row and shards that left this node lose theirs.
 */
final class SuppliedShardGauge<T> {

  private final MultiGauge gauge;
  private final ToDoubleFunction<T> value;

  SuppliedShardGauge(MeterRegistry registry, String name, String description, ToDoubleFunction<T> value) {
    this.gauge = MultiGauge.builder(name).description(description).register(registry);
    this.value = value;
  }

  void refresh(Map<Integer, T> byShard) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>(byShard.size());
    byShard.forEach((shard, entry) -> {
      if (shard != null && entry != null) {
        rows.add(MultiGauge.Row.of(Tags.of(ShardSummaries.SHARD_TAG, shard.toString()), value.applyAsDouble(entry)));
      }
    });
    gauge.register(rows, true);
  }
}
