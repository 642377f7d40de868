package io.shardgate.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Time from launching a node to every shard READY upstream, against the identify bound
 * {@code ceil(shards / max_concurrency) × 5 s}. The simulator keeps Discord's real 5 s window (so
 * does shardgate: its window is not configurable). The repetitions of one configuration run side by
 * side (each with its own simulator): they spend nearly all their time waiting for buckets.
 */
final class StartupScenario implements Scenario {
  static final double GOAL_RATIO = 1.1;
  private static final long WINDOW_MS = 5_000;
  private static final int GUILDS_PER_SHARD = 2;
  private static final long POLL_MS = 100;

  private record Config(int shards, int maxConcurrency) {
    double boundSeconds() {
      return Math.ceil((double) shards / maxConcurrency) * WINDOW_MS / 1000.0;
    }
  }

  @Override
  public String name() {
    return "startup";
  }

  @Override
  public long timeoutSeconds(BenchSettings settings) {
    return settings.quick() ? 90 : 420;
  }

  @Override
  public void run(BenchContext context, ScenarioReport report) throws Exception {
    BenchSettings settings = context.settings();
    ProcessLauncher launcher = context.launcher();
    List<Config> configs = settings.quick()
        ? List.of(new Config(2, 1), new Config(4, 4))
        : List.of(new Config(16, 1), new Config(64, 16));
    report.setting("one node (role all) against the simulator with Discord's 5 s identify window; from process"
        + " launch to every shard ACTIVE in GET /shards (polled every " + POLL_MS + " ms); the "
        + settings.repeats() + " repetition(s) of a configuration run side by side")
        .setting(settings.quick()
            ? "quick mode: 2 shards at max_concurrency 1 and 4 shards at max_concurrency 4, instead of 16 and 64 shards"
            : "max_concurrency 1 with 16 shards, not 64: 64 would take 320 s per run by the bound alone");
    Table table = new Table("shards", "max_concurrency", "node up s", "all READY s", "READY after up s", "bound s",
        "vs bound", "identify violations", "goal", "result");
    for (Config config : configs) {
      measure(settings, launcher, config, table);
      launcher.close();
    }
    report.table(table);
  }

  private void measure(BenchSettings settings, ProcessLauncher launcher, Config config, Table table)
      throws Exception {
    List<SimulatorProcess> sims = new ArrayList<>();
    List<ChildProcess> nodes = new ArrayList<>();
    for (int repeat = 0; repeat < settings.repeats(); repeat++) {
      sims.add(launcher.startSimulator("sim-" + config.shards() + "x" + config.maxConcurrency() + "-" + repeat,
          new SimulatorProcess.Spec(config.shards(), config.shards() * GUILDS_PER_SHARD, 0, config.maxConcurrency(),
              WINDOW_MS, false)));
    }
    for (int repeat = 0; repeat < settings.repeats(); repeat++) {
      nodes.add(launcher.startNode("node-" + config.shards() + "x" + config.maxConcurrency() + "-" + repeat,
          NodeConfigs.single(sims.get(repeat), FreePorts.pick())));
    }
    double[] up = new double[nodes.size()];
    double[] ready = new double[nodes.size()];
    long deadline = System.currentTimeMillis() + (long) (config.boundSeconds() * 2_000) + 60_000;
    while (!allSet(ready)) {
      for (int i = 0; i < nodes.size(); i++) {
        ChildProcess node = nodes.get(i);
        if (!node.alive()) {
          throw new BenchFailure(node.name + " exited during startup:\n" + node.lastLogLines(30));
        }
        double elapsed = (System.currentTimeMillis() - node.startedAtMillis) / 1000.0;
        if (up[i] == 0 && answers(node)) {
          up[i] = elapsed;
        }
        if (ready[i] == 0 && RelayTopology.activeShards(node) >= config.shards()) {
          ready[i] = elapsed;
        }
      }
      if (System.currentTimeMillis() > deadline) {
        throw new BenchFailure(config.shards() + " shards at max_concurrency " + config.maxConcurrency()
            + " not all READY in time:\n" + nodes.get(0).lastLogLines(30));
      }
      Thread.sleep(POLL_MS);
    }
    long violations = 0;
    for (SimulatorProcess sim : sims) {
      violations += sim.counters().getLong("bucket_violations", 0L);
    }
    double readyMedian = Stats.median(toList(ready));
    double[] afterUp = new double[ready.length];
    for (int i = 0; i < ready.length; i++) {
      afterUp[i] = ready[i] - up[i];
    }
    table.row(Integer.toString(config.shards()), Integer.toString(config.maxConcurrency()),
        Stats.fmt(Stats.median(toList(up)), 1), Stats.fmt(readyMedian, 1), Stats.fmt(Stats.median(toList(afterUp)), 1),
        Stats.fmt(config.boundSeconds(), 0),
        Stats.ratio(readyMedian, config.boundSeconds()), Long.toString(violations), "≤ 1.1× bound",
        Stats.metOrMissed(readyMedian <= GOAL_RATIO * config.boundSeconds()));
  }

  private static boolean answers(ChildProcess node) throws InterruptedException {
    HttpResponse<String> response = Http.get(node.port, "/health");
    return response != null && response.statusCode() == 200;
  }

  private static boolean allSet(double[] values) {
    for (double value : values) {
      if (value == 0) {
        return false;
      }
    }
    return true;
  }

  private static List<Double> toList(double[] values) {
    List<Double> list = new ArrayList<>();
    for (double value : values) {
      list.add(value);
    }
    return list;
  }
}
