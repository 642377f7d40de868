package io.shardgate.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** config.json for the benchmark's shardgate nodes, all on loopback. */
final class NodeConfigs {
  /**
   * Relayed frames a client may have unwritten before it is closed. gateway-proxy's default (100) is
   * one 10 ms burst of the simulator at 10k events/s: raised so the ramp measures throughput, not
   * the slow-consumer rule.
   */
  static final int BENCH_BACKPRESSURE = 5_000;
  private static final int INTENTS = 513;

  private NodeConfigs() {
  }

  /** A lone node (role all) for every shard of the simulator. */
  static JsonObject single(SimulatorProcess simulator, int port) {
    return base(simulator, port, 0, simulator.spec.shards());
  }

  /** A node of a loopback cluster; {@code members} are the Hazelcast ports of every node. */
  static JsonObject clustered(SimulatorProcess simulator, int port, String role, int shardStart, int shardEnd,
      Cluster cluster, int memberIndex) {
    JsonArray members = new JsonArray();
    cluster.ports().forEach(member -> members.add("127.0.0.1:" + member));
    return base(simulator, port, shardStart, shardEnd).put("role", role)
        .put("cluster", new JsonObject().put("enabled", true).put("name", cluster.name()).put("host", "127.0.0.1")
            .put("port", cluster.ports().get(memberIndex)).put("members", members));
  }

  private static JsonObject base(SimulatorProcess simulator, int port, int shardStart, int shardEnd) {
    return new JsonObject()
        .put("log_level", "warn")
        .put("token", ProcessLauncher.TOKEN)
        .put("intents", INTENTS)
        .put("port", port)
        .put("shards", simulator.spec.shards())
        .put("shard_start", shardStart)
        .put("shard_end", shardEnd)
        .put("backpressure", BENCH_BACKPRESSURE)
        .put("twilight_http_proxy", "127.0.0.1:" + simulator.port())
        .put("externally_accessible_url", "ws://127.0.0.1:" + port);
  }

  /** A cluster of its own: a random name and one Hazelcast port per member. */
  record Cluster(String name, List<Integer> ports) {
    static Cluster of(int size) {
      return new Cluster("shardgate-bench-" + UUID.randomUUID(), FreePorts.pick(size));
    }
  }
}
