package io.shardgate.upstream;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node-local {@link IdentifyQueue}: per bucket, one permit per window, first come first served;
 * the daily session budget is shared by all buckets and refills when Discord's {@code reset_after}
 * has passed. Thread-safe: shard verticles on different event loops ask it; each permit completes on
 * the asker's context.
 */
public final class BucketedIdentifyQueue implements IdentifyQueue {

  /** Discord's identify window per bucket. */
  public static final long DISCORD_WINDOW_MS = 5_000;
  /** Kept on top of the window: a permit is granted here, the IDENTIFY lands at Discord a little later. */
  public static final long DEFAULT_SAFETY_MARGIN_MS = 50;

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
  public Future<Void> acquire(int shardId) {
    Context caller = Vertx.currentContext();
    Promise<Void> permit = Promise.promise();
    Runnable grant = caller == null ? permit::complete : () -> caller.runOnContext(v -> permit.complete());
    Bucket bucket = buckets[shardId % buckets.length];
    synchronized (this) {
      bucket.waiting.add(grant);
      drain(bucket);
    }
    return permit.future();
  }

  public synchronized int sessionsRemaining() {
    return sessionsRemaining;
  }

  public int maxConcurrency() {
    return buckets.length;
  }

  private void drain(Bucket bucket) {
    if (bucket.wakeUpPending || bucket.waiting.isEmpty()) {
      return;
    }
    long now = scheduler.nowMillis();
    refillBudgetIfReset(now);
    long grantAt = Math.max(bucket.nextGrantAt, sessionsRemaining > 0 ? now : budgetResetsAt);
    if (grantAt <= now) {
      bucket.nextGrantAt = now + windowMs;
      sessionsRemaining--;
      bucket.waiting.poll().run();
      grantAt = bucket.nextGrantAt;
      if (bucket.waiting.isEmpty()) {
        return;
      }
    } else if (sessionsRemaining <= 0) {
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

  private static final class Bucket {
    final Queue<Runnable> waiting = new ArrayDeque<>();
    long nextGrantAt = Long.MIN_VALUE;
    boolean wakeUpPending;
  }
}
