package io.shardgate.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * The three ways side by side, each with a simulator of its own so that only the way being measured
 * gets events (the others idle at rate 0): a simulator alone; a simulator and one node; a simulator,
 * a node with {@code role: shards} owning every shard and a node with {@code role: clients}.
 */
final class RelayTopology {
  /** Generous: the cluster's first start waits for its peers; a busy machine is slower. */
  private static final long SHARDS_ACTIVE_TIMEOUT_MS = 90_000;
  /** Few guilds: READY + GUILD_CREATE for 50 clients stay a small part of the run. */
  private static final int GUILDS_PER_SHARD = 2;

  final List<Way> ways;

  private RelayTopology(List<Way> ways) {
    this.ways = ways;
  }

  static RelayTopology start(ProcessLauncher launcher, int shards) throws Exception {
    SimulatorProcess.Spec spec = new SimulatorProcess.Spec(shards, shards * GUILDS_PER_SHARD, 0,
        Math.min(shards, 16), 0, true);
    List<SimulatorProcess> sims = launcher.startSimulators(spec, "sim-direct", "sim-one-node", "sim-cross-node");
    SimulatorProcess directSim = sims.get(0);
    SimulatorProcess oneSim = sims.get(1);
    SimulatorProcess crossSim = sims.get(2);

    List<Integer> ports = FreePorts.pick(3);
    ChildProcess single = launcher.startNode("node-single", NodeConfigs.single(oneSim, ports.get(0)));
    NodeConfigs.Cluster cluster = NodeConfigs.Cluster.of(2);
    ChildProcess owner = launcher.startNode("node-shards",
        NodeConfigs.clustered(crossSim, ports.get(1), "shards", 0, shards, cluster, 0));
    ChildProcess front = launcher.startNode("node-clients",
        NodeConfigs.clustered(crossSim, ports.get(2), "clients", 0, shards, cluster, 1));

    awaitAllActive(launcher, single, shards);
    awaitAllActive(launcher, owner, shards);
    launcher.awaitHttp(front, "/health");
    return new RelayTopology(List.of(
        new Way(Way.DIRECT, directSim, directSim.port(), List.of()),
        new Way(Way.ONE_NODE, oneSim, single.port, List.of(single)),
        new Way(Way.CROSS_NODE, crossSim, front.port, List.of(owner, front))));
  }

  /** Every shard of the node READY upstream (state ACTIVE in GET /shards). */
  static void awaitAllActive(ProcessLauncher launcher, ChildProcess node, int shards) throws InterruptedException {
    launcher.await(node, "to run all " + shards + " shards", SHARDS_ACTIVE_TIMEOUT_MS,
        () -> activeShards(node) >= shards);
  }

  static int activeShards(ChildProcess node) {
    try {
      HttpResponse<String> response = Http.get(node.port, "/shards");
      if (response == null || response.statusCode() != 200) {
        return 0;
      }
      JsonArray list = new JsonObject(response.body()).getJsonArray("shards");
      int active = 0;
      for (Object entry : list) {
        if ("ACTIVE".equals(((JsonObject) entry).getString("state"))) {
          active++;
        }
      }
      return active;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    } catch (RuntimeException e) {
      return 0;
    }
  }
}
