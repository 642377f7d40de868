package io.shardgate.bench;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Latency from the simulator's send time to a client's receipt at a fixed 5k events/s (16 shards ×
 * 1 client), per way, with and without zlib-stream. "Added" is the proxied percentile minus the
 * direct one of the same run.
 */
final class LatencyScenario implements Scenario {
  static final int SHARDS = 16;
  static final double TOTAL_RATE = 5_000;
  static final long FULL_MEASURE_MS = 5_000;
  static final double GOAL_ONE_NODE_P99_MS = 1.0;
  static final double GOAL_CROSS_NODE_P99_MS = 2.0;
  private static final double[] PERCENTILES = {50, 99, 99.9};
  private static final long QUIET_MS = 300;
  private static final long MAX_DRAIN_MS = 10_000;

  @Override
  public String name() {
    return "latency";
  }

  @Override
  public long timeoutSeconds(BenchSettings settings) {
    return settings.quick() ? 90 : 300;
  }

  @Override
  public void run(BenchContext context, ScenarioReport report) throws Exception {
    BenchSettings settings = context.settings();
    long measureMs = settings.quick() ? settings.measureMs() : FULL_MEASURE_MS;
    report.setting(Stats.fmt(TOTAL_RATE, 0) + " events/s in total over " + SHARDS + " shards, one client per shard; "
        + settings.warmupMs() + " ms warm-up, " + measureMs + " ms measured per repetition")
        .setting("latency = client receipt − `d._sim.ts` (simulator send time, same clock); the simulator emits in"
            + " 10 ms batches, so a batch's last event waits behind the others on every way alike");
    RelayTopology topology = context.topologies().get(SHARDS);
    Vertx vertx = Vertx.vertx();
    Table table = new Table("compression", "way", "p50 ms", "p99 ms", "p99.9 ms", "added p50 / p99 / p99.9 ms",
        "goal (added p99)", "result");
    try {
      for (boolean zlib : new boolean[] {false, true}) {
        Map<String, double[]> byWay = new LinkedHashMap<>();
        for (Way way : topology.ways) {
          byWay.put(way.label(), measure(settings, vertx, way, zlib, measureMs));
        }
        addRows(table, zlib ? "zlib-stream" : "none", byWay);
      }
    } finally {
      ClientVertx.close(vertx);
    }
    report.table(table);
  }

  private void addRows(Table table, String compression, Map<String, double[]> byWay) {
    double[] direct = byWay.get(Way.DIRECT);
    byWay.forEach((way, p) -> {
      boolean isDirect = way.equals(Way.DIRECT);
      double goal = way.equals(Way.ONE_NODE) ? GOAL_ONE_NODE_P99_MS : GOAL_CROSS_NODE_P99_MS;
      double addedP99 = p[1] - direct[1];
      table.row(compression, way, Stats.fmt(p[0], 2), Stats.fmt(p[1], 2), Stats.fmt(p[2], 2),
          isDirect ? "reference" : Stats.fmt(p[0] - direct[0], 2) + " / " + Stats.fmt(addedP99, 2) + " / "
              + Stats.fmt(p[2] - direct[2], 2),
          isDirect ? "" : "≤ " + Stats.fmt(goal, 0) + " ms", isDirect ? "" : Stats.metOrMissed(addedP99 <= goal));
    });
  }

  /** Median over the repeats of p50, p99, p99.9 in ms. */
  private double[] measure(BenchSettings settings, Vertx vertx, Way way, boolean zlib, long measureMs)
      throws Exception {
    List<List<Double>> samples = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    try (ClientGroup group = ClientGroup.connect(vertx, way, SHARDS, SHARDS, 1, zlib)) {
      for (int repeat = 0; repeat < settings.repeats(); repeat++) {
        way.simulator().rate(TOTAL_RATE / SHARDS);
        Thread.sleep(settings.warmupMs());
        group.resetWindows(0);
        Thread.sleep(measureMs);
        Histogram latency = group.latency();
        way.simulator().rate(0);
        if (latency.getTotalCount() == 0) {
          throw new BenchFailure(way.label() + (zlib ? " (zlib-stream)" : "") + ": the clients received no event");
        }
        for (int i = 0; i < PERCENTILES.length; i++) {
          samples.get(i).add(latency.getValueAtPercentile(PERCENTILES[i]) / 1000.0);
        }
        group.awaitQuiet(QUIET_MS, MAX_DRAIN_MS);
      }
    }
    return samples.stream().mapToDouble(Stats::median).toArray();
  }
}
