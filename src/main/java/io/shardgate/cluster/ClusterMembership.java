package io.shardgate.cluster;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Tells a node when another member left the cluster, so a standby tries to take the shards that
 * member owned at once rather than at its next periodic attempt. Hazelcast's own membership events
 * are used: Vert.x's node listener slot belongs to its event bus.
 */
public final class ClusterMembership {

  /** The departed member's locks are freed as it is removed; a few tries cover the moments around it. */
  private static final long[] RETRY_AFTER_MS = {200, 1_000, 3_000};

  private ClusterMembership() {
  }

  /** Runs {@code onLeft} on the caller's context a few times after each member leaves (clustered only). */
  public static void whenMemberLeaves(Vertx vertx, Runnable onLeft) {
    ClusterManager manager = ((VertxInternal) vertx).clusterManager();
    if (!(manager instanceof HazelcastClusterManager hazelcast)) {
      return;
    }
    Context context = vertx.getOrCreateContext();
    hazelcast.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
      @Override
      public void memberAdded(MembershipEvent event) {
      }

      @Override
      public void memberRemoved(MembershipEvent event) {
        context.runOnContext(v -> {
          for (long delay : RETRY_AFTER_MS) {
            vertx.setTimer(delay, id -> onLeft.run());
          }
        });
      }
    });
  }
}
