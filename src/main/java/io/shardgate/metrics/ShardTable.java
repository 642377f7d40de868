package io.shardgate.metrics;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * Per-shard values indexed by shard id, read without locking, boxing or allocation: the hot path
 * (one lookup per dispatch) reads a volatile array. Inserts copy the array under a lock; they happen
 * once per shard, so the copies cost nothing that matters, and a published array is never mutated.
 */
final class ShardTable<T> {

  /** Far above any real shard count (the largest bots run a few tens of thousands of shards). */
  static final int MAX_SHARD_ID = 1 << 17;

  private volatile Object[] values = new Object[0];

  /** The value of {@code shard}, or null when it has none or the id is out of range. */
  @SuppressWarnings("unchecked")
  T get(int shard) {
    Object[] current = values;
    return shard >= 0 && shard < current.length ? (T) current[shard] : null;
  }

  /** The value of {@code shard}, created on first use; null when the id is out of range. */
  T computeIfAbsent(int shard, IntFunction<T> create) {
    T value = get(shard);
    return value != null || !inRange(shard) ? value : insert(shard, create);
  }

  /** Removes and returns the value of {@code shard}, or null. */
  @SuppressWarnings("unchecked")
  synchronized T remove(int shard) {
    T value = get(shard);
    if (value != null) {
      Object[] copy = values.clone();
      copy[shard] = null;
      values = copy;
    }
    return value;
  }

  /** Visits every present value in shard order. */
  @SuppressWarnings("unchecked")
  void forEach(BiConsumer<Integer, T> visitor) {
    Object[] current = values;
    for (int shard = 0; shard < current.length; shard++) {
      if (current[shard] != null) {
        visitor.accept(shard, (T) current[shard]);
      }
    }
  }

  static boolean inRange(int shard) {
    return shard >= 0 && shard <= MAX_SHARD_ID;
  }

  @SuppressWarnings("unchecked")
  private synchronized T insert(int shard, IntFunction<T> create) {
    Object[] current = values;
    if (shard < current.length && current[shard] != null) {
      return (T) current[shard];
    }
    T value = create.apply(shard);
    Object[] copy = Arrays.copyOf(current, Math.max(current.length, shard + 1));
    copy[shard] = value;
    values = copy;
    return value;
  }
}
