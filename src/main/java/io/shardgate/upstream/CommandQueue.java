package io.shardgate.upstream;

import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Gateway commands waiting for Discord's 120/60 s limit on one shard. Bounded: past
 * {@code capacity} a new command is refused (the sender learns it) rather than queued forever.
 * Drains whenever the connection can send, at the pace the limiter allows. Every payload the shard
 * sends, heartbeats and IDENTIFY included, is recorded with {@link #recordSent()} so the limiter sees
 * what Discord counts. Not thread-safe: used on the shard's context.
 */
final class CommandQueue {

  private final Scheduler scheduler;
  private final int capacity;
  private final BooleanSupplier canSend;
  private final Consumer<String> send;
  private final ArrayDeque<String> pending = new ArrayDeque<>();
  private CommandLimiter limiter = CommandLimiter.forHeartbeatInterval(41_250);
  private long drainTimer = -1;

  CommandQueue(Scheduler scheduler, int capacity, BooleanSupplier canSend, Consumer<String> send) {
    this.scheduler = scheduler;
    this.capacity = capacity;
    this.canSend = canSend;
    this.send = send;
  }

  /** A new connection said HELLO: the limit starts afresh, with room for its heartbeats. */
  void newConnection(long heartbeatIntervalMs) {
    limiter = CommandLimiter.forHeartbeatInterval(heartbeatIntervalMs);
  }

  /** False when the queue is full. */
  boolean offer(String command) {
    if (pending.size() >= capacity) {
      return false;
    }
    pending.add(command);
    drain();
    return true;
  }

  int size() {
    return pending.size();
  }

  void recordSent() {
    limiter.record(scheduler.nowMillis());
  }

  /** Sends what the limiter allows now and schedules the rest. */
  void drain() {
    scheduler.cancel(drainTimer);
    drainTimer = -1;
    while (canSend.getAsBoolean() && !pending.isEmpty()) {
      long wait = limiter.delayMillis(scheduler.nowMillis());
      if (wait > 0) {
        drainTimer = scheduler.schedule(wait, this::drain);
        return;
      }
      send.accept(pending.poll());
    }
  }

  void stop() {
    scheduler.cancel(drainTimer);
  }
}
