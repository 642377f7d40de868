package io.shardgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine and JVM the numbers come from, read from /proc and {@code java -version}. */
final class MachineInfo {
  private MachineInfo() {
  }

  static String cpu() {
    String model = grep("/proc/cpuinfo", "model name").replaceFirst("^model name\\s*:\\s*", "");
    return Runtime.getRuntime().availableProcessors() + " cores" + (model.isEmpty() ? "" : " (" + model + ")");
  }

  static String memory() {
    String line = grep("/proc/meminfo", "MemTotal:");
    if (line.isEmpty()) {
      return "unknown";
    }
    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
    return String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
  }

  static String kernel() {
    return read("/proc/sys/kernel/osrelease");
  }

  static String loadAverage() {
    String load = read("/proc/loadavg");
    String[] parts = load.split(" ");
    return parts.length >= 3 ? parts[0] + " / " + parts[1] + " / " + parts[2] + " (1 / 5 / 15 min)" : load;
  }

  /** The first lines of {@code java -version} of the {@code java} that runs the nodes. */
  static List<String> javaVersion() {
    try {
      Process process = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor(10, TimeUnit.SECONDS);
      return output.lines().toList();
    } catch (IOException e) {
      return List.of("unknown: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of("unknown");
    }
  }

  private static String grep(String file, String prefix) {
    try {
      return Files.readAllLines(Path.of(file)).stream().filter(line -> line.startsWith(prefix)).findFirst().orElse("");
    } catch (IOException e) {
      return "";
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
