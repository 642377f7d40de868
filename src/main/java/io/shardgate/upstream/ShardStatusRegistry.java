package io.shardgate.upstream;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The latest {@link ShardStatus} of every shard this node runs. Written by shard verticles (each
 * from its own event loop), read by /metrics, health checks and the client-facing side.
 */
public final class ShardStatusRegistry {

  private final ConcurrentSkipListMap<Integer, ShardStatus> statuses = new ConcurrentSkipListMap<>();

  public void update(ShardStatus status) {
    statuses.put(status.shardId(), status);
  }

  public void remove(int shardId) {
    statuses.remove(shardId);
  }

  public Optional<ShardStatus> get(int shardId) {
    return Optional.ofNullable(statuses.get(shardId));
  }

  /** Shard id → status, ordered by shard id. */
  public SortedMap<Integer, ShardStatus> snapshot() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(statuses));
  }

  public boolean allActive() {
    return !statuses.isEmpty() && statuses.values().stream().allMatch(s -> s.state() == ShardState.ACTIVE);
  }
}
