package io.shardgate.cache;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One guild's entities of one kind (its channels, its members…), each kept as its serialized JSON,
 * keyed by snowflake, in the order they were added. Replacing an entity keeps its place, as Discord's
 * own lists and a GUILD_CREATE built from them would.
 *
 * <p>Two parallel arrays (ids, bytes) rather than a map of boxed keys and entry objects: a member
 * costs its JSON plus about 30 bytes. Removal leaves a hole that a later compaction closes. Small
 * tables are searched linearly; larger ones get a {@link LongPositionIndex}.
 */
final class EntityTable {
  /** Below this many slots a linear scan of the ids is as fast as hashing. */
  static final int INDEX_THRESHOLD = 16;
  /** Object header and fields of this class and its two arrays, with compressed references. */
  private static final int FIXED_BYTES = 24 + 16 + 16;
  private static final int ARRAY_HEADER_BYTES = 16;
  private static final int REFERENCE_BYTES = 4;
  private static final long[] NO_IDS = new long[0];
  private static final byte[][] NO_VALUES = new byte[0][];

  private long[] ids = NO_IDS;
  private byte[][] values = NO_VALUES;
  /** Slots in use, holes included. */
  private int used;
  private int live;
  private long valueBytes;
  private LongPositionIndex index;

  byte[] get(long id) {
    int slot = slotOf(id);
    return slot < 0 ? null : values[slot];
  }

  boolean contains(long id) {
    return slotOf(id) >= 0;
  }

  /** Replaces the entity in place, or appends it. */
  void put(long id, byte[] value) {
    int slot = slotOf(id);
    if (slot >= 0) {
      valueBytes += value.length - values[slot].length;
      values[slot] = value;
      return;
    }
    if (used == ids.length) {
      makeRoom();
    }
    ids[used] = id;
    values[used] = value;
    if (index != null) {
      index.put(id, used);
    } else if (used + 1 > INDEX_THRESHOLD) {
      rebuildIndex();
    }
    used++;
    live++;
    valueBytes += value.length;
  }

  boolean remove(long id) {
    int slot = slotOf(id);
    if (slot < 0) {
      return false;
    }
    valueBytes -= values[slot].length;
    values[slot] = null;
    live--;
    return true;
  }

  void clear() {
    ids = NO_IDS;
    values = NO_VALUES;
    used = 0;
    live = 0;
    valueBytes = 0;
    index = null;
  }

  int size() {
    return live;
  }

  /** The ids of the live entities (for unique-user counts in /metrics). */
  java.util.List<Long> ids() {
    java.util.List<Long> result = new java.util.ArrayList<>(live);
    for (int i = 0; i < used; i++) {
      if (values[i] != null) {
        result.add(ids[i]);
      }
    }
    return result;
  }

  /** Sum of the entities' JSON lengths, commas between them not included. */
  long jsonBytes() {
    return valueBytes;
  }

  /** Visits every entity in order. */
  void forEach(Consumer<byte[]> action) {
    for (int i = 0; i < used; i++) {
      if (values[i] != null) {
        action.accept(values[i]);
      }
    }
  }

  /** Visits every entity in order with its id. */
  void forEachWithId(IdAndBytes action) {
    for (int i = 0; i < used; i++) {
      if (values[i] != null) {
        action.accept(ids[i], values[i]);
      }
    }
  }

  @FunctionalInterface
  interface IdAndBytes {
    void accept(long id, byte[] value);
  }

  /**
   * Retained bytes: the arrays (slots at 8 + 4 bytes), each entity's byte[] (16-byte header, padded
   * to 8) and the index. Estimates for a 64-bit JVM with compressed references.
   */
  long estimatedBytes() {
    long bytes = FIXED_BYTES + (long) ids.length * (Long.BYTES + REFERENCE_BYTES);
    bytes += (long) live * ARRAY_HEADER_BYTES + valueBytes + live * 4L; // ~4 bytes of padding each
    if (index != null) {
      bytes += ARRAY_HEADER_BYTES * 2 + 24 + (long) index.capacity() * LongPositionIndex.BYTES_PER_CAPACITY_SLOT;
    }
    return bytes;
  }

  private int slotOf(long id) {
    if (index != null) {
      int slot = index.get(id);
      return slot >= 0 && slot < used && ids[slot] == id && values[slot] != null ? slot : -1;
    }
    for (int i = 0; i < used; i++) {
      if (ids[i] == id && values[i] != null) {
        return i;
      }
    }
    return -1;
  }

  /** Closes the holes when they are many, else grows by half. */
  private void makeRoom() {
    if (used - live > live / 2 && used > 0) {
      compact();
    }
    if (used == ids.length) {
      int capacity = Math.max(4, ids.length + (ids.length >> 1));
      ids = Arrays.copyOf(ids, capacity);
      values = Arrays.copyOf(values, capacity);
    }
  }

  private void compact() {
    int target = 0;
    for (int i = 0; i < used; i++) {
      if (values[i] != null) {
        ids[target] = ids[i];
        values[target] = values[i];
        target++;
      }
    }
    Arrays.fill(values, target, used, null);
    used = target;
    index = null;
    if (used > INDEX_THRESHOLD) {
      rebuildIndex();
    }
  }

  /** Indexes the slots before {@link #used}, plus the one being appended at {@code used}. */
  private void rebuildIndex() {
    index = new LongPositionIndex(ids.length);
    for (int i = 0; i <= used && i < ids.length; i++) {
      if (values[i] != null) {
        index.put(ids[i], i);
      }
    }
  }
}
