package io.shardgate.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClientCursorTest {

  @Test
  void live_frames_continue_after_the_crafted_ready_and_guild_creates() {
    // READY s=1 and three GUILD_CREATEs s=2..4 reflect the shard up to rseq 100.
    ClientCursor cursor = new ClientCursor(100, 4);
    assertEquals(5, cursor.deliver(101));
    assertEquals(6, cursor.deliver(102));
    assertEquals(100, cursor.afterRseq(4), "resuming right after the crafted payloads needs frames after 100");
    assertEquals(101, cursor.afterRseq(5));
    assertEquals(102, cursor.afterRseq(6));
    assertEquals(-1, cursor.afterRseq(3), "a client that missed a crafted GUILD_CREATE cannot resume");
    assertEquals(-1, cursor.afterRseq(7), "not sent yet");
  }

  @Test
  void skipped_frames_keep_s_contiguous_and_the_mapping_exact() {
    ClientCursor cursor = new ClientCursor(10, 1);
    assertEquals(2, cursor.deliver(11));
    cursor.skip(12);
    cursor.skip(13);
    assertEquals(3, cursor.deliver(14));
    assertEquals(4, cursor.deliver(15));
    assertEquals(11, cursor.afterRseq(2));
    assertEquals(14, cursor.afterRseq(3));
    assertEquals(15, cursor.afterRseq(4));
  }

  @Test
  void a_crafted_resumed_takes_an_s_but_no_relayed_frame() {
    ClientCursor cursor = new ClientCursor(10, 1);
    cursor.deliver(11);
    assertEquals(3, cursor.craft());
    assertEquals(4, cursor.deliver(12));
    assertEquals(11, cursor.afterRseq(3), "after RESUMED the client still needs frame 12");
    assertEquals(12, cursor.afterRseq(4));
  }

  @Test
  void rewinding_replays_with_the_same_numbers() {
    ClientCursor cursor = new ClientCursor(0, 1);
    for (long r = 1; r <= 10; r++) {
      cursor.deliver(r);
    }
    assertEquals(6, cursor.rewindTo(7));
    assertEquals(8, cursor.deliver(7));
    assertEquals(9, cursor.deliver(8));
    assertEquals(-1, cursor.rewindTo(20), "a seq never sent");
  }

  @Test
  void random_deliveries_skips_and_crafts_map_back_exactly() {
    Random random = new Random(7);
    ClientCursor cursor = new ClientCursor(0, 1);
    List<Long> seenUpTo = new ArrayList<>();
    seenUpTo.add(0L);
    long rseq = 0;
    for (int i = 0; i < 5_000; i++) {
      int roll = random.nextInt(20);
      if (roll == 0) {
        cursor.skip(++rseq);
      } else if (roll == 1) {
        assertEquals(seenUpTo.size() + 1, cursor.craft());
        seenUpTo.add(rseq);
      } else {
        long s = cursor.deliver(++rseq);
        assertEquals(seenUpTo.size() + 1, s, "s contiguous");
        seenUpTo.add(rseq);
      }
    }
    for (int i = 0; i < seenUpTo.size(); i++) {
      long s = i + 1;
      long expected = seenUpTo.get(i);
      long actual = cursor.afterRseq(s);
      // A client that saw s has every frame up to the rseq of s; skipped frames right after it are not
      // for it, so any answer between that rseq and the next delivered one is equally right.
      long next = i + 1 < seenUpTo.size() ? seenUpTo.get(i + 1) : rseq;
      if (actual < expected || actual > Math.max(expected, next - 1)) {
        throw new AssertionError("s " + s + " mapped to " + actual + ", expected " + expected);
      }
    }
  }

  @Test
  void survives_a_round_trip_through_json_for_another_node() {
    ClientCursor cursor = new ClientCursor(10, 3);
    cursor.deliver(11);
    cursor.skip(12);
    cursor.deliver(13);
    cursor.craft();
    ClientCursor copy = ClientCursor.fromJson(cursor.toJson());
    for (long s = 1; s <= 7; s++) {
      assertEquals(cursor.afterRseq(s), copy.afterRseq(s), "s " + s);
    }
    assertEquals(cursor.deliver(14), copy.deliver(14));
  }

  @Test
  void refuses_frames_out_of_order() {
    ClientCursor cursor = new ClientCursor(10, 1);
    cursor.deliver(11);
    assertThrows(IllegalStateException.class, () -> cursor.deliver(11));
    assertThrows(IllegalStateException.class, () -> cursor.skip(5));
  }
}
