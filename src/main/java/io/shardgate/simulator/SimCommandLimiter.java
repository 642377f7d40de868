package io.shardgate.simulator;

import java.time.Clock;
import java.util.ArrayDeque;

/**
 * Discord's per-connection command limit: 120 payloads (heartbeats included) in any rolling 60 s;
 * the one beyond it gets close 4008.
 */
final class SimCommandLimiter {
  static final int MAX_COMMANDS = 120;
  static final long WINDOW_MS = 60_000;

  private final Clock clock;
  private final ArrayDeque<Long> recent = new ArrayDeque<>(MAX_COMMANDS + 1);

  SimCommandLimiter(Clock clock) {
    this.clock = clock;
  }

  /** Records one received payload; false when it exceeds the limit. */
  boolean tryAcquire() {
    long now = clock.millis();
    while (!recent.isEmpty() && now - recent.peekFirst() >= WINDOW_MS) {
      recent.pollFirst();
    }
    if (recent.size() >= MAX_COMMANDS) {
      return false;
    }
    recent.addLast(now);
    return true;
  }
}
