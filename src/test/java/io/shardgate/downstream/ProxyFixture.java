package io.shardgate.downstream;

import io.shardgate.Node;
import io.shardgate.config.ConfigLoader;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.simulator.DiscordSimulator;
import io.shardgate.simulator.SimWorld;
import io.shardgate.simulator.SimulatorOptions;
import io.shardgate.testing.GatewayTestClient;
import io.shardgate.testing.SimControl;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A simulator and a shardgate node in front of it, on loopback, for end-to-end tests. */
final class ProxyFixture {

  static final int SHARDS = 2;
  static final int GUILDS = 8;

  final Vertx vertx;
  final DiscordSimulator simulator;
  final SimControl control;
  final Node node;

  private ProxyFixture(Vertx vertx, DiscordSimulator simulator, Node node) {
    this.vertx = vertx;
    this.simulator = simulator;
    this.control = new SimControl(vertx, simulator.port());
    this.node = node;
  }

  /** Starts both and waits until every shard is READY upstream. {@code overrides} go into config.json. */
  static ProxyFixture start(Vertx vertx, JsonObject overrides) throws Exception {
    DiscordSimulator simulator = new DiscordSimulator(new SimulatorOptions().token(GatewayTestClient.TOKEN)
        .shards(SHARDS).guilds(GUILDS).rate(0).maxConcurrency(SHARDS).identifyWindowMs(200));
    simulator.start(vertx).await(10, TimeUnit.SECONDS);
    JsonObject file = new JsonObject()
        .put("token", GatewayTestClient.TOKEN)
        .put("intents", 32511)
        .put("port", 0)
        .put("twilight_http_proxy", "127.0.0.1:" + simulator.port())
        .put("externally_accessible_url", "ws://127.0.0.1:7878")
        .mergeIn(overrides, true);
    ShardgateConfig config = ConfigLoader.load(file, Map.of());
    // A generous safety net: a node's start includes GET /gateway/bot, retried on a hang.
    Node node = Node.start(vertx, config).await(60, TimeUnit.SECONDS);
    long deadline = System.currentTimeMillis() + 20_000;
    while (!node.shards().allActive()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("shards not READY upstream: " + node.shards().snapshot());
      }
      Thread.sleep(10);
    }
    return new ProxyFixture(vertx, simulator, node);
  }

  GatewayTestClient connect() {
    return GatewayTestClient.connect(vertx, node.clientPort());
  }

  GatewayTestClient connect(String uri) {
    return GatewayTestClient.connect(vertx, node.clientPort(), uri);
  }

  /** The simulator's world is a pure function of its seed: a twin gives the ground truth. */
  SimWorld twinWorld() {
    SimulatorOptions options = simulator.options();
    return new SimWorld(options.seed(), options.shards(), options.guilds());
  }

  int guildsOn(int shard) {
    return twinWorld().guildIds(shard).size();
  }

  void inject(int shard, String type, JsonObject data) throws Exception {
    control.inject(shard, type, data).await(10, TimeUnit.SECONDS);
  }

  void stop() throws Exception {
    node.stop().await(10, TimeUnit.SECONDS);
    simulator.stop().await(10, TimeUnit.SECONDS);
  }
}
