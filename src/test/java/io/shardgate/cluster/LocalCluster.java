package io.shardgate.cluster;

import com.hazelcast.core.HazelcastInstance;
import io.shardgate.config.ClusterConfig;
import io.shardgate.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Nodes of one test cluster on this machine, as vertx-hazelcast's own tests set them up: a cluster
 * name of its own (so concurrent tests never meet), TCP-IP on 127.0.0.1 with a free port per node,
 * every node listing every port, a fresh Hazelcast config per node, and nodes closed one at a time.
 */
final class LocalCluster implements AutoCloseable {

  static final String HOST = "127.0.0.1";
  private static final long CLOSE_TIMEOUT_SECONDS = 20;
  private static final long SAFE_TIMEOUT_MS = 30_000;

  private final String name = "shardgate-test-" + UUID.randomUUID();
  private final List<Integer> ports;
  private final List<Vertx> started = new ArrayList<>();

  LocalCluster(int size) {
    ports = io.shardgate.testing.FreePorts.pick(size);
  }

  /** Node {@code index}'s cluster config: its own port, every node as a member. */
  ClusterConfig config(int index) {
    List<String> members = ports.stream().map(port -> HOST + ":" + port).toList();
    return new ClusterConfig(true, name, HOST, ports.get(index), members,
        new ClusterConfig.Kubernetes(null), ClusterConfig.DEFAULT_MEMBER_TIMEOUT_SECONDS);
  }

  /** Starts node {@code index}; it is closed by {@link #close()}. */
  Future<Vertx> start(int index) {
    return ClusteredVertx.start(config(index), new VertxOptions()).onSuccess(vertx -> {
      synchronized (started) {
        started.add(vertx);
      }
    });
  }

  /** The Hazelcast member under a clustered Vert.x, to inspect or to crash it. */
  static HazelcastInstance hazelcast(Vertx vertx) {
    return ((HazelcastClusterManager) ((VertxInternal) vertx).clusterManager())
        .getHazelcastInstance();
  }

  /**
   * Completes once every partition of the cluster has its backups in place. A member that dies
   * before that (right after a join, while partitions migrate) takes the only copy of some entries
   * with it, locks included: then a lock would be lost rather than released.
   */
  static Future<Void> whenSafe(Vertx vertx) {
    HazelcastInstance member = hazelcast(vertx);
    return Await.untilAsync(vertx, "a cluster-safe partition table", SAFE_TIMEOUT_MS,
        () -> vertx.executeBlocking(() -> member.getPartitionService().isClusterSafe()));
  }

  /** Closes the nodes one at a time, the last started first; a crashed node's close may fail. */
  @Override
  public void close() {
    List<Vertx> nodes;
    synchronized (started) {
      nodes = new ArrayList<>(started);
      started.clear();
    }
    for (int i = nodes.size() - 1; i >= 0; i--) {
      try {
        nodes.get(i).close().await(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        // a node whose Hazelcast member was terminated cannot leave cleanly; the others still close
      }
    }
  }
}
