package io.shardgate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import io.shardgate.config.ClusterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.shareddata.Lock;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Real Hazelcast members on 127.0.0.1, several per JVM, each test its own cluster. */
@ExtendWith(VertxExtension.class)
class ClusteredVertxTest {

  private static final long START_TIMEOUT_SECONDS = 30;
  private static final long HELD_LOCK_PROBE_MS = 300;
  /** A safety net far above the expected seconds; the timing goal lives in the benchmarks. */
  private static final long CRASH_RELEASE_BOUND_MS = 30_000;

  private LocalCluster cluster;

  @AfterEach
  void closeCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void three_nodes_form_one_cluster_and_share_the_event_bus(VertxTestContext ctx) throws Exception {
    List<Vertx> nodes = startCluster(3);
    for (Vertx node : nodes) {
      assertTrue(node.isClustered());
      assertEquals(3, LocalCluster.hazelcast(node).getCluster().getMembers().size());
    }
    Vertx a = nodes.get(0);
    Vertx c = nodes.get(2);
    String address = "shardgate.test." + UUID.randomUUID();

    MessageConsumer<String> consumer = a.eventBus().consumer(address, message -> {
      ctx.verify(() -> assertEquals("from C", message.body()));
      message.reply("A got it");
    });
    consumer.completion()
        .compose(registered -> c.eventBus().<String>request(address, "from C"))
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          assertEquals("A got it", reply.body());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void lock_held_by_a_crashed_node_is_acquired_by_a_survivor() throws Exception {
    List<Vertx> nodes = startCluster(3);
    // A is Hazelcast's master (the oldest member), the harder node to lose: a new master must take
    // over before the dead member is removed
    Vertx a = nodes.stream().filter(ClusteredVertxTest::isMaster).findFirst().orElseThrow();
    Vertx b = nodes.stream().filter(node -> node != a).findFirst().orElseThrow();
    HazelcastInstance aMember = LocalCluster.hazelcast(a);
    LocalCluster.whenSafe(a).await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    String name = "shardgate.test.lock." + UUID.randomUUID();

    a.sharedData().getLockWithTimeout(name, 5_000).await(10, TimeUnit.SECONDS);
    Future<Lock> whileHeld = b.sharedData().getLockWithTimeout(name, HELD_LOCK_PROBE_MS);
    assertThrows(Exception.class, () -> whileHeld.await(10, TimeUnit.SECONDS),
        "B must not get the lock while A holds it");

    long crashedAt = System.nanoTime();
    aMember.getLifecycleService().terminate(); // no graceful leave: sockets just close
    Lock lock = b.sharedData().getLockWithTimeout(name, CRASH_RELEASE_BOUND_MS)
        .await(CRASH_RELEASE_BOUND_MS + 5_000, TimeUnit.MILLISECONDS);
    long releasedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - crashedAt);
    System.out.println("lock of a crashed node (the master) acquired by another node after "
        + releasedAfterMs + " ms");

    assertTrue(releasedAfterMs < CRASH_RELEASE_BOUND_MS, releasedAfterMs + " ms");
    // B's view of the membership may lag the partition owner that freed the lock by a moment.
    long deadline = System.currentTimeMillis() + 10_000;
    while (LocalCluster.hazelcast(b).getCluster().getMembers().size() != 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(2, LocalCluster.hazelcast(b).getCluster().getMembers().size());
    lock.release();
  }

  @Test
  void disabled_cluster_gives_a_plain_local_vertx() throws Exception {
    VertxOptions base = new VertxOptions();
    Vertx vertx = ClusteredVertx.start(ClusterConfig.defaults(), base).await(10, TimeUnit.SECONDS);
    try {
      assertFalse(vertx.isClustered());
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void host_is_advertised_on_the_event_bus_without_touching_the_callers_options()
      throws Exception {
    cluster = new LocalCluster(1);
    VertxOptions base = new VertxOptions();
    Vertx vertx = ClusteredVertx.start(cluster.config(0), base)
        .await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    try {
      assertNull(base.getEventBusOptions().getClusterPublicHost(), "the caller's options");
      assertEquals(LocalCluster.HOST,
          LocalCluster.hazelcast(vertx).getCluster().getLocalMember().getAddress().getHost());
      NodeInfo eventBus = ((VertxInternal) vertx).clusterManager().getNodeInfo();
      assertEquals(LocalCluster.HOST, eventBus.host(), "where other nodes send event-bus messages");
    } finally {
      vertx.close().await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private static boolean isMaster(Vertx node) {
    HazelcastInstance member = LocalCluster.hazelcast(node);
    return member.getCluster().getMembers().iterator().next().localMember();
  }

  /** Starts every node at once, as pods of one rollout do, and waits until all have joined. */
  private List<Vertx> startCluster(int size) throws Exception {
    cluster = new LocalCluster(size);
    List<Future<Vertx>> starts = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      starts.add(cluster.start(i));
    }
    long begin = System.nanoTime();
    Future.all(starts).await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    System.out.println(size + " nodes joined in "
        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin) + " ms");
    return starts.stream().map(Future::result).toList();
  }
}
