package io.shardgate.bench;

import java.util.ArrayList;
import java.util.List;

/** What one scenario contributes to BENCHMARKS.md: settings, tables, notes, or why it could not run. */
final class ScenarioReport {
  final String title;
  final List<String> settings = new ArrayList<>();
  final List<Table> tables = new ArrayList<>();
  final List<String> notes = new ArrayList<>();
  String failure;
  long elapsedMs;

  ScenarioReport(String title) {
    this.title = title;
  }

  ScenarioReport setting(String line) {
    settings.add(line);
    return this;
  }

  ScenarioReport table(Table table) {
    tables.add(table);
    return this;
  }

  ScenarioReport note(String line) {
    notes.add(line);
    return this;
  }

  boolean ran() {
    return failure == null;
  }
}
