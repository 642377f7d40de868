package io.shardgate.bench;

/** Reads a failover time off a client's arrival times (epoch µs, ascending). */
final class FailoverGap {
  private FailoverGap() {
  }

  /**
   * Seconds from {@code signalledAt} to the arrival that ends the largest gap in the stream after the
   * signal, once the stream has flowed {@code steadyAfterMs} past that arrival; NaN until then.
   */
  static double secondsAfter(long[] arrivals, long signalledAt, long steadyAfterMs) {
    int first = 0;
    while (first < arrivals.length && arrivals[first] <= signalledAt) {
      first++;
    }
    if (first == arrivals.length) {
      return Double.NaN;
    }
    long previous = first > 0 ? arrivals[first - 1] : signalledAt;
    long largestGap = -1;
    long gapEnd = -1;
    for (int i = first; i < arrivals.length; i++) {
      long gap = arrivals[i] - previous;
      if (gap > largestGap) {
        largestGap = gap;
        gapEnd = arrivals[i];
      }
      previous = arrivals[i];
    }
    if (arrivals[arrivals.length - 1] - gapEnd < steadyAfterMs * 1_000) {
      return Double.NaN;
    }
    return (gapEnd - signalledAt) / 1e6;
  }
}
