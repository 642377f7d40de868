package io.shardgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM the harness started (simulator or shardgate node): its port, log, CPU time and signals. */
final class ChildProcess {
  /** Linux reports utime/stime in clock ticks; USER_HZ is 100 on every mainstream kernel build. */
  private static final double CLOCK_TICKS_PER_SECOND = 100.0;
  /** utime and stime are fields 14 and 15 of proc(5); these indexes count from field 3 (state). */
  private static final int UTIME_INDEX = 11;
  private static final int STIME_INDEX = 12;

  final String name;
  final int port;
  final Path log;
  final long startedAtMillis;
  private final Process process;

  ChildProcess(String name, int port, Path log, Process process, long startedAtMillis) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
    this.startedAtMillis = startedAtMillis;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** User + system CPU seconds the process has used so far, from /proc/<pid>/stat. */
  double cpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
      // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[UTIME_INDEX]) + Long.parseLong(fields[STIME_INDEX]);
      return ticks / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** SIGTERM; returns when the process has exited (or after the timeout, then SIGKILL). */
  void terminate(long timeoutSeconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      kill();
    }
  }

  /** SIGTERM without waiting, as Kubernetes sends it. */
  void signalTerm() {
    process.destroy();
  }

  /** SIGKILL: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  boolean waitForExit(long timeoutMs) throws InterruptedException {
    return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
  }

  String lastLogLines(int count) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
