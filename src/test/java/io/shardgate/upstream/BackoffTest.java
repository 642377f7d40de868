package io.shardgate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doubles_up_to_the_cap_and_resets_after_success() {
    Backoff backoff = new Backoff(1_000, 8_000, () -> 1.0);
    assertEquals(1_000, backoff.nextDelayMillis());
    assertEquals(2_000, backoff.nextDelayMillis());
    assertEquals(4_000, backoff.nextDelayMillis());
    assertEquals(8_000, backoff.nextDelayMillis());
    assertEquals(8_000, backoff.nextDelayMillis());
    backoff.reset();
    assertEquals(1_000, backoff.nextDelayMillis());
  }

  @Test
  void jitter_keeps_at_least_half_of_each_step() {
    Backoff backoff = new Backoff(1_000, 8_000, () -> 0.0);
    assertEquals(500, backoff.nextDelayMillis());
    assertEquals(1_000, backoff.nextDelayMillis());
  }

  @Test
  void many_failures_do_not_overflow() {
    Backoff backoff = new Backoff(1_000, 60_000, () -> 1.0);
    for (int i = 0; i < 100; i++) {
      backoff.nextDelayMillis();
    }
    assertEquals(60_000, backoff.nextDelayMillis());
  }
}
