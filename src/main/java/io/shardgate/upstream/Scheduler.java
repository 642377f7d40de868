package io.shardgate.upstream;

/**
 * Time for the rules that are about time (identify buckets, command limits, heartbeats), injected so
 * tests can drive a paused clock instead of sleeping.
 */
public interface Scheduler {

  /** Milliseconds on a monotonic clock. */
  long nowMillis();

  /** Runs {@code task} after {@code delayMs}; returns a handle for {@link #cancel(long)}. */
  long schedule(long delayMs, Runnable task);

  void cancel(long handle);
}
