package io.shardgate.bench;

import org.HdrHistogram.Histogram;

/**
 * One step of a throughput ramp: the simulator offers a fixed rate, the clients count what arrives.
 * Sustained = at least {@link #DELIVERED_SHARE} of the offered events arrived, the lag (arrival minus
 * the simulator's send time) stayed under {@link #LAG_BOUND_MS} at p99, and no client was dropped.
 */
record RateStep(double offeredPerSecond, double deliveredPerSecond, double lagP99Ms, double proxyCpuPer100k,
    long reconnects) {
  static final double DELIVERED_SHARE = 0.95;
  static final double LAG_BOUND_MS = 250;
  /** After a step, the next starts once no event has arrived for this long (or after MAX_DRAIN_MS). */
  private static final long QUIET_MS = 300;
  private static final long MAX_DRAIN_MS = 20_000;

  boolean sustained() {
    return deliveredPerSecond >= DELIVERED_SHARE * offeredPerSecond && lagP99Ms <= LAG_BOUND_MS && reconnects == 0;
  }

  /** Runs one step on {@code way} with {@code group} connected; leaves the simulator at rate 0. */
  static RateStep run(Way way, ClientGroup group, double perShardRate, double offeredPerSecond,
      BenchSettings settings) throws InterruptedException {
    long reconnectsBefore = group.reconnects();
    way.simulator().rate(perShardRate);
    Thread.sleep(settings.warmupMs());
    group.resetWindows(0);
    double cpuBefore = way.proxyCpuSeconds();
    long start = System.nanoTime();
    Thread.sleep(settings.measureMs());
    long events = group.liveEvents();
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpu = way.proxyCpuSeconds() - cpuBefore;
    Histogram lag = group.latency();
    way.simulator().rate(0);
    group.awaitQuiet(QUIET_MS, MAX_DRAIN_MS);
    double cpuPer100k = events == 0 ? Double.NaN : cpu / events * 100_000;
    return new RateStep(offeredPerSecond, events / seconds, lag.getValueAtPercentile(99) / 1000.0, cpuPer100k,
        group.reconnects() - reconnectsBefore);
  }
}
