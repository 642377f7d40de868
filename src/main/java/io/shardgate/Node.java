package io.shardgate;

import ch.qos.logback.classic.Level;
import io.shardgate.cluster.ClusterMembership;
import io.shardgate.cluster.ClusteredVertx;
import io.shardgate.cluster.ServedShards;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.downstream.ClientGatewayOptions;
import io.shardgate.downstream.ClientGatewayVerticle;
import io.shardgate.protocol.GatewayFrameCodec;
import io.shardgate.upstream.ShardStatusRegistry;
import io.shardgate.upstream.UpstreamShards;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.shardgate.http.HttpApi;
import io.shardgate.metrics.GatewayMetrics;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running shardgate node: its shards, its client-facing gateway, and what they share. */
public final class Node {

  /** Clients may connect on any interface: shardgate is a server. */
  static final String BIND_HOST = "0.0.0.0";
  /** Each shutdown step fits Kubernetes' grace period (60 s in k8s/) with room to spare. */
  private static final long SHUTDOWN_STEP_SECONDS = 20;
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private final Vertx vertx;
  private final UpstreamShards shards;
  private final ShardStatusRegistry registry;
  private final ClientGatewayVerticle gateway;
  private final ServedShards served;
  private final String gatewayDeployment;

  private Node(Vertx vertx, UpstreamShards shards, ShardStatusRegistry registry, ClientGatewayVerticle gateway,
      ServedShards served, String gatewayDeployment) {
    this.vertx = vertx;
    this.shards = shards;
    this.registry = registry;
    this.gateway = gateway;
    this.served = served;
    this.gatewayDeployment = gatewayDeployment;
  }

  /** Starts a node and stops it cleanly (resumable upstream closes) when the JVM is asked to exit. */
  public static Future<Node> start(ShardgateConfig config) {
    applyLogLevel(config.logLevel());
    config.warnings().forEach(warning -> LOG.warn("config: {}", warning));
    GatewayMetrics metrics = new GatewayMetrics();
    // No event-bus meters: Micrometer would look up (and tag by address) a meter for every relayed
    // frame, a few percent of a node's CPU in a profile of the relay, for numbers /metrics does not need.
    VertxOptions options = new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)
        .addDisabledMetricsCategory(io.vertx.micrometer.MetricsDomain.EVENT_BUS));
    return ClusteredVertx.start(config.cluster(), options,
            builder -> builder.withMetrics(new MicrometerMetricsFactory(metrics.registry())))
        .compose(vertx -> start(vertx, config, metrics).onSuccess(node ->
            Runtime.getRuntime().addShutdownHook(new Thread(() -> node.shutdown(), "shardgate-shutdown"))));
  }

  /** Starts a node on a given Vert.x instance (tests, the demo); Vert.x's own metrics are not exported. */
  public static Future<Node> start(Vertx vertx, ShardgateConfig config) {
    return start(vertx, config, new GatewayMetrics());
  }

  private static Future<Node> start(Vertx vertx, ShardgateConfig config, GatewayMetrics metrics) {
    GatewayFrameCodec.register(vertx.eventBus());
    ShardStatusRegistry registry = new ShardStatusRegistry();
    metrics.bindShardStatus(registry::snapshot);
    String nodeId = nodeId(vertx);
    Future<UpstreamShards> upstream = config.role().runsShards()
        ? UpstreamShards.start(vertx, config, registry, metrics)
        : Future.succeededFuture(null);
    return upstream.compose(shards -> (shards != null ? Future.succeededFuture(shards.plan())
            : UpstreamShards.plan(vertx, config))
        .compose(plan -> {
          if (shards != null) {
            metrics.bindCacheStats(() -> Map.copyOf(shards.cacheStats()));
            metrics.bindShardStats(() -> Map.copyOf(shards.shardStats()), config.replayWindow(),
                config.checkpointIntervalMs());
            ClusterMembership.whenMemberLeaves(vertx, shards::claimFreeShards);
          }
          ServedShards served = new ServedShards(vertx, nodeId);
          Future<Void> recorded = shards != null ? served.start(plan.shardStart(), plan.shardEnd()) : served.start(0, 0);
          ClientGatewayOptions options = new ClientGatewayOptions(config.externallyAccessibleUrl(),
              config.validateToken() ? config.token() : null, plan.totalShards(), config.backpressure(),
              ClientGatewayOptions.DISCORD_HEARTBEAT_INTERVAL_MS, ClientGatewayOptions.DEFAULT_SESSION_TIMEOUT_MS,
              ClientGatewayOptions.DEFAULT_MAX_SESSIONS);
          Router http = new HttpApi(metrics, plan::totalShards, registry::snapshot).mount(Router.router(vertx));
          ClientGatewayVerticle gateway = new ClientGatewayVerticle(options, served, config.role().runsClients(),
              nodeId, BIND_HOST, config.port(), http);
          metrics.bindClients(gateway.clientsPerShard());
          return recorded.compose(v -> vertx.deployVerticle(gateway))
              .map(deployment -> new Node(vertx, shards, registry, gateway, served, deployment));
        }));
  }

  /**
   * Stops taking clients, hands every owned shard over (each closes its Discord connection
   * resumably and releases its lock) and leaves the shard directory. The Vert.x instance belongs to
   * whoever created it.
   */
  public Future<Void> stop() {
    return vertx.undeploy(gatewayDeployment)
        .eventually(() -> shards == null ? Future.succeededFuture() : shards.stop())
        .eventually(served::stop);
  }

  /**
   * SIGTERM: hand over, then leave the cluster. Each step is bounded, so the JVM always exits: a
   * closed Vert.x may never deliver the last completion.
   */
  void shutdown() {
    LOG.info("stopping: closing clients resumably, handing shards over");
    awaitQuietly(stop(), SHUTDOWN_STEP_SECONDS);
    awaitQuietly(vertx.close(), SHUTDOWN_STEP_SECONDS);
    LOG.info("stopped");
  }

  private static void awaitQuietly(Future<?> step, long seconds) {
    try {
      step.toCompletionStage().toCompletableFuture().get(seconds, java.util.concurrent.TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("shutdown step did not finish cleanly: {}", e.toString());
    }
  }

  public ShardStatusRegistry shards() {
    return registry;
  }

  /** This node's shard owner, or null on a node with the clients role only. */
  public UpstreamShards upstream() {
    return shards;
  }

  /** The port clients connect to (the configured one, or the one picked for port 0). */
  public int clientPort() {
    return gateway.actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The cluster's id for this node, or a fresh one when not clustered. */
  static String nodeId(Vertx vertx) {
    io.vertx.core.spi.cluster.ClusterManager cluster = ((io.vertx.core.internal.VertxInternal) vertx).clusterManager();
    return cluster != null ? cluster.getNodeId() : java.util.UUID.randomUUID().toString();
  }

  private static void applyLogLevel(String level) {
    org.slf4j.Logger root = LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root instanceof ch.qos.logback.classic.Logger logback) {
      logback.setLevel(Level.toLevel(level, Level.INFO));
    }
  }
}
