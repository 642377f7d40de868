package io.shardgate.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.Lock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly one owner per shard in the cluster: a node runs a shard of its range only while it holds
 * the shard's cluster lock ({@code shardgate.shard.<id>.owner}), and holds it for as long as it runs
 * the shard. Shards of its range that another node owns it watches as a standby: Hazelcast frees the
 * locks of a member that leaves or dies, and the first standby to take one starts the shard. A
 * single, unclustered node goes through the same locks (local ones).
 */
public final class ShardOwnership {

  /** Starts a shard this node now owns; completes with something to stop it by. */
  public interface ShardStarter {
    Future<String> start(int shardId);
  }

  /** Stops a shard this node owns (before its lock is released). */
  public interface ShardStopper {
    Future<Void> stop(String handle);
  }

  /** A lock attempt must not wait: a standby learns of freed locks by trying again. */
  private static final long TRY_LOCK_MS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(ShardOwnership.class);

  private record Owned(Lock lock, String handle) {
  }

  private final Vertx vertx;
  private final int shardStart;
  private final int shardEnd;
  private final ShardStarter starter;
  private final ShardStopper stopper;
  private final long retryMs;
  private final Map<Integer, Owned> owned = new ConcurrentHashMap<>();
  private final Set<Integer> attempting = ConcurrentHashMap.newKeySet();
  private long retryTimer = -1;
  private volatile boolean stopped;

  public ShardOwnership(Vertx vertx, int shardStart, int shardEnd, ShardStarter starter, ShardStopper stopper,
      long retryMs) {
    this.vertx = vertx;
    this.shardStart = shardStart;
    this.shardEnd = shardEnd;
    this.starter = starter;
    this.stopper = stopper;
    this.retryMs = retryMs;
  }

  public static String lockName(int shardId) {
    return "shardgate.shard." + shardId + ".owner";
  }

  /** Takes every free shard of the range; completes once each has been tried once. */
  public Future<Void> start() {
    retryTimer = vertx.setPeriodic(retryMs, id -> claimFreeShards());
    return claimFreeShards();
  }

  /** Tries again now: a member left, its shards may be free. */
  public Future<Void> claimFreeShards() {
    List<Future<?>> attempts = new ArrayList<>();
    for (int shard = shardStart; shard < shardEnd; shard++) {
      if (!owned.containsKey(shard) && attempting.add(shard)) {
        int id = shard;
        attempts.add(claim(id).onComplete(ar -> attempting.remove(id)));
      }
    }
    return Future.join(attempts).mapEmpty();
  }

  /** Stops every owned shard, then releases its lock for a standby (or the restarted node) to take. */
  public Future<Void> stop() {
    stopped = true;
    vertx.cancelTimer(retryTimer);
    List<Future<?>> stops = new ArrayList<>();
    for (Map.Entry<Integer, Owned> entry : owned.entrySet()) {
      Owned shard = entry.getValue();
      stops.add(stopper.stop(shard.handle()).eventually(() -> {
        shard.lock().release();
        return Future.succeededFuture();
      }));
    }
    owned.clear();
    return Future.join(stops).mapEmpty();
  }

  public SortedSet<Integer> ownedShards() {
    return new TreeSet<>(owned.keySet());
  }

  private Future<Void> claim(int shard) {
    return vertx.sharedData().getLockWithTimeout(lockName(shard), TRY_LOCK_MS)
        .compose(lock -> {
          if (stopped) {
            lock.release();
            return Future.succeededFuture();
          }
          return starter.start(shard)
              .onSuccess(handle -> {
                owned.put(shard, new Owned(lock, handle));
                LOG.info("shard {}: owned by this node", shard);
              })
              .onFailure(err -> {
                LOG.error("shard {}: could not start: {}", shard, err.getMessage());
                lock.release();
              })
              .<Void>mapEmpty();
        }, standby -> Future.succeededFuture());
  }
}
