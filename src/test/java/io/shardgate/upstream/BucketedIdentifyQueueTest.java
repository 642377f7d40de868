package io.shardgate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BucketedIdentifyQueueTest {

  private static final long WINDOW = 5_000;

  private final ManualScheduler clock = new ManualScheduler();
  private final List<long[]> grants = new ArrayList<>();

  private BucketedIdentifyQueue queue(int maxConcurrency, int remaining) {
    return new BucketedIdentifyQueue(maxConcurrency, WINDOW, clock,
        new GatewayInfo.SessionStartLimit(1000, remaining, 3_600_000, maxConcurrency));
  }

  /** Asks for a permit; Discord answers the IDENTIFY {@code answerAfterMs} after the grant. */
  private void ask(BucketedIdentifyQueue queue, int shard, long answerAfterMs) {
    queue.acquire(shard).onSuccess(permit -> {
      grants.add(new long[] {shard, clock.nowMillis()});
      clock.schedule(answerAfterMs, permit::answered);
    });
  }

  private void ask(BucketedIdentifyQueue queue, int shard) {
    ask(queue, shard, 0);
  }

  @Test
  void one_identify_per_bucket_per_window() {
    BucketedIdentifyQueue queue = queue(1, 1000);
    for (int shard = 0; shard < 4; shard++) {
      ask(queue, shard);
    }
    clock.advance(30_000);
    assertEquals(4, grants.size());
    for (int i = 0; i < grants.size(); i++) {
      assertEquals(i, grants.get(i)[0], "lowest shard id first, one window apart");
      assertEquals(i * WINDOW, grants.get(i)[1], "grant " + i + " spaced by the window");
    }
  }

  @Test
  void buckets_identify_concurrently_and_each_keeps_its_own_window() {
    BucketedIdentifyQueue queue = queue(16, 1000);
    for (int shard = 0; shard < 64; shard++) {
      ask(queue, shard);
    }
    clock.advance(60_000);
    assertEquals(64, grants.size());
    for (long[] grant : grants) {
      long shard = grant[0];
      assertEquals((shard / 16) * WINDOW, grant[1], "shard " + shard + " identifies in round " + shard / 16);
    }
    assertTrue(clock.nowMillis() >= 15_000);
  }

  @Test
  void a_shard_asking_late_does_not_wait_for_a_window_that_has_passed() {
    BucketedIdentifyQueue queue = queue(1, 1000);
    ask(queue, 0);
    clock.advance(12_000);
    ask(queue, 1);
    clock.advance(0);
    assertEquals(2, grants.size());
    assertEquals(12_000, grants.get(1)[1]);
  }

  @Test
  void the_window_starts_when_discord_answers_the_identify() {
    BucketedIdentifyQueue queue = queue(1, 1000);
    ask(queue, 0, 300);
    ask(queue, 1, 300);
    clock.advance(20_000);
    assertEquals(2, grants.size());
    assertEquals(5_300, grants.get(1)[1], "a slow answer pushes the next identify back: never early at Discord");
  }

  @Test
  void an_unanswered_identify_frees_its_bucket_after_the_answer_timeout() {
    BucketedIdentifyQueue queue = queue(1, 1000);
    queue.acquire(0).onSuccess(permit -> grants.add(new long[] {0, clock.nowMillis()}));
    ask(queue, 1);
    clock.advance(60_000);
    assertEquals(2, grants.size());
    assertEquals(BucketedIdentifyQueue.ANSWER_TIMEOUT_MS + WINDOW, grants.get(1)[1]);
  }

  @Test
  void an_unused_permit_is_refunded_and_frees_the_bucket_at_once() {
    BucketedIdentifyQueue queue = queue(1, 10);
    queue.acquire(0).onSuccess(permit -> {
      grants.add(new long[] {0, clock.nowMillis()});
      permit.unused();
    });
    ask(queue, 1);
    clock.advance(0);
    assertEquals(2, grants.size());
    assertEquals(0, grants.get(1)[1]);
    assertEquals(9, queue.sessionsRemaining(), "only the identify actually sent spent a session start");
  }

  @Test
  void an_exhausted_session_budget_holds_every_identify_until_it_resets() {
    BucketedIdentifyQueue queue = new BucketedIdentifyQueue(2, WINDOW, clock,
        new GatewayInfo.SessionStartLimit(1000, 1, 100_000, 2));
    ask(queue, 0);
    ask(queue, 1);
    clock.advance(99_000);
    assertEquals(1, grants.size(), "only one session start was left");
    assertEquals(0, queue.sessionsRemaining());
    clock.advance(2_000);
    assertEquals(2, grants.size(), "after reset_after the budget refills");
    assertEquals(100_000, grants.get(1)[1]);
  }
}
