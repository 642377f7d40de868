package io.shardgate.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** JMH: envelope scan + sequence rewrite against Jackson parse + serialize, 200 B, 2 KB, 50 KB frames. */
final class MicroScenario implements Scenario {

  @Override
  public String name() {
    return "micro";
  }

  @Override
  public long timeoutSeconds(BenchSettings settings) {
    return settings.quick() ? 90 : 300;
  }

  @Override
  public void run(BenchContext context, ScenarioReport report) throws Exception {
    BenchSettings settings = context.settings();
    int forks = settings.quick() ? 1 : 3;
    int warmups = settings.quick() ? 1 : 2;
    int iterations = settings.quick() ? 1 : 3;
    TimeValue time = settings.quick() ? TimeValue.milliseconds(300) : TimeValue.seconds(1);
    Options options = new OptionsBuilder()
        .include(FrameBenchmark.class.getName())
        .forks(forks).warmupIterations(warmups).warmupTime(time)
        .measurementIterations(iterations).measurementTime(time)
        .jvmArgs("-Xmx512m")
        .shouldFailOnError(true)
        .build();
    report.setting("JMH 1.37, average time per frame; " + forks + " fork(s), " + warmups + " × " + time
        + " warm-up, " + iterations + " × " + time + " measured; median of the measured iterations")
        .setting("frames: MESSAGE_CREATE dispatches grown with embeds (`BenchFrames`)");
    Collection<RunResult> results = new Runner(options).run();
    Map<Integer, Map<String, Double>> bySize = new TreeMap<>();
    for (RunResult result : results) {
      int size = Integer.parseInt(result.getParams().getParam("size"));
      String benchmark = result.getParams().getBenchmark();
      double median = result.getPrimaryResult().getStatistics().getPercentile(50);
      bySize.computeIfAbsent(size, key -> new HashMap<>()).put(benchmark.substring(benchmark.lastIndexOf('.') + 1),
          median);
    }
    if (bySize.isEmpty()) {
      throw new BenchFailure("JMH produced no result");
    }
    Table table = new Table("frame", "bytes", "scan + rewrite ns", "Jackson parse + serialize ns",
        "Jackson ÷ scan", "scan MB/s");
    bySize.forEach((size, scores) -> {
      int bytes = BenchFrames.dispatch(size).length;
      double scan = scores.getOrDefault("scanAndRewrite", Double.NaN);
      double jackson = scores.getOrDefault("jacksonParseAndSerialize", Double.NaN);
      table.row(label(size), Integer.toString(bytes), Stats.fmt(scan, 0), Stats.fmt(jackson, 0),
          Stats.ratio(jackson, scan), Stats.fmt(bytes / scan * 1e9 / 1e6, 0));
    });
    report.table(table);
    report.note("No goal in the issue for this one: it shows what the hot path saves by not parsing.");
  }

  private static String label(int size) {
    return size >= 1024 ? size / 1024 + " KB" : size + " B";
  }
}
