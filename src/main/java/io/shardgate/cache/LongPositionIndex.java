package io.shardgate.cache;

/**
 * Open-addressing map from a snowflake to a slot of an {@link EntityTable}, without boxing.
 *
 * <p>Entries are never deleted: a stale entry (its slot since emptied or reused) is recognised by the
 * table, which checks the slot's id. The table rebuilds the index when it compacts, so stale entries
 * do not pile up.
 */
final class LongPositionIndex {
  /** Bytes the index costs per slot of capacity: a long key and an int position. */
  static final int BYTES_PER_CAPACITY_SLOT = Long.BYTES + Integer.BYTES;
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private long[] keys;
  /** Slot position + 1, so 0 marks an empty bucket. */
  private int[] positions;
  private int size;

  LongPositionIndex(int expected) {
    int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) << 1;
    keys = new long[capacity];
    positions = new int[capacity];
  }

  /** The slot last recorded for {@code id}, or -1. */
  int get(long id) {
    int mask = keys.length - 1;
    for (int bucket = bucket(id, mask); positions[bucket] != 0; bucket = (bucket + 1) & mask) {
      if (keys[bucket] == id) {
        return positions[bucket] - 1;
      }
    }
    return -1;
  }

  void put(long id, int position) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int bucket = bucket(id, mask);
    while (positions[bucket] != 0 && keys[bucket] != id) {
      bucket = (bucket + 1) & mask;
    }
    if (positions[bucket] == 0) {
      size++;
    }
    keys[bucket] = id;
    positions[bucket] = position + 1;
  }

  int capacity() {
    return keys.length;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldPositions = positions;
    keys = new long[oldKeys.length * 2];
    positions = new int[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldPositions[i] != 0) {
        put(oldKeys[i], oldPositions[i] - 1);
      }
    }
  }

  private static int bucket(long id, int mask) {
    // Snowflakes' low bits are a per-process counter: mix all bits before masking.
    return (int) ((id * GOLDEN) >>> 32) & mask;
  }
}
