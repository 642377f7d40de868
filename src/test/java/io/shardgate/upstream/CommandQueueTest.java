package io.shardgate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandQueueTest {

  private final ManualScheduler clock = new ManualScheduler();
  private final List<Long> sentAt = new ArrayList<>();
  private boolean connected = true;
  private CommandQueue queue;

  private CommandQueue queue(int capacity) {
    queue = new CommandQueue(clock, capacity, () -> connected, command -> {
      sentAt.add(clock.nowMillis());
      queue.recordSent();
    });
    return queue;
  }

  @Test
  void sends_at_the_pace_discord_allows_keeping_room_for_heartbeats() {
    CommandQueue commands = queue(1_000);
    for (int i = 0; i < 200; i++) {
      assertTrue(commands.offer("{\"op\":3}"));
    }
    assertEquals(117, sentAt.size(), "117 at once: 3 of Discord's 120 stay free for heartbeats");
    clock.advance(60_000);
    assertEquals(200, sentAt.size(), "the rest as the window frees up");
    for (int i = 117; i < sentAt.size(); i++) {
      assertTrue(sentAt.get(i) >= 60_000, "command " + i + " waited for the window");
    }
  }

  @Test
  void a_full_queue_refuses_rather_than_growing() {
    CommandQueue commands = queue(2);
    connected = false;
    assertTrue(commands.offer("a"));
    assertTrue(commands.offer("b"));
    assertFalse(commands.offer("c"));
    assertEquals(2, commands.size());
  }

  @Test
  void waits_while_disconnected_and_drains_when_the_connection_is_back() {
    CommandQueue commands = queue(10);
    connected = false;
    commands.offer("a");
    commands.offer("b");
    assertEquals(0, sentAt.size());
    connected = true;
    commands.drain();
    assertEquals(2, sentAt.size());
  }
}
