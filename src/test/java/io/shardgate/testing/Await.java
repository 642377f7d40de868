package io.shardgate.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Waits for a condition that the code under test makes true by itself (a shard reaching ACTIVE, a
 * counter reaching a value): checks it on a short period and fails with {@code what} after a
 * deadline. The deadline is a safety net, never the thing measured.
 */
public final class Await {

  private static final long CHECK_EVERY_MS = 10;

  private Await() {
  }

  public static Future<Void> until(Vertx vertx, String what, long timeoutMs, Supplier<Boolean> condition) {
    Promise<Void> done = Promise.promise();
    long deadline = System.currentTimeMillis() + timeoutMs;
    check(vertx, what, deadline, condition, done);
    return done.future();
  }

  /** Like {@link #until} for a condition that needs a round trip (the simulator's counters). */
  public static Future<Void> untilAsync(Vertx vertx, String what, long timeoutMs, Supplier<Future<Boolean>> condition) {
    Promise<Void> done = Promise.promise();
    long deadline = System.currentTimeMillis() + timeoutMs;
    checkAsync(vertx, what, deadline, condition, done);
    return done.future();
  }

  /** Like {@link #until}, for a test thread: the condition may block (a map read, a counter). */
  public static void blocking(String what, long timeoutSeconds, java.util.concurrent.Callable<Boolean> condition)
      throws Exception {
    long deadline = System.currentTimeMillis() + timeoutSeconds * 1_000;
    while (!condition.call()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(CHECK_EVERY_MS);
    }
  }

  private static void check(Vertx vertx, String what, long deadline, Supplier<Boolean> condition, Promise<Void> done) {
    boolean met;
    try {
      met = condition.get();
    } catch (RuntimeException e) {
      done.fail(e);
      return;
    }
    if (met) {
      done.complete();
    } else if (System.currentTimeMillis() > deadline) {
      done.fail(new AssertionError("timed out waiting for " + what));
    } else {
      vertx.setTimer(CHECK_EVERY_MS, id -> check(vertx, what, deadline, condition, done));
    }
  }

  private static void checkAsync(Vertx vertx, String what, long deadline, Supplier<Future<Boolean>> condition,
      Promise<Void> done) {
    condition.get().onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
      } else if (ar.result()) {
        done.complete();
      } else if (System.currentTimeMillis() > deadline) {
        done.fail(new AssertionError("timed out waiting for " + what));
      } else {
        vertx.setTimer(CHECK_EVERY_MS * 5, id -> checkAsync(vertx, what, deadline, condition, done));
      }
    });
  }
}
