package io.shardgate.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A parsed Prometheus text scrape: sample series → value, and metric family → type. */
public record Scrape(Map<String, Double> samples, Map<String, String> types) {

  public static Scrape parse(String text) {
    Map<String, Double> samples = new LinkedHashMap<>();
    Map<String, String> types = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        types.put(parts[2], parts[3]);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return new Scrape(samples, types);
  }

  public Double value(String series) {
    return samples.get(series);
  }

  /** The series of one metric name (not its _sum/_count/_max companions). */
  public Map<String, Double> seriesOf(String metric) {
    return samples.entrySet().stream()
        .filter(e -> e.getKey().equals(metric) || e.getKey().startsWith(metric + "{"))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }
}
