package io.shardgate;

import io.shardgate.config.ConfigException;
import io.shardgate.config.ConfigLoader;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.simulator.DiscordSimulator;
import io.shardgate.simulator.SimulatorOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code shardgate demo}: the built-in Discord simulator and a shardgate node in one process, so a
 * new user sees the proxy work without a token or a network.
 */
final class Demo {

  static final String DEMO_TOKEN = "shardgate-demo-token";
  private static final int DEFAULT_SHARDS = 4;
  private static final int DEFAULT_GUILDS = 40;
  private static final double DEFAULT_RATE = 5;
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  private Demo() {
  }

  static void run(String[] args) {
    Map<String, String> flags = Flags.parse(args);
    int shards = Integer.parseInt(flags.getOrDefault("shards", Integer.toString(DEFAULT_SHARDS)));
    int guilds = Integer.parseInt(flags.getOrDefault("guilds", Integer.toString(DEFAULT_GUILDS)));
    double rate = Double.parseDouble(flags.getOrDefault("rate", Double.toString(DEFAULT_RATE)));
    int port = Integer.parseInt(flags.getOrDefault("port", Integer.toString(ShardgateConfig.DEFAULT_PORT)));

    Vertx vertx = Vertx.vertx();
    DiscordSimulator simulator = new DiscordSimulator(new SimulatorOptions()
        .token(DEMO_TOKEN).shards(shards).guilds(guilds).rate(rate).maxConcurrency(Math.min(shards, 16)));
    simulator.start(vertx)
        .compose(simPort -> startNode(vertx, simPort, port))
        .onSuccess(node -> {
          LOG.info("demo: Discord simulator at {} ({} shards, {} guilds, {} events/s per shard)",
              simulator.restBaseUrl(), shards, guilds, rate);
          LOG.info("demo: connect a bot to ws://127.0.0.1:{} with the demo token (README), shard [id, {}];"
              + " GET http://127.0.0.1:{}/shard-count answers {}", node.clientPort(), shards, node.clientPort(), shards);
          Runtime.getRuntime().addShutdownHook(new Thread(() ->
              node.stop().eventually(simulator::stop).eventually(vertx::close)
                  .toCompletionStage().toCompletableFuture().join(), "shardgate-demo-shutdown"));
        })
        .onFailure(err -> {
          System.err.println("shardgate demo: " + err.getMessage());
          System.exit(1);
        });
  }

  private static Future<Node> startNode(Vertx vertx, int simulatorPort, int clientPort) {
    JsonObject file = new JsonObject()
        .put("token", DEMO_TOKEN)
        .put("intents", 32511)
        .put("port", clientPort)
        .put("twilight_http_proxy", "127.0.0.1:" + simulatorPort)
        .put("externally_accessible_url", "ws://127.0.0.1:" + clientPort)
        .put("activity", new JsonObject().put("type", 0).put("name", "the demo on shard {{shard}}"));
    try {
      ShardgateConfig config = ConfigLoader.load(file, System.getenv());
      return Node.start(vertx, config);
    } catch (ConfigException e) {
      return Future.failedFuture(e.getMessage());
    }
  }
}
