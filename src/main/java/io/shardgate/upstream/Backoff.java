package io.shardgate.upstream;

import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential with jitter so that a thousand shards dropped by one network blip do
 * not all reconnect in the same millisecond, capped so a shard never waits long once Discord is back.
 */
public final class Backoff {

  public static final long DEFAULT_BASE_MS = 1_000;
  public static final long DEFAULT_MAX_MS = 60_000;

  private final long baseMs;
  private final long maxMs;
  private final DoubleSupplier random;
  private int failures;

  public Backoff(long baseMs, long maxMs, DoubleSupplier random) {
    if (baseMs < 0 || maxMs < baseMs) {
      throw new IllegalArgumentException("backoff needs 0 <= base <= max, got " + baseMs + " and " + maxMs);
    }
    this.baseMs = baseMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  /**
   * The delay before the next attempt. The first retry after a healthy session is quick (a resume
   * should be near-instant), later ones double up to the cap. Jitter keeps half to all of the step.
   */
  public long nextDelayMillis() {
    long step = failures >= 30 ? maxMs : Math.min(maxMs, baseMs << failures);
    failures++;
    return (long) (step * (0.5 + 0.5 * random.getAsDouble()));
  }

  /** Called once a connection reached READY or RESUMED. */
  public void reset() {
    failures = 0;
  }

  public int failures() {
    return failures;
  }
}
