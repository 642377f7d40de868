package io.shardgate.bench;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * Two clustered nodes, both for every shard: the first owns them, the second stands by and serves a
 * bench client of shard 0. The owner gets SIGTERM (or SIGKILL); failover time is from the signal to
 * the first live event the client receives after the stream's gap, i.e. the first event relayed by
 * the successor. After each round a fresh node joins as the next standby, and roles swap.
 */
final class FailoverScenario implements Scenario {
  static final double GOAL_TERM_SECONDS = 5;
  static final double GOAL_KILL_SECONDS = 15;
  private static final int SHARDS = 4;
  private static final double RATE_PER_SHARD = 100;
  private static final long STEADY_MS = 1_000;
  private static final long QUICK_STEADY_MS = 500;
  /** A joined node needs its partitions' backups in place before the owner may die (see CLUSTER.md). */
  private static final long SETTLE_MS = 3_000;
  private static final long QUICK_SETTLE_MS = 2_000;
  private static final long RECOVERY_TIMEOUT_MS = 30_000;
  private static final long AFTER_RECOVERY_MS = 1_500;
  private static final int MAX_ARRIVALS = 500_000;

  private enum Kind { SIGTERM, SIGKILL }

  @Override
  public String name() {
    return "failover";
  }

  @Override
  public long timeoutSeconds(BenchSettings settings) {
    return settings.quick() ? 120 : 300;
  }

  @Override
  public void run(BenchContext context, ScenarioReport report) throws Exception {
    BenchSettings settings = context.settings();
    ProcessLauncher launcher = context.launcher();
    List<Kind> rounds = new ArrayList<>();
    for (int i = 0; i < settings.repeats(); i++) {
      rounds.add(Kind.SIGTERM);
      rounds.add(Kind.SIGKILL);
    }
    report.setting(SHARDS + " shards at " + Stats.fmt(RATE_PER_SHARD, 0) + " events/s each; two nodes (role all, both"
        + " for every shard), the bench client of shard 0 on the standby; the owner is signalled after "
        + (settings.quick() ? QUICK_STEADY_MS : STEADY_MS) + " ms of steady stream")
        .setting("failover = signal → first event received after the largest gap in the client's stream (the"
            + " first relayed by the successor); the bench client reconnects 100 ms after a close");
    SimulatorProcess sim = launcher.startSimulator("sim-failover",
        new SimulatorProcess.Spec(SHARDS, SHARDS * 2, RATE_PER_SHARD, SHARDS, 0, true));
    NodeConfigs.Cluster cluster = NodeConfigs.Cluster.of(rounds.size() + 2);
    List<ChildProcess> nodes = new ArrayList<>();
    nodes.add(startNode(launcher, sim, cluster, 0));
    RelayTopology.awaitAllActive(launcher, nodes.get(0), SHARDS);
    long settleMs = settings.quick() ? QUICK_SETTLE_MS : SETTLE_MS;
    long steadyMs = settings.quick() ? QUICK_STEADY_MS : STEADY_MS;
    nodes.add(startStandby(launcher, sim, cluster, 1, settleMs));

    List<Double> term = new ArrayList<>();
    List<Double> kill = new ArrayList<>();
    List<Double> termExit = new ArrayList<>();
    Vertx vertx = Vertx.vertx();
    try {
      for (int round = 0; round < rounds.size(); round++) {
        Kind kind = rounds.get(round);
        double[] result = round(launcher, vertx, nodes.get(round), nodes.get(round + 1), kind, steadyMs);
        (kind == Kind.SIGTERM ? term : kill).add(result[0]);
        if (kind == Kind.SIGTERM) {
          termExit.add(result[1]);
        }
        if (round + 1 < rounds.size()) {
          nodes.add(startStandby(launcher, sim, cluster, round + 2, settleMs));
        }
      }
    } finally {
      ClientVertx.close(vertx);
    }
    Table table = new Table("signal", "failover s (median)", "runs", "goal", "result");
    double termMedian = Stats.median(term);
    double killMedian = Stats.median(kill);
    table.row("SIGTERM", Stats.fmt(termMedian, 2), join(term), "≤ 5 s", Stats.metOrMissed(termMedian <= GOAL_TERM_SECONDS));
    table.row("SIGKILL", Stats.fmt(killMedian, 2), join(kill), "≤ 15 s", Stats.metOrMissed(killMedian <= GOAL_KILL_SECONDS));
    report.table(table);
    report.note("After SIGTERM the old owner exited " + join(termExit) + " s after the signal (handover, then"
        + " leaving the cluster). After SIGKILL the successor RESUMEs the Discord session from the last"
        + " checkpoint and Discord replays from its replay floor (docs/CLUSTER.md): the client on the surviving"
        + " node stays connected and sees a pause, then the next event.");
  }

  /** {failover seconds, old owner's exit seconds after the signal}. */
  private double[] round(ProcessLauncher launcher, Vertx vertx, ChildProcess owner, ChildProcess survivor, Kind kind,
      long steadyMs) throws Exception {
    Way way = new Way("failover", null, survivor.port, List.of(survivor));
    try (ClientGroup group = ClientGroup.connect(vertx, way, SHARDS, 1, 1, false)) {
      group.resetWindows(MAX_ARRIVALS);
      Thread.sleep(steadyMs);
      long signalledAt = Clocks.nowMicros();
      if (kind == Kind.SIGTERM) {
        owner.signalTerm();
      } else {
        owner.kill();
      }
      boolean exited = owner.waitForExit(RECOVERY_TIMEOUT_MS);
      double exitSeconds = exited ? (Clocks.nowMicros() - signalledAt) / 1e6 : Double.NaN;
      launcher.await(survivor, "to own every shard after " + kind + " of " + owner.name, RECOVERY_TIMEOUT_MS,
          () -> RelayTopology.activeShards(survivor) >= SHARDS);
      long deadline = System.currentTimeMillis() + RECOVERY_TIMEOUT_MS;
      double failover = Double.NaN;
      while (System.currentTimeMillis() < deadline) {
        failover = FailoverGap.secondsAfter(group.clients.get(0).arrivals(), signalledAt, AFTER_RECOVERY_MS);
        if (!Double.isNaN(failover)) {
          break;
        }
        Thread.sleep(100);
      }
      if (Double.isNaN(failover)) {
        throw new BenchFailure("after " + kind + " of " + owner.name + " the client on " + survivor.name
            + " received no event within " + RECOVERY_TIMEOUT_MS / 1000 + " s:\n" + survivor.lastLogLines(30));
      }
      return new double[] {failover, exitSeconds};
    }
  }

  private static ChildProcess startNode(ProcessLauncher launcher, SimulatorProcess sim, NodeConfigs.Cluster cluster,
      int index) throws Exception {
    return launcher.startNode("node-" + index,
        NodeConfigs.clustered(sim, FreePorts.pick(), "all", 0, SHARDS, cluster, index));
  }

  private static ChildProcess startStandby(ProcessLauncher launcher, SimulatorProcess sim,
      NodeConfigs.Cluster cluster, int index, long settleMs) throws Exception {
    ChildProcess node = startNode(launcher, sim, cluster, index);
    launcher.awaitHttp(node, "/health");
    Thread.sleep(settleMs);
    return node;
  }

  private static String join(List<Double> values) {
    return String.join(", ", values.stream().map(value -> Stats.fmt(value, 2)).toList());
  }
}
