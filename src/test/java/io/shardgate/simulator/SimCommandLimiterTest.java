package io.shardgate.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimCommandLimiterTest {
  @Test
  void allows_120_per_rolling_60_seconds() {
    MutableClock clock = new MutableClock(0);
    SimCommandLimiter limiter = new SimCommandLimiter(clock);
    for (int i = 0; i < 60; i++) {
      assertTrue(limiter.tryAcquire());
    }
    clock.advance(30_000);
    for (int i = 0; i < 60; i++) {
      assertTrue(limiter.tryAcquire());
    }
    assertFalse(limiter.tryAcquire());
    clock.advance(29_999);
    assertFalse(limiter.tryAcquire(), "the first 60 are still inside the window");
    clock.advance(1);
    for (int i = 0; i < 60; i++) {
      assertTrue(limiter.tryAcquire());
    }
    assertFalse(limiter.tryAcquire());
  }
}
