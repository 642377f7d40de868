package io.shardgate.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Starts the simulator and shardgate nodes as JVMs of their own, as an operator runs them, and kills
 * them all when the scenario ends, times out, or the harness itself is stopped (shutdown hook).
 */
final class ProcessLauncher implements AutoCloseable {
  static final String TOKEN = "bench-token";
  private static final String NODE_HEAP = "-Xmx1g";
  /** Extra JVM arguments for every shardgate node the harness starts (profiling). */
  static final String NODE_JVM_ARGS_ENV = "SHARDGATE_BENCH_NODE_JVM_ARGS";
  private static final long PROFILED_EXIT_SECONDS = 20;
  private static final String SIM_HEAP = "-Xmx1g";
  private static final long START_TIMEOUT_MS = 60_000;
  private static final long POLL_MS = 50;
  private static final Set<ChildProcess> EVERY_CHILD = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ProcessLauncher::killEveryChild, "bench-kill-children"));
  }

  private final BenchSettings settings;
  private final Path dir;
  private final List<ChildProcess> children = new ArrayList<>();

  ProcessLauncher(BenchSettings settings, String scenario) throws IOException {
    this.settings = settings;
    this.dir = settings.workDir().resolve(scenario);
    Files.createDirectories(dir);
  }

  /** A simulator on a free port, answering its control API. */
  SimulatorProcess startSimulator(String name, SimulatorProcess.Spec spec) throws IOException, InterruptedException {
    return startSimulators(spec, name).get(0);
  }

  /** Simulators with the same settings, started side by side (JVM start-up is the slow part). */
  List<SimulatorProcess> startSimulators(SimulatorProcess.Spec spec, String... names)
      throws IOException, InterruptedException {
    List<SimulatorProcess> sims = new ArrayList<>();
    for (String name : names) {
      int port = FreePorts.pick();
      List<String> command = new ArrayList<>(List.of("java", SIM_HEAP));
      command.addAll(quickJvmFlags());
      command.addAll(List.of("-cp", settings.benchJar().toString(), SimulatorMain.class.getName(),
          "--port", Integer.toString(port), "--token", TOKEN));
      command.addAll(spec.flags());
      sims.add(new SimulatorProcess(start(name, port, command), spec));
    }
    for (SimulatorProcess sim : sims) {
      awaitHttp(sim.process, "/control/counters");
    }
    return sims;
  }

  /**
   * Quick mode only: C1 alone and the serial GC start a JVM with far less CPU. Its figures are not
   * benchmarks anyway; full runs use the JVM's defaults.
   */
  private List<String> quickJvmFlags() {
    return settings.quick() ? List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC") : List.of();
  }

  /** A shardgate node from the product's jar with this config file (not yet waited for). */
  ChildProcess startNode(String name, JsonObject config) throws IOException {
    Path configFile = dir.resolve(name + ".json");
    Files.writeString(configFile, config.encodePrettily());
    List<String> command = new ArrayList<>(List.of("java", NODE_HEAP));
    command.addAll(quickJvmFlags());
    // For profiling a scenario, e.g. "-XX:StartFlightRecording=filename=node.jfr,settings=profile".
    String extra = System.getenv(NODE_JVM_ARGS_ENV);
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(List.of("-jar", settings.shardgateJar().toString(), "run", "--config", configFile.toString()));
    return start(name, config.getInteger("port"), command);
  }

  /** Waits until the child answers 200 on {@code path}, or fails with its last log lines. */
  void awaitHttp(ChildProcess child, String path) throws InterruptedException {
    await(child, "to answer " + path, START_TIMEOUT_MS, () -> {
      try {
        HttpResponse<String> response = Http.get(child.port, path);
        return response != null && response.statusCode() == 200;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }

  /** Polls {@code condition}; fails with the child's log when it dies or the time is up. */
  void await(ChildProcess child, String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (!condition.getAsBoolean()) {
      if (!child.alive()) {
        throw new BenchFailure(child.name + " exited while waiting " + what + ":\n" + child.lastLogLines(30));
      }
      if (System.currentTimeMillis() > deadline) {
        throw new BenchFailure(child.name + " did not manage " + what + " within " + timeoutMs / 1000 + " s:\n"
            + child.lastLogLines(30));
      }
      Thread.sleep(POLL_MS);
    }
  }

  private ChildProcess start(String name, int port, List<String> command) throws IOException {
    Path log = dir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Only the config file speaks: no SHARDGATE_* or TOKEN from the machine running the benchmark.
    builder.environment().keySet().removeIf(key -> key.startsWith("SHARDGATE_") || key.equals("TOKEN"));
    long startedAt = System.currentTimeMillis();
    ChildProcess child = new ChildProcess(name, port, log, builder.start(), startedAt);
    children.add(child);
    EVERY_CHILD.add(child);
    return child;
  }

  /**
   * Stops every child started so far: SIGTERM when extra node JVM arguments are set (a profiler then
   * writes its recording on exit), else SIGKILL (nothing to hand over). The launcher stays usable.
   */
  @Override
  public void close() {
    boolean profiling = System.getenv(NODE_JVM_ARGS_ENV) != null;
    for (ChildProcess child : children) {
      try {
        if (profiling) {
          child.terminate(PROFILED_EXIT_SECONDS);
        } else {
          child.kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      EVERY_CHILD.remove(child);
    }
    children.clear();
  }

  private static void killEveryChild() {
    EVERY_CHILD.forEach(child -> {
      try {
        child.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }
}
