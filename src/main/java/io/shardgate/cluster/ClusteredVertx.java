package io.shardgate.cluster;

import io.shardgate.config.ClusterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.function.UnaryOperator;

/**
 * Starts the Vert.x a node runs on: clustered over Hazelcast when {@code cluster.enabled}, else a
 * plain local Vert.x (local event bus, local shared data), so a single node runs the same code.
 */
public final class ClusteredVertx {

  /** The event bus listens on every interface when the advertised host may not be a local one. */
  static final String ALL_INTERFACES = "0.0.0.0";

  private ClusteredVertx() {
  }

  /** {@link #start(ClusterConfig, VertxOptions, UnaryOperator)} without builder customisation. */
  public static Future<Vertx> start(ClusterConfig cluster, VertxOptions base) {
    return start(cluster, base, UnaryOperator.identity());
  }

  /**
   * Builds Vert.x from a copy of {@code base} (which is not modified).
   *
   * @param customize adds to the builder what options cannot carry, e.g.
   *     {@code b -> b.withMetrics(new MicrometerMetricsFactory(registry))}
   * @return the started Vert.x; when clustered, it completes once this node has joined the cluster
   *     (or failed to start its Hazelcast member)
   */
  public static Future<Vertx> start(ClusterConfig cluster, VertxOptions base,
      UnaryOperator<VertxBuilder> customize) {
    VertxOptions options = new VertxOptions(base);
    if (!cluster.enabled()) {
      return Future.succeededFuture(customize.apply(Vertx.builder().with(options)).build());
    }
    advertiseHost(cluster, options.getEventBusOptions());
    routeStaticHazelcastLogsToSlf4j();
    HazelcastClusterManager manager =
        new HazelcastClusterManager(HazelcastConfigFactory.create(cluster));
    return customize.apply(Vertx.builder().with(options).withClusterManager(manager))
        .buildClustered();
  }

  /**
   * The member config sends Hazelcast's logs to SLF4J, but the loggers Hazelcast creates before it
   * reads that config (its start-up warnings) look only at the system property. An operator's own
   * -Dhazelcast.logging.type wins.
   */
  private static void routeStaticHazelcastLogsToSlf4j() {
    if (System.getProperty(HazelcastConfigFactory.LOGGING_TYPE) == null) {
      System.setProperty(HazelcastConfigFactory.LOGGING_TYPE, HazelcastConfigFactory.SLF4J);
    }
  }

  /**
   * With {@code cluster.host} set, other nodes send event-bus messages to that host, as they reach
   * Hazelcast there. It may be an address this machine does not own (NAT, a Kubernetes node
   * address), so the event bus listens on every interface, as Hazelcast does. Options the caller
   * set explicitly win. Without a host, Vert.x uses the address Hazelcast picked for both.
   */
  private static void advertiseHost(ClusterConfig cluster, EventBusOptions eventBus) {
    if (cluster.host() == null) {
      return;
    }
    if (eventBus.getClusterPublicHost() == null) {
      eventBus.setClusterPublicHost(cluster.host());
    }
    if (eventBus.getHost() == null) {
      eventBus.setHost(ALL_INTERFACES);
    }
  }
}
