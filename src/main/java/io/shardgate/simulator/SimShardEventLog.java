package io.shardgate.simulator;

import java.util.ArrayDeque;
import java.util.List;

/** The last generated events of one shard ({@code n}, type), for tests that check what went out. Thread-safe. */
public final class SimShardEventLog {
  public record Entry(long n, String type) {
  }

  private final int capacity;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();

  SimShardEventLog(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(long n, String type) {
    if (entries.size() >= capacity) {
      entries.pollFirst();
    }
    entries.addLast(new Entry(n, type));
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }
}
