package io.shardgate.bench;

/** One benchmark scenario: runs by itself within its time limit and fills its report. */
interface Scenario {
  String name();

  /** Hard limit for the whole scenario; past it the harness kills its processes and reports a failure. */
  long timeoutSeconds(BenchSettings settings);

  void run(BenchContext context, ScenarioReport report) throws Exception;
}
