package io.shardgate.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.shardgate.config.ClusterConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.util.ArrayList;

/**
 * Builds the Hazelcast member configuration of a shardgate node from its {@code cluster} config.
 *
 * <p>Every call returns a FRESH {@link Config}: Hazelcast's join mutates the config it is given, so
 * two nodes (or two starts of one node) must never share one. The base is vertx-hazelcast's own
 * ({@link ConfigUtil#loadConfig()}: the {@code __vertx.*} maps and multimap the cluster manager
 * needs), with discovery, ports and timing replaced.
 *
 * <h2>Discovery</h2>
 * Multicast and auto-detection are off (they find strangers on a shared network and are slow). The
 * nodes are found either over TCP-IP from {@code cluster.members}, or through Kubernetes DNS
 * discovery of a headless service ({@code cluster.kubernetes.service_dns}), which resolves to the
 * pods' addresses; the member port is then looked up on {@code cluster.port} too.
 *
 * <h2>Failure detection: why a crashed node's locks are released within seconds</h2>
 * vertx-hazelcast 5 implements {@code SharedData} locks with {@code IMap.tryLock} on the map
 * {@code __vertx.map.lock} and counters with entry processors on {@code __vertx.map.counter}: no CP
 * subsystem, so CP session TTLs play no part. Hazelcast releases every map lock owned by a member the
 * moment that member is removed from the cluster (its lock service listens for member removal), and
 * the lock's partition has a backup, so the lock state itself survives the crash. The release time is
 * therefore the time to declare the member dead:
 * <ul>
 *   <li>a process that dies on a live host (kill -9, OOM kill, in-JVM terminate) closes its sockets:
 *       the peers' reconnects are refused and the member is suspected after a few failed attempts,
 *       typically in about a second;</li>
 *   <li>a host or network that goes silent sends nothing: the member is removed after
 *       {@code hazelcast.max.no.heartbeat.seconds} = {@code cluster.member_timeout_seconds}
 *       (default 5 s, against Hazelcast's 60 s), with heartbeats every
 *       {@value #HEARTBEAT_INTERVAL_SECONDS} s (Hazelcast: 5 s) so that five are missed before it.</li>
 * </ul>
 * A timeout this short suits a cluster on one LAN or in one Kubernetes cluster; a long GC pause or
 * a saturated host can make a live node look dead (it then rejoins and its shards are taken over),
 * so raise member_timeout_seconds on noisy hosts.
 *
 * <h2>Joining</h2>
 * {@code hazelcast.wait.seconds.before.join} = {@value #WAIT_SECONDS_BEFORE_JOIN} (Hazelcast: 5):
 * the master holds a join request this long to admit nodes that start together in one step. One
 * second still batches the pods of one rollout, and a restarted node is back within about a second
 * instead of five, which matters because its shards wait for it. The master stops waiting after
 * {@value #MAX_WAIT_SECONDS_BEFORE_JOIN} s (Hazelcast: 20) however many requests keep arriving.
 *
 * <h2>Split brain and shutdown</h2>
 * Two halves of a partitioned network (or pods that started before DNS listed each other) form two
 * clusters; each would then own every shard. They look for each other and merge after
 * {@value #MERGE_DELAY_SECONDS} s, then every {@value #MERGE_DELAY_SECONDS} s (Hazelcast: 300 and
 * 120). A graceful shutdown waits at most {@value #GRACEFUL_SHUTDOWN_MAX_WAIT_SECONDS} s for
 * Hazelcast to move its partitions (Hazelcast: 600), well inside Kubernetes' default 30 s grace
 * period. Hazelcast's own shutdown hook is off: Vert.x closes the member when shardgate stops, after
 * the shards are handed over, and a hook racing it would drop the member first.
 */
public final class HazelcastConfigFactory {

  static final int HEARTBEAT_INTERVAL_SECONDS = 1;
  static final int WAIT_SECONDS_BEFORE_JOIN = 1;
  static final int MAX_WAIT_SECONDS_BEFORE_JOIN = 5;
  static final int MERGE_DELAY_SECONDS = 30;
  static final int GRACEFUL_SHUTDOWN_MAX_WAIT_SECONDS = 15;

  static final String LOGGING_TYPE = "hazelcast.logging.type";
  static final String SLF4J = "slf4j";
  static final String PHONE_HOME = "hazelcast.phone.home.enabled";
  static final String SHUTDOWN_HOOK = "hazelcast.shutdownhook.enabled";
  static final String HEARTBEAT_INTERVAL = "hazelcast.heartbeat.interval.seconds";
  static final String MAX_NO_HEARTBEAT = "hazelcast.max.no.heartbeat.seconds";
  static final String WAIT_BEFORE_JOIN = "hazelcast.wait.seconds.before.join";
  static final String MAX_WAIT_BEFORE_JOIN = "hazelcast.max.wait.seconds.before.join";
  static final String MERGE_FIRST_RUN_DELAY = "hazelcast.merge.first.run.delay.seconds";
  static final String MERGE_NEXT_RUN_DELAY = "hazelcast.merge.next.run.delay.seconds";
  static final String GRACEFUL_SHUTDOWN_MAX_WAIT = "hazelcast.graceful.shutdown.max.wait";
  /** Kubernetes discovery properties (Hazelcast's KubernetesProperties). */
  static final String K8S_SERVICE_DNS = "service-dns";
  static final String K8S_SERVICE_PORT = "service-port";

  private HazelcastConfigFactory() {
  }

  /** A new Hazelcast member config for this node; never shared, never reused. */
  public static Config create(ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName(cluster.name());
    properties(config, cluster);
    network(config.getNetworkConfig(), cluster);
    return config;
  }

  private static void properties(Config config, ClusterConfig cluster) {
    config.setProperty(LOGGING_TYPE, SLF4J); // Logback, at the level logback.xml gives com.hazelcast
    config.setProperty(PHONE_HOME, "false");
    config.setProperty(SHUTDOWN_HOOK, "false");
    config.setProperty(HEARTBEAT_INTERVAL, Integer.toString(HEARTBEAT_INTERVAL_SECONDS));
    config.setProperty(MAX_NO_HEARTBEAT, Integer.toString(cluster.memberTimeoutSeconds()));
    config.setProperty(WAIT_BEFORE_JOIN, Integer.toString(WAIT_SECONDS_BEFORE_JOIN));
    config.setProperty(MAX_WAIT_BEFORE_JOIN, Integer.toString(MAX_WAIT_SECONDS_BEFORE_JOIN));
    config.setProperty(MERGE_FIRST_RUN_DELAY, Integer.toString(MERGE_DELAY_SECONDS));
    config.setProperty(MERGE_NEXT_RUN_DELAY, Integer.toString(MERGE_DELAY_SECONDS));
    config.setProperty(GRACEFUL_SHUTDOWN_MAX_WAIT,
        Integer.toString(GRACEFUL_SHUTDOWN_MAX_WAIT_SECONDS));
  }

  private static void network(NetworkConfig network, ClusterConfig cluster) {
    boolean discovers = !cluster.members().isEmpty() || cluster.kubernetes().enabled();
    // A node that knows its peers' ports must listen on its own exactly; drifting to 5702 when 5701
    // is busy would make it unreachable. A node with no peers may drift (several on one machine).
    network.setPort(cluster.port()).setPortAutoIncrement(!discovers);
    if (cluster.host() != null) {
      network.setPublicAddress(cluster.host()); // the port stays cluster.port
    }
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (cluster.kubernetes().enabled()) {
      join.getTcpIpConfig().setEnabled(false);
      join.getKubernetesConfig().setEnabled(true)
          .setProperty(K8S_SERVICE_DNS, cluster.kubernetes().serviceDns())
          .setProperty(K8S_SERVICE_PORT, Integer.toString(cluster.port()));
    } else {
      join.getKubernetesConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(cluster.members()));
    }
  }
}
