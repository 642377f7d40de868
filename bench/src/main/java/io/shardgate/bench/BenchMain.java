package io.shardgate.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code java -jar shardgate-bench.jar [--quick] --shardgate-jar PATH --out FILE [--work DIR]
 * [--only a,b]}: runs every scenario, each under a hard time limit, and writes the report. Exits 1
 * only when a scenario could not run; a missed goal is in the report, not in the exit status.
 */
public final class BenchMain {
  private static final List<Scenario> SCENARIOS = List.of(new MicroScenario(), new MemoryScenario(),
      new LatencyScenario(), new ThroughputScenario(), new StartupScenario(), new FailoverScenario());
  private static final String[] TITLES = {"Micro: envelope scan vs Jackson (JMH)", "Memory per cached guild",
      "Latency added at 5k events/s", "Throughput", "Startup against the identify bound", "Failover"};

  private BenchMain() {
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path shardgateJar = Path.of("target", "shardgate.jar");
    Path out = null;
    Path work = Path.of("target", "bench-work");
    List<String> only = List.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--shardgate-jar" -> shardgateJar = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--only" -> only = Arrays.asList(args[++i].split(","));
        default -> {
          System.err.println("unknown flag " + args[i]);
          System.exit(2);
        }
      }
    }
    if (out == null) {
      out = quick ? Path.of("target", "bench-quick.md") : Path.of("docs", "BENCHMARKS.md");
    }
    Path benchJar = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    BenchSettings settings = BenchSettings.of(quick, shardgateJar.toAbsolutePath(), benchJar, work.toAbsolutePath());
    System.exit(runAll(settings, only, out));
  }

  private static int runAll(BenchSettings settings, List<String> only, Path out) throws Exception {
    String loadBefore = MachineInfo.loadAverage();
    long start = System.currentTimeMillis();
    List<ScenarioReport> reports = new ArrayList<>();
    try (RelayTopologies topologies = new RelayTopologies(settings)) {
      for (int i = 0; i < SCENARIOS.size(); i++) {
        Scenario scenario = SCENARIOS.get(i);
        if (!only.isEmpty() && !only.contains(scenario.name())) {
          continue;
        }
        reports.add(runOne(settings, topologies, scenario, TITLES[i]));
      }
    }
    long elapsed = System.currentTimeMillis() - start;
    ReportWriter.write(out, settings, reports, loadBefore, MachineInfo.loadAverage(), elapsed);
    System.out.println("bench: wrote " + out + " in " + elapsed / 1000 + " s");
    long failed = reports.stream().filter(report -> !report.ran()).count();
    reports.stream().filter(report -> !report.ran())
        .forEach(report -> System.err.println("bench: " + report.title + " did not run: " + report.failure));
    return failed == 0 ? 0 : 1;
  }

  /** Runs one scenario on a thread of its own, so the time limit holds even if it hangs. */
  private static ScenarioReport runOne(BenchSettings settings, RelayTopologies topologies, Scenario scenario,
      String title) throws Exception {
    ScenarioReport report = new ScenarioReport(title);
    System.out.println("bench: " + scenario.name() + " ...");
    long start = System.currentTimeMillis();
    ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "bench-" + scenario.name());
      thread.setDaemon(true);
      return thread;
    });
    try (ProcessLauncher launcher = new ProcessLauncher(settings, scenario.name())) {
      BenchContext context = new BenchContext(settings, launcher, topologies);
      Future<?> run = executor.submit(() -> {
        scenario.run(context, report);
        return null;
      });
      try {
        run.get(scenario.timeoutSeconds(settings), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        run.cancel(true);
        report.failure = "timed out after " + scenario.timeoutSeconds(settings) + " s";
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause();
        report.failure = cause instanceof BenchFailure ? cause.getMessage() : cause.toString();
        if (!(cause instanceof BenchFailure)) {
          cause.printStackTrace();
        }
      }
    } finally {
      executor.shutdownNow();
      if (!report.ran()) {
        topologies.close(); // a half-used topology must not skew the next scenario
      }
    }
    report.elapsedMs = System.currentTimeMillis() - start;
    System.out.println("bench: " + scenario.name() + (report.ran() ? " done" : " FAILED: " + report.failure)
        + " in " + report.elapsedMs / 1000 + " s");
    return report;
  }
}
