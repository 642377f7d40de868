package io.shardgate.cluster;

import io.shardgate.upstream.BucketedIdentifyQueue;
import io.shardgate.upstream.GatewayInfo;
import io.shardgate.upstream.IdentifyPermit;
import io.shardgate.upstream.IdentifyQueue;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.shareddata.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identify gate for the whole cluster: Discord's buckets and daily budget belong to the bot token,
 * not to a node. Each node first queues its shards per bucket locally (so at most one request per
 * bucket per node reaches the cluster), then takes the bucket's cluster lock, waits out the bucket's
 * window recorded in the cluster map, spends one session start from the shared budget, and identifies.
 * The lock is held until Discord answers; the window then starts from the answer, as on one node.
 *
 * <p>At the grant, the bucket's entry is set to the worst case (answer timeout ahead): if the node
 * dies mid-identify, the next one still waits a full window after the latest moment Discord could
 * have received it. Node clocks are compared, so a margin covers their skew.
 */
public final class ClusterIdentifyQueue implements IdentifyQueue {

  public static final String MAP = "shardgate.identify";
  /** Clocks of nodes differ a little even with NTP: this much on top of Discord's window. */
  static final long CLOCK_SKEW_MARGIN_MS = 250;
  private static final long LOCK_WAIT_MS = 30_000;
  private static final String BUDGET_KEY = "budget";
  private static final Logger LOG = LoggerFactory.getLogger(ClusterIdentifyQueue.class);

  private final Vertx vertx;
  private final BucketedIdentifyQueue local;
  private final int maxConcurrency;
  private final long windowMs;
  private final GatewayInfo.SessionStartLimit limit;

  public ClusterIdentifyQueue(Vertx vertx, BucketedIdentifyQueue local, long windowMs,
      GatewayInfo.SessionStartLimit limit) {
    this.vertx = vertx;
    this.local = local;
    this.maxConcurrency = local.maxConcurrency();
    this.windowMs = windowMs + CLOCK_SKEW_MARGIN_MS;
    this.limit = limit;
  }

  @Override
  public Future<IdentifyPermit> acquire(int shardId) {
    int bucket = shardId % maxConcurrency;
    return local.acquire(shardId).compose(localPermit -> clusterGate(bucket)
        .<IdentifyPermit>map(gate -> new Permit(bucket, gate, localPermit))
        .recover(err -> {
          localPermit.unused();
          return Future.failedFuture(err);
        }));
  }

  /** The bucket's lock, the map, and the bucket's entry before this permit reserved it. */
  private record Gate(Lock lock, AsyncMap<String, Object> map, Object previous) {
  }

  private Future<Gate> clusterGate(int bucket) {
    return vertx.sharedData().<String, Object>getAsyncMap(MAP).compose(map -> lockBucket(bucket)
        .compose(lock -> waitForWindow(map, bucket)
            .compose(previous -> spendSessionStart(map)
                .compose(v -> map.put(bucketKey(bucket), now() + BucketedIdentifyQueue.ANSWER_TIMEOUT_MS))
                .map(v -> new Gate(lock, map, previous)))
            .recover(err -> {
              lock.release();
              return Future.failedFuture(err);
            })));
  }

  /** Waits for the bucket's lock however long other nodes hold it (each holds it for one identify). */
  private Future<Lock> lockBucket(int bucket) {
    return vertx.sharedData().getLockWithTimeout("shardgate.identify.bucket." + bucket, LOCK_WAIT_MS)
        .recover(timeout -> lockBucket(bucket));
  }

  /** Waits until the bucket's window has passed; yields the bucket's entry. */
  private Future<Object> waitForWindow(AsyncMap<String, Object> map, int bucket) {
    return map.get(bucketKey(bucket)).compose(last -> {
      long wait = last instanceof Number at ? at.longValue() + windowMs - now() : 0;
      return wait > 0 ? delay(wait).map(last) : Future.succeededFuture(last);
    });
  }

  /** Takes one session start from the cluster-wide budget, waiting for Discord's reset when it is spent. */
  private Future<Void> spendSessionStart(AsyncMap<String, Object> map) {
    JsonObject initial = new JsonObject().put("remaining", limit.remaining())
        .put("reset_at", now() + limit.resetAfterMs());
    return map.putIfAbsent(BUDGET_KEY, initial.encode()).compose(existing -> {
      JsonObject budget = new JsonObject(existing == null ? initial.encode() : (String) existing);
      String before = budget.encode();
      long resetAt = budget.getLong("reset_at");
      int remaining = budget.getInteger("remaining");
      if (remaining <= 0 && now() < resetAt) {
        LOG.warn("session_start_limit exhausted for the bot: identifies wait {} s for Discord's reset",
            (resetAt - now()) / 1000);
        return delay(Math.min(resetAt - now(), 60_000)).compose(v -> spendSessionStart(map));
      }
      if (remaining <= 0) {
        budget.put("remaining", limit.total()).put("reset_at", now() + 24 * 3600_000L);
      }
      budget.put("remaining", budget.getInteger("remaining") - 1);
      return map.replaceIfPresent(BUDGET_KEY, before, budget.encode())
          .compose(replaced -> replaced ? Future.succeededFuture() : spendSessionStart(map));
    });
  }

  private Future<Void> delay(long millis) {
    Promise<Void> done = Promise.promise();
    vertx.setTimer(Math.max(1, millis), id -> done.complete());
    return done.future();
  }

  private static String bucketKey(int bucket) {
    return "bucket." + bucket;
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  private final class Permit implements IdentifyPermit {
    private final int bucket;
    private final Gate gate;
    private final IdentifyPermit localPermit;
    private boolean done;

    Permit(int bucket, Gate gate, IdentifyPermit localPermit) {
      this.bucket = bucket;
      this.gate = gate;
      this.localPermit = localPermit;
    }

    @Override
    public void answered() {
      if (!done) {
        done = true;
        gate.map().put(bucketKey(bucket), now()).onComplete(ar -> gate.lock().release());
        localPermit.answered();
      }
    }

    @Override
    public void unused() {
      if (!done) {
        done = true;
        // Nothing reached Discord: the bucket's entry goes back to what it was. The session start is
        // not refunded: another node may have read the budget meanwhile, and spending one too many
        // is the safe side of Discord's daily limit.
        Future<Void> restored = gate.previous() == null ? gate.map().remove(bucketKey(bucket)).mapEmpty()
            : gate.map().put(bucketKey(bucket), gate.previous());
        restored.onComplete(ar -> gate.lock().release());
        localPermit.unused();
      }
    }
  }
}
