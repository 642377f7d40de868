package io.shardgate.bench;

import java.nio.file.Path;

/**
 * How long and how often to measure. Quick mode (CI) only proves that every scenario still runs:
 * one repetition, one short step; its numbers are not benchmarks.
 */
record BenchSettings(
    boolean quick,
    int repeats,
    long warmupMs,
    long measureMs,
    int maxRampSteps,
    Path shardgateJar,
    Path benchJar,
    Path workDir) {

  static final int FULL_REPEATS = 3;

  static BenchSettings of(boolean quick, Path shardgateJar, Path benchJar, Path workDir) {
    return quick
        ? new BenchSettings(true, 1, 300, 1_000, 1, shardgateJar, benchJar, workDir)
        : new BenchSettings(false, FULL_REPEATS, 1_000, 2_500, 6, shardgateJar, benchJar, workDir);
  }

  String describe() {
    return quick
        ? "quick (CI: 1 repetition, 1 rate step, short windows; the figures only prove the scenarios run)"
        : "full (" + repeats + " repetitions per figure, the table shows the median)";
  }
}
