package io.shardgate.bench;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The highest dispatch rate delivered without growing lag, per way: 16 shards × 1 client, and
 * 1 shard × 50 clients (fan-out). The offered rate doubles step by step from {@link #START_TOTAL};
 * in full mode one more step tries halfway between the last sustained rate and the first failed one.
 */
final class ThroughputScenario implements Scenario {
  /** Events/s delivered in total (all clients) at the first step. */
  static final double START_TOTAL = 2_500;
  static final double GOAL_RATIO = 0.9;

  private record Load(String label, int shards, int clientsPerShard) {
  }

  private static final List<Load> LOADS = List.of(new Load("16 shards × 1 client", 16, 1),
      new Load("1 shard × 50 clients", 1, 50));

  @Override
  public String name() {
    return "throughput";
  }

  @Override
  public long timeoutSeconds(BenchSettings settings) {
    return settings.quick() ? 120 : 600;
  }

  @Override
  public void run(BenchContext context, ScenarioReport report) throws Exception {
    BenchSettings settings = context.settings();
    report.setting("offered rate doubles from " + Stats.fmt(START_TOTAL, 0) + " events/s delivered in total, up to "
        + settings.maxRampSteps() + " steps" + (settings.quick() ? "" : " plus one halfway step")
        + "; each step: " + settings.warmupMs() + " ms warm-up, " + settings.measureMs() + " ms measured")
        .setting("sustained: ≥ " + (int) (RateStep.DELIVERED_SHARE * 100) + " % of the offered events arrive, lag p99 ≤ "
            + (int) RateStep.LAG_BOUND_MS + " ms, no client dropped")
        .setting("node backpressure " + NodeConfigs.BENCH_BACKPRESSURE + " frames (gateway-proxy default 100); "
            + "proxy CPU = utime + stime of the shardgate processes from /proc");
    Table table = new Table("load", "way", "sustained events/s", "vs direct", "proxy CPU s / 100k events",
        "goal", "result");
    for (Load load : LOADS) {
      measureLoad(settings, context.topologies().get(load.shards()), load, table);
      context.topologies().release(load.shards());
    }
    report.table(table);
    if (settings.quick()) {
      report.note("Quick mode runs only the first step: the figures are a floor, not the capacity.");
    }
  }

  private void measureLoad(BenchSettings settings, RelayTopology topology, Load load, Table table)
      throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Map<String, double[]> results = new HashMap<>();
      for (Way way : topology.ways) {
        results.put(way.label(), measureWay(settings, vertx, way, load));
      }
      double direct = results.get(Way.DIRECT)[0];
      for (Way way : topology.ways) {
        double[] result = results.get(way.label());
        boolean met = result[0] >= GOAL_RATIO * direct;
        table.row(load.label(), way.label(), Stats.fmt(result[0], 0), Stats.ratio(result[0], direct),
            Stats.fmt(result[1], 2), way.direct() ? "reference" : "≥ 0.9× direct",
            way.direct() ? "" : Stats.metOrMissed(met));
      }
    } finally {
      ClientVertx.close(vertx);
    }
  }

  /** Median sustained rate over the repeats, and the median proxy CPU per 100k events at that rate. */
  private double[] measureWay(BenchSettings settings, Vertx vertx, Way way, Load load) throws Exception {
    List<Double> rates = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    int firstStep = 0;
    try (ClientGroup group = ClientGroup.connect(vertx, way, load.shards(), load.shards(), load.clientsPerShard(),
        false)) {
      for (int repeat = 0; repeat < settings.repeats(); repeat++) {
        RampResult ramp = ramp(settings, way, group, load, firstStep);
        rates.add(ramp.best == null ? 0 : ramp.best.deliveredPerSecond());
        cpu.add(ramp.best == null ? Double.NaN : ramp.best.proxyCpuPer100k());
        firstStep = Math.max(0, ramp.bestStep - 1);
      }
    }
    return new double[] {Stats.median(rates), Stats.median(cpu.stream().filter(v -> !v.isNaN()).toList())};
  }

  private record RampResult(RateStep best, int bestStep) {
  }

  private RampResult ramp(BenchSettings settings, Way way, ClientGroup group, Load load, int firstStep)
      throws InterruptedException {
    RateStep best = null;
    int bestStep = firstStep;
    boolean anyEvent = false;
    for (int step = firstStep; step < settings.maxRampSteps(); step++) {
      double total = START_TOTAL * Math.pow(2, step);
      RateStep result = runStep(settings, way, group, load, total);
      anyEvent |= result.deliveredPerSecond() > 0;
      if (!result.sustained()) {
        if (!settings.quick() && best != null) {
          RateStep halfway = runStep(settings, way, group, load, total * 0.75);
          anyEvent |= halfway.deliveredPerSecond() > 0;
          best = halfway.sustained() ? halfway : best;
        }
        break;
      }
      best = result;
      bestStep = step;
    }
    if (!anyEvent) {
      throw new BenchFailure(way.label() + ", " + load.label() + ": the clients received no event");
    }
    return new RampResult(best, bestStep);
  }

  private static RateStep runStep(BenchSettings settings, Way way, ClientGroup group, Load load, double total)
      throws InterruptedException {
    double perShard = total / load.shards() / load.clientsPerShard();
    return RateStep.run(way, group, perShard, total, settings);
  }
}
