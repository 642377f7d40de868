package io.shardgate.upstream;

import java.util.function.DoubleSupplier;

/**
 * Heartbeats on one connection: the first after {@code interval * random[0,1)} as Discord asks, then
 * every interval. A heartbeat due while the previous one is still unacknowledged means the connection
 * is a zombie: {@code onZombie} runs instead and the heartbeater stops.
 * Not thread-safe: driven from the shard's context.
 */
final class Heartbeater {

  private final Scheduler scheduler;
  private final Runnable sendHeartbeat;
  private final Runnable onZombie;
  private final DoubleSupplier random;
  private long intervalMs;
  private long timer = -1;
  private boolean running;
  private boolean acked;
  private long sentAtMs;
  private long latencyMs = -1;

  Heartbeater(Scheduler scheduler, Runnable sendHeartbeat, Runnable onZombie, DoubleSupplier random) {
    this.scheduler = scheduler;
    this.sendHeartbeat = sendHeartbeat;
    this.onZombie = onZombie;
    this.random = random;
  }

  void start(long heartbeatIntervalMs) {
    stop();
    intervalMs = heartbeatIntervalMs;
    running = true;
    acked = true;
    timer = scheduler.schedule((long) (intervalMs * random.getAsDouble()), this::tick);
  }

  /** Discord sent op 1: answer at once, without moving the regular schedule. */
  void beatNow() {
    if (running) {
      send();
    }
  }

  void acknowledged() {
    acked = true;
    latencyMs = scheduler.nowMillis() - sentAtMs;
  }

  void stop() {
    running = false;
    scheduler.cancel(timer);
    timer = -1;
  }

  /** Round trip of the last acknowledged heartbeat, or -1 before the first ACK. */
  long latencyMillis() {
    return latencyMs;
  }

  long intervalMillis() {
    return intervalMs;
  }

  private void tick() {
    if (!running) {
      return;
    }
    if (!acked) {
      stop();
      onZombie.run();
      return;
    }
    send();
    timer = scheduler.schedule(intervalMs, this::tick);
  }

  private void send() {
    acked = false;
    sentAtMs = scheduler.nowMillis();
    sendHeartbeat.run();
  }
}
