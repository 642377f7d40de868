package io.shardgate.upstream;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

/** {@link Scheduler} on Vert.x timers; tasks run on the context that created it. */
public final class VertxScheduler implements Scheduler {

  private final Vertx vertx;
  private final Context context;

  public VertxScheduler(Vertx vertx) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
  }

  @Override
  public long nowMillis() {
    return System.nanoTime() / 1_000_000L;
  }

  @Override
  public long schedule(long delayMs, Runnable task) {
    if (delayMs <= 0) {
      context.runOnContext(v -> task.run());
      return -1;
    }
    return vertx.setTimer(delayMs, id -> task.run());
  }

  @Override
  public void cancel(long handle) {
    if (handle >= 0) {
      vertx.cancelTimer(handle);
    }
  }
}
