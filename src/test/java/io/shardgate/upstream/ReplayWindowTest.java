package io.shardgate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shardgate.protocol.GatewayFrame;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {

  private static GatewayFrame frame(long rseq, int padding) {
    String json = "{\"op\":0,\"t\":\"X\",\"s\":1,\"d\":\"" + "x".repeat(padding) + "\"}";
    return GatewayFrame.scan(0, rseq, json.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Long> rseqs(List<GatewayFrame> frames) {
    return frames.stream().map(GatewayFrame::rseq).toList();
  }

  @Test
  void returns_exactly_the_frames_after_a_sequence() {
    ReplayWindow window = new ReplayWindow(10, 1 << 20, 60_000);
    for (long r = 1; r <= 5; r++) {
      window.append(frame(r, 0), 0);
    }
    assertEquals(List.of(3L, 4L, 5L), rseqs(window.after(2, 0)));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), rseqs(window.after(0, 0)));
    assertEquals(List.of(), window.after(5, 0), "an up-to-date client gets nothing");
    assertNull(window.after(6, 0), "a sequence from the future is refused");
  }

  @Test
  void says_so_when_the_count_bound_evicted_what_a_client_needs() {
    ReplayWindow window = new ReplayWindow(3, 1 << 20, 60_000);
    for (long r = 1; r <= 5; r++) {
      window.append(frame(r, 0), 0);
    }
    assertEquals(3, window.oldestRseq());
    assertNull(window.after(1, 0), "frame 2 is gone: never a silent gap");
    assertEquals(List.of(3L, 4L, 5L), rseqs(window.after(2, 0)));
  }

  @Test
  void byte_and_age_bounds_evict_oldest_first() {
    GatewayFrame big = frame(1, 1000);
    ReplayWindow window = new ReplayWindow(100, big.length() * 2L, 1_000);
    window.append(big, 0);
    window.append(frame(2, 1000), 0);
    window.append(frame(3, 1000), 0);
    assertEquals(2, window.size());
    assertEquals(2, window.oldestRseq());
    assertNull(window.after(1, 5_000), "frames older than the age bound are gone");
    assertEquals(0, window.size(), "everything older than the age bound is gone");
    assertEquals(List.of(), window.after(3, 5_000), "but the newest sequence is still known");
  }

  @Test
  void oldest_age_is_zero_when_empty_and_counts_from_the_oldest_frame_held() {
    ReplayWindow window = new ReplayWindow(2, 1 << 20, 60_000);
    assertEquals(0, window.oldestAgeMillis(1_000));
    window.append(frame(1, 0), 1_000);
    window.append(frame(2, 0), 3_000);
    assertEquals(4_000, window.oldestAgeMillis(5_000));
    window.append(frame(3, 0), 4_000); // the count bound evicts frame 1
    assertEquals(2_000, window.oldestAgeMillis(5_000));
  }

  @Test
  void reading_the_oldest_age_drops_frames_past_the_age_bound_first() {
    ReplayWindow window = new ReplayWindow(10, 1 << 20, 1_000);
    window.append(frame(1, 0), 0);
    window.append(frame(2, 0), 800);

    assertEquals(700, window.oldestAgeMillis(1_500), "frame 1 (1.5 s old) is gone, frame 2 is 0.7 s old");
    assertEquals(1, window.size());
    assertEquals(frame(2, 0).length(), window.bytes());
    assertEquals(0, window.oldestAgeMillis(10_000), "a quiet shard's window empties without a new frame");
    assertEquals(0, window.bytes());
  }

  @Test
  void grows_with_the_stream_and_keeps_order_across_growth_and_wrap() {
    ReplayWindow window = new ReplayWindow(3_000, Long.MAX_VALUE, Long.MAX_VALUE);
    for (long rseq = 1; rseq <= 5_000; rseq++) {
      window.append(frame(rseq, 0), 0);
      if (rseq == 1_500) {
        assertEquals(1_500, window.after(0, 0).size(), "nothing evicted below the count bound");
      }
    }
    assertEquals(3_000, window.size());
    assertEquals(2_001, window.oldestRseq());
    List<Long> replay = rseqs(window.after(4_990, 0));
    assertEquals(List.of(4_991L, 4_992L, 4_993L, 4_994L, 4_995L, 4_996L, 4_997L, 4_998L, 4_999L, 5_000L), replay);
    assertEquals(2_999, window.after(2_001, 0).size());
  }

  @Test
  void refuses_a_frame_that_does_not_follow() {
    ReplayWindow window = new ReplayWindow(10, 1 << 20, 60_000);
    window.append(frame(1, 0), 0);
    assertThrows(IllegalStateException.class, () -> window.append(frame(3, 0), 0));
  }
}
