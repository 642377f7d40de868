package io.shardgate.bench;

import java.time.Instant;

/** Wall-clock µs, the simulator's unit for {@code _sim.ts} (both JVMs read the same system clock). */
final class Clocks {
  private Clocks() {
  }

  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }
}
