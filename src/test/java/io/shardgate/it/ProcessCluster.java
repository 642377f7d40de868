package io.shardgate.it;

import io.shardgate.simulator.DiscordSimulator;
import io.shardgate.simulator.SimulatorOptions;
import io.shardgate.testing.FreePorts;
import io.shardgate.testing.GatewayTestClient;
import io.shardgate.testing.SimControl;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The simulator in the test's JVM and shardgate nodes in JVMs of their own, clustered on loopback
 * under a cluster name of their own. Each node gets its own cluster and client port.
 */
final class ProcessCluster implements AutoCloseable {

  static final String TOKEN = GatewayTestClient.TOKEN;

  final Vertx vertx = Vertx.vertx();
  final DiscordSimulator simulator;
  final SimControl control;
  final List<NodeProcess> nodes = new ArrayList<>();
  private final int shards;
  private final Path dir;
  private final String name = "shardgate-it-" + UUID.randomUUID();
  private final List<Integer> clusterPorts;
  private final List<Integer> clientPorts;

  ProcessCluster(int size, int shards, int guilds, Path dir) throws Exception {
    this(size, new SimulatorOptions().token(TOKEN).shards(shards).guilds(guilds).rate(0)
        .maxConcurrency(Math.min(shards, 16)), dir);
  }

  /** With a simulator of the caller's making (its token must be {@link #TOKEN}). */
  ProcessCluster(int size, SimulatorOptions options, Path dir) throws Exception {
    this.shards = options.shards();
    this.dir = dir;
    this.clusterPorts = FreePorts.pick(size);
    this.clientPorts = FreePorts.pick(size);
    simulator = new DiscordSimulator(options);
    simulator.start(vertx).await(10, TimeUnit.SECONDS);
    control = new SimControl(vertx, simulator.port());
  }

  /** The client port of node {@code index}, whether it runs or not. */
  int clientPort(int index) {
    return clientPorts.get(index);
  }

  /** Starts node {@code index} (its ports are fixed by the index) with the range given. */
  NodeProcess start(String nodeName, int index, int shardStart, int shardEnd) throws IOException {
    JsonArray members = new JsonArray();
    clusterPorts.forEach(port -> members.add("127.0.0.1:" + port));
    int clientPort = clientPorts.get(index);
    JsonObject config = new JsonObject()
        .put("token", TOKEN)
        .put("intents", 513)
        .put("port", clientPort)
        .put("shards", shards)
        .put("shard_start", shardStart)
        .put("shard_end", shardEnd)
        .put("twilight_http_proxy", "127.0.0.1:" + simulator.port())
        .put("externally_accessible_url", "ws://127.0.0.1:" + clientPort)
        .put("cluster", new JsonObject().put("enabled", true).put("name", name).put("host", "127.0.0.1")
            .put("port", clusterPorts.get(index)).put("members", members));
    NodeProcess node = NodeProcess.start(nodeName, config, dir);
    nodes.add(node);
    return node;
  }

  boolean answers(NodeProcess node) {
    try {
      return !node.get("/health").isBlank();
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  void inject(int shard, String type, JsonObject data) throws Exception {
    control.inject(shard, type, data).await(10, TimeUnit.SECONDS);
  }

  /** Waits for a condition the nodes make true; on timeout, fails with every node's last log lines. */
  void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        StringBuilder logs = new StringBuilder();
        for (NodeProcess node : nodes) {
          logs.append("\n--- ").append(node.name).append(" (alive: ").append(node.alive()).append(")\n")
              .append(String.join("\n", node.lastLogLines(25)));
        }
        throw new AssertionError("timed out waiting for " + what + logs);
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void close() throws Exception {
    for (NodeProcess node : nodes) {
      node.close();
    }
    simulator.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }
}
