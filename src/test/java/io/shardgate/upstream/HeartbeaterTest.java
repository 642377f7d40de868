package io.shardgate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeartbeaterTest {

  private final ManualScheduler clock = new ManualScheduler();
  private final AtomicInteger beats = new AtomicInteger();
  private final AtomicInteger zombies = new AtomicInteger();
  private final Heartbeater heartbeater =
      new Heartbeater(clock, beats::incrementAndGet, zombies::incrementAndGet, () -> 0.5);

  @Test
  void first_beat_is_jittered_then_every_interval() {
    heartbeater.start(1_000);
    clock.advance(499);
    assertEquals(0, beats.get());
    clock.advance(1);
    assertEquals(1, beats.get());
    heartbeater.acknowledged();
    clock.advance(1_000);
    assertEquals(2, beats.get());
  }

  @Test
  void a_missing_ack_at_the_next_beat_is_a_zombie() {
    heartbeater.start(1_000);
    clock.advance(500);
    assertEquals(1, beats.get());
    clock.advance(1_000);
    assertEquals(1, zombies.get());
    assertEquals(1, beats.get(), "no heartbeat is sent on a zombied connection");
    clock.advance(10_000);
    assertEquals(1, zombies.get(), "the heartbeater stops after declaring a zombie");
  }

  @Test
  void measures_latency_from_the_ack() {
    heartbeater.start(1_000);
    clock.advance(500);
    clock.advance(42);
    heartbeater.acknowledged();
    assertEquals(42, heartbeater.latencyMillis());
  }

  @Test
  void discord_requested_beats_do_not_move_the_schedule() {
    heartbeater.start(1_000);
    clock.advance(100);
    heartbeater.beatNow();
    assertEquals(1, beats.get());
    heartbeater.acknowledged();
    clock.advance(400);
    assertEquals(2, beats.get());
  }
}
