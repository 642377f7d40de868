package io.shardgate;

import ch.qos.logback.classic.Level;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.protocol.GatewayFrameCodec;
import io.shardgate.upstream.ShardStatusRegistry;
import io.shardgate.upstream.UpstreamShards;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running shardgate node: its Vert.x instance and what it deployed. */
public final class Node {

  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final Vertx vertx;
  private final UpstreamShards shards;
  private final ShardStatusRegistry registry;

  private Node(Vertx vertx, UpstreamShards shards, ShardStatusRegistry registry) {
    this.vertx = vertx;
    this.shards = shards;
    this.registry = registry;
  }

  /** Starts a node and stops it cleanly (resumable upstream closes) when the JVM is asked to exit. */
  public static Future<Node> start(ShardgateConfig config) {
    applyLogLevel(config.logLevel());
    config.warnings().forEach(warning -> LOG.warn("config: {}", warning));
    Vertx vertx = Vertx.vertx();
    return start(vertx, config).onSuccess(node ->
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          LOG.info("stopping: closing shard connections resumably");
          node.stop().eventually(vertx::close).toCompletionStage().toCompletableFuture().join();
        }, "shardgate-shutdown")));
  }

  /** Starts a node on a given Vert.x instance (tests, the demo). */
  public static Future<Node> start(Vertx vertx, ShardgateConfig config) {
    GatewayFrameCodec.register(vertx.eventBus());
    ShardStatusRegistry registry = new ShardStatusRegistry();
    return UpstreamShards.start(vertx, config, registry)
        .map(shards -> new Node(vertx, shards, registry));
  }

  /** Stops the shards (resumably); the Vert.x instance belongs to whoever created it. */
  public Future<Void> stop() {
    return shards.stop();
  }

  public ShardStatusRegistry shards() {
    return registry;
  }

  public UpstreamShards upstream() {
    return shards;
  }

  public Vertx vertx() {
    return vertx;
  }

  private static void applyLogLevel(String level) {
    org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger logback) {
      logback.setLevel(Level.toLevel(level, Level.INFO));
    }
  }
}
