package io.shardgate.simulator;

import static io.shardgate.simulator.SimIdentifyBuckets.Decision.ALLOWED;
import static io.shardgate.simulator.SimIdentifyBuckets.Decision.BUCKET_VIOLATION;
import static io.shardgate.simulator.SimIdentifyBuckets.Decision.SESSION_START_EXHAUSTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SimIdentifyBucketsTest {
  private final MutableClock clock = new MutableClock(1_000_000);

  @Test
  void one_identify_per_bucket_per_window_and_buckets_are_shard_modulo_max_concurrency() {
    SimIdentifyBuckets buckets = new SimIdentifyBuckets(clock, 2, 5_000, 1000, 1000);
    assertEquals(ALLOWED, buckets.tryIdentify(0));
    assertEquals(ALLOWED, buckets.tryIdentify(1));
    assertEquals(BUCKET_VIOLATION, buckets.tryIdentify(2));
    clock.advance(4_999);
    assertEquals(BUCKET_VIOLATION, buckets.tryIdentify(3));
    clock.advance(1);
    assertEquals(ALLOWED, buckets.tryIdentify(2));
    assertEquals(ALLOWED, buckets.tryIdentify(3));
    assertEquals(6, buckets.records().size());
    assertEquals(0, buckets.records().get(2).bucket());
    assertEquals(1_000_000, buckets.records().get(2).timeMs());
  }

  @Test
  void a_rejected_identify_does_not_restart_the_window() {
    SimIdentifyBuckets buckets = new SimIdentifyBuckets(clock, 1, 5_000, 1000, 1000);
    assertEquals(ALLOWED, buckets.tryIdentify(0));
    clock.advance(3_000);
    assertEquals(BUCKET_VIOLATION, buckets.tryIdentify(0));
    clock.advance(2_000);
    assertEquals(ALLOWED, buckets.tryIdentify(0));
  }

  @Test
  void session_starts_run_out_and_come_back_after_a_day() {
    SimIdentifyBuckets buckets = new SimIdentifyBuckets(clock, 1, 0, 2, 1);
    assertEquals(ALLOWED, buckets.tryIdentify(0));
    assertEquals(SESSION_START_EXHAUSTED, buckets.tryIdentify(0));
    assertEquals(0, buckets.sessionStartLimit().getInteger("remaining"));
    assertEquals(SimIdentifyBuckets.SESSION_START_RESET_MS, buckets.sessionStartLimit().getLong("reset_after"));
    clock.advance(SimIdentifyBuckets.SESSION_START_RESET_MS);
    assertEquals(2, buckets.sessionStartLimit().getInteger("remaining"));
    assertEquals(ALLOWED, buckets.tryIdentify(0));
  }
}
