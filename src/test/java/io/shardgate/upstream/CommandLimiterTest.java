package io.shardgate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommandLimiterTest {

  @Test
  void allows_the_limit_minus_the_heartbeat_reserve_within_one_period() {
    CommandLimiter limiter = new CommandLimiter(120, 60_000, 3);
    for (int i = 0; i < 117; i++) {
      assertEquals(0, limiter.delayMillis(i), "command " + i);
      limiter.record(i);
    }
    assertTrue(limiter.delayMillis(117) > 0, "the 118th command must wait: 3 slots are for heartbeats");
  }

  @Test
  void a_blocked_command_waits_until_the_oldest_send_leaves_the_window() {
    CommandLimiter limiter = new CommandLimiter(10, 60_000, 2);
    for (int i = 0; i < 8; i++) {
      limiter.record(1_000 + i * 100);
    }
    assertEquals(60_000 + 1_000 - 5_000, limiter.delayMillis(5_000));
    assertEquals(0, limiter.delayMillis(61_000));
  }

  @Test
  void heartbeats_count_against_the_window() {
    CommandLimiter limiter = new CommandLimiter(10, 60_000, 2);
    for (int i = 0; i < 8; i++) {
      limiter.record(i);
    }
    limiter.record(8);
    limiter.record(9);
    assertEquals(10, limiter.sentInWindow(10));
    assertTrue(limiter.delayMillis(10) > 0);
  }

  @Test
  void never_lets_more_than_120_payloads_through_in_any_60_second_window() {
    CommandLimiter limiter = CommandLimiter.forHeartbeatInterval(41_250);
    long now = 0;
    int sent = 0;
    long[] times = new long[2_000];
    while (sent < times.length) {
      long wait = limiter.delayMillis(now);
      now += wait;
      limiter.record(now);
      times[sent++] = now;
      now += 7;
    }
    for (int i = 120; i < times.length; i++) {
      assertTrue(times[i] - times[i - 120] >= 60_000, "121 payloads within 60 s at " + i);
    }
  }

  @Test
  void reserve_is_derived_from_the_heartbeat_interval() {
    assertEquals(117, CommandLimiter.forHeartbeatInterval(41_250).userCommandCapacity());
    // A very short interval would eat the window: the reserve is capped at half of it.
    assertEquals(60, CommandLimiter.forHeartbeatInterval(1_000).userCommandCapacity());
  }

  @Test
  void rejects_a_reserve_that_leaves_no_room_for_commands() {
    assertThrows(IllegalArgumentException.class, () -> new CommandLimiter(10, 1_000, 10));
  }
}
