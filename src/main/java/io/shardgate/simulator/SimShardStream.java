package io.shardgate.simulator;

import io.vertx.core.Vertx;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.BiConsumer;

/**
 * The live event stream of one shard: every tick it asks the world for as many events as the rate
 * allows since the last tick (batched, so thousands per second cost a hundred timer firings) and
 * hands them on. Event-loop confined.
 */
final class SimShardStream {
  static final long TICK_MS = 10;
  /** After a stall (GC, a long GUILD_CREATE burst) catch up at most this much time, not a flood. */
  static final double MAX_CATCH_UP_SECONDS = 1.0;

  private final Vertx vertx;
  private final SimWorld world;
  private final int shard;
  private final Random random;
  private final BiConsumer<Integer, SimEvent> sink;
  private long timerId = -1;
  private long lastTickNanos;
  private double owed;

  SimShardStream(Vertx vertx, SimWorld world, int shard, long seed, BiConsumer<Integer, SimEvent> sink) {
    this.vertx = vertx;
    this.world = world;
    this.shard = shard;
    this.random = new Random(seed * 1_000_003L + shard);
    this.sink = sink;
  }

  boolean running() {
    return timerId >= 0;
  }

  void start(DoubleSupplier ratePerSecond) {
    if (running()) {
      return;
    }
    lastTickNanos = System.nanoTime();
    owed = 0;
    timerId = vertx.setPeriodic(TICK_MS, id -> tick(ratePerSecond.getAsDouble()));
  }

  void stop() {
    if (running()) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  private void tick(double ratePerSecond) {
    long now = System.nanoTime();
    double elapsedSeconds = Math.min(MAX_CATCH_UP_SECONDS, (now - lastTickNanos) / 1e9);
    lastTickNanos = now;
    owed += ratePerSecond * elapsedSeconds;
    long due = (long) owed;
    owed -= due;
    for (long i = 0; i < due && running(); i++) {
      sink.accept(shard, world.nextEvent(shard, random));
    }
  }
}
