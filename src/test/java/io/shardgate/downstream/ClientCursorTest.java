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
    assertEquals(101, cursor.rseqOf(5));
    assertEquals(102, cursor.rseqOf(6));
    assertEquals(-1, cursor.rseqOf(4), "crafted payloads map to no relayed frame");
    assertEquals(-1, cursor.rseqOf(7), "not delivered yet");
  }

  @Test
  void skipped_frames_keep_s_contiguous_and_the_mapping_exact() {
    ClientCursor cursor = new ClientCursor(10, 1);
    assertEquals(2, cursor.deliver(11));
    cursor.skip(12);
    cursor.skip(13);
    assertEquals(3, cursor.deliver(14));
    assertEquals(4, cursor.deliver(15));
    assertEquals(11, cursor.rseqOf(2));
    assertEquals(14, cursor.rseqOf(3));
    assertEquals(15, cursor.rseqOf(4));
  }

  @Test
  void a_skip_before_anything_was_delivered_moves_the_first_relayed_s() {
    ClientCursor cursor = new ClientCursor(50, 3);
    cursor.skip(51);
    assertEquals(4, cursor.deliver(52));
    assertEquals(52, cursor.rseqOf(4));
    assertEquals(4, cursor.firstRelayedS());
  }

  @Test
  void random_deliveries_and_skips_map_back_exactly() {
    Random random = new Random(7);
    ClientCursor cursor = new ClientCursor(0, 1);
    List<Long> delivered = new ArrayList<>();
    for (long rseq = 1; rseq <= 5_000; rseq++) {
      if (random.nextInt(20) == 0) {
        cursor.skip(rseq);
      } else {
        long s = cursor.deliver(rseq);
        assertEquals(delivered.size() + 2, s, "s contiguous from 2");
        delivered.add(rseq);
      }
    }
    for (int i = 0; i < delivered.size(); i++) {
      assertEquals(delivered.get(i), cursor.rseqOf(i + 2));
    }
  }

  @Test
  void refuses_frames_out_of_order() {
    ClientCursor cursor = new ClientCursor(10, 1);
    cursor.deliver(11);
    assertThrows(IllegalStateException.class, () -> cursor.deliver(11));
    assertThrows(IllegalStateException.class, () -> cursor.skip(5));
  }
}
