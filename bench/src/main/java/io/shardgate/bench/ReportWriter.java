package io.shardgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes BENCHMARKS.md (or the quick run's file): machine, JVM, settings, then each scenario. */
final class ReportWriter {
  /** The failure's first lines (with the child's last log lines) are enough to see why. */
  private static final int FAILURE_LINES = 15;
  /** Relative to the project root, where bench/run starts the harness. */
  private static final Path ANALYSIS = Path.of("bench", "ANALYSIS.md");

  private ReportWriter() {
  }

  static void write(Path out, BenchSettings settings, List<ScenarioReport> reports, String loadBefore,
      String loadAfter, long elapsedMs) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmarks\n\n");
    if (settings.quick()) {
      md.append("> Quick mode (CI): proves every scenario still runs. The figures are not benchmarks.\n\n");
    }
    md.append("Made by `bench/run").append(settings.quick() ? " --quick" : "").append("` on ")
        .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" in ")
        .append(Stats.fmt(elapsedMs / 1000.0, 0)).append(" s. Every load targets 127.0.0.1; the simulator and")
        .append(" each shardgate node run as JVMs of their own (`-Xmx1g`), the bench clients in the harness's JVM.\n\n");
    md.append("## Machine\n\n");
    md.append("| | |\n|---|---|\n");
    md.append("| CPU | ").append(MachineInfo.cpu()).append(" |\n");
    md.append("| RAM | ").append(MachineInfo.memory()).append(" |\n");
    md.append("| kernel | ").append(MachineInfo.kernel()).append(" |\n");
    md.append("| JVM | ").append(String.join("<br>", MachineInfo.javaVersion())).append(" |\n");
    md.append("| load average at start | ").append(loadBefore).append(" |\n");
    md.append("| load average at end | ").append(loadAfter).append(" |\n");
    md.append("| mode | ").append(settings.describe()).append(" |\n\n");
    md.append("Goals (issue 6): proxied throughput ≥ 0.9× direct; added latency p99 ≤ 1 ms on one node, ≤ 2 ms")
        .append(" cross-node at 5k events/s; ≤ 1.5× the GUILD_CREATE JSON bytes per cached guild with default")
        .append(" flags; startup within 10 % of `ceil(shards / max_concurrency) × 5 s`; failover ≤ 5 s after")
        .append(" SIGTERM, ≤ 15 s after SIGKILL. A missed goal is reported, never a failure of the run.\n\n");
    for (ScenarioReport report : reports) {
      appendScenario(md, report);
    }
    // The hand-written reading of the figures (profiles, why a goal is missed) travels with every run.
    if (!settings.quick() && Files.exists(ANALYSIS)) {
      md.append(Files.readString(ANALYSIS));
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, md.toString());
  }

  private static void appendScenario(StringBuilder md, ScenarioReport report) {
    md.append("## ").append(report.title).append("\n\n");
    report.settings.forEach(line -> md.append("- ").append(line).append('\n'));
    md.append("- took ").append(Stats.fmt(report.elapsedMs / 1000.0, 0)).append(" s\n\n");
    if (!report.ran()) {
      md.append("**Did not run:**\n\n```\n")
          .append(String.join("\n", report.failure.lines().limit(FAILURE_LINES).toList())).append("\n```\n\n");
    }
    for (Table table : report.tables) {
      md.append(table.toMarkdown()).append('\n');
    }
    report.notes.forEach(note -> md.append(note).append("\n\n"));
  }
}
