package io.shardgate.upstream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node-local {@link IdentifyQueue}: per bucket, one IDENTIFY in flight and one per window, lowest
 * shard id first; the window starts when the IDENTIFY is answered (see {@link IdentifyPermit}).
 * The daily session budget is shared by all buckets and refills when Discord's {@code reset_after}
 * has passed. Thread-safe: shard verticles on different event loops ask it; each permit completes on
 * the asker's context.
 */
public final class BucketedIdentifyQueue implements IdentifyQueue {

  /** Discord's identify window per bucket. */
  public static final long DISCORD_WINDOW_MS = 5_000;
  /** A permit whose IDENTIFY is never answered (a hung connection) frees its bucket after this. */
  public static final long ANSWER_TIMEOUT_MS = 15_000;

  private static final Logger LOG = LoggerFactory.getLogger(BucketedIdentifyQueue.class);

  private final Scheduler scheduler;
  private final long windowMs;
  private final Bucket[] buckets;
  private final int sessionTotal;
  private int sessionsRemaining;
  private long budgetResetsAt;

  public BucketedIdentifyQueue(int maxConcurrency, long windowMs, Scheduler scheduler,
      GatewayInfo.SessionStartLimit limit) {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("max_concurrency must be at least 1");
    }
    this.scheduler = scheduler;
    this.windowMs = windowMs;
    this.buckets = new Bucket[maxConcurrency];
    for (int i = 0; i < maxConcurrency; i++) {
      buckets[i] = new Bucket();
    }
    this.sessionTotal = limit.total();
    this.sessionsRemaining = limit.remaining();
    this.budgetResetsAt = scheduler.nowMillis() + limit.resetAfterMs();
  }

  @Override
  public Future<IdentifyPermit> acquire(int shardId) {
    Context caller = Vertx.currentContext();
    Promise<IdentifyPermit> promise = Promise.promise();
    Consumer<IdentifyPermit> grant = caller == null
        ? promise::complete
        : permit -> caller.runOnContext(v -> promise.complete(permit));
    Bucket bucket = buckets[shardId % buckets.length];
    synchronized (this) {
      bucket.waiting.add(new Waiter(shardId, grant));
      drain(bucket);
    }
    return promise.future();
  }

  public synchronized int sessionsRemaining() {
    return sessionsRemaining;
  }

  public int maxConcurrency() {
    return buckets.length;
  }

  private void drain(Bucket bucket) {
    if (bucket.inFlight != null || bucket.wakeUpPending || bucket.waiting.isEmpty()) {
      return;
    }
    long now = scheduler.nowMillis();
    refillBudgetIfReset(now);
    long grantAt = Math.max(bucket.nextGrantAt, sessionsRemaining > 0 ? now : budgetResetsAt);
    if (grantAt <= now) {
      sessionsRemaining--;
      Permit permit = new Permit(bucket);
      bucket.inFlight = permit;
      permit.timeout = scheduler.schedule(ANSWER_TIMEOUT_MS, permit::answered);
      bucket.waiting.poll().grant().accept(permit);
      return;
    }
    if (sessionsRemaining <= 0) {
      LOG.warn("session_start_limit exhausted: {} shard(s) wait {} s for Discord's daily reset",
          bucket.waiting.size(), (budgetResetsAt - now) / 1000);
    }
    bucket.wakeUpPending = true;
    scheduler.schedule(grantAt - now, () -> {
      synchronized (this) {
        bucket.wakeUpPending = false;
        drain(bucket);
      }
    });
  }

  private void refillBudgetIfReset(long now) {
    if (sessionsRemaining <= 0 && now >= budgetResetsAt) {
      sessionsRemaining = sessionTotal;
      budgetResetsAt = now + 24 * 3600_000L;
    }
  }

  private final class Permit implements IdentifyPermit {
    private final Bucket bucket;
    private long timeout;

    Permit(Bucket bucket) {
      this.bucket = bucket;
    }

    @Override
    public void answered() {
      release(windowMs, false);
    }

    @Override
    public void unused() {
      release(0, true);
    }

    private void release(long window, boolean refund) {
      synchronized (BucketedIdentifyQueue.this) {
        if (bucket.inFlight != this) {
          return;
        }
        scheduler.cancel(timeout);
        bucket.inFlight = null;
        if (refund) {
          sessionsRemaining++;
        }
        bucket.nextGrantAt = Math.max(bucket.nextGrantAt, scheduler.nowMillis() + window);
        drain(bucket);
      }
    }
  }

  /** Lower shard ids first, as Discord suggests starting shards in order. */
  private record Waiter(int shardId, Consumer<IdentifyPermit> grant) {
  }

  private static final class Bucket {
    final Queue<Waiter> waiting = new PriorityQueue<>(Comparator.comparingInt(Waiter::shardId));
    long nextGrantAt = Long.MIN_VALUE;
    Permit inFlight;
    boolean wakeUpPending;
  }
}
