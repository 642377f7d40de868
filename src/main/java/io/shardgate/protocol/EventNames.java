package io.shardgate.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A small, bounded, lock-free cache from the bytes of an event name to its String, so that reading
 * {@code t} on the hot path does not allocate a String per frame. Discord has a few dozen event names;
 * a collision simply replaces the slot (the table never grows). Racy reads and writes of the slots are
 * safe because Strings are immutable and safely published through their final fields.
 */
final class EventNames {

  private static final int TABLE_SIZE = 1024; // power of two, well above Discord's event count
  private static final int MAX_CACHED_LENGTH = 64;
  private static final String[] TABLE = new String[TABLE_SIZE];

  private EventNames() {
  }

  /** The string whose JSON content is {@code bytes[start, end)} (between the quotes). */
  static String decode(byte[] bytes, int start, int end) {
    int length = end - start;
    if (length > MAX_CACHED_LENGTH) {
      return JsonStrings.decode(bytes, start, end);
    }
    int hash = 0;
    for (int i = start; i < end; i++) {
      byte b = bytes[i];
      if (b < 0x20 || b == '\\') { // negative: non-ASCII UTF-8; or an escape: take the slow path
        return JsonStrings.decode(bytes, start, end);
      }
      hash = 31 * hash + b; // equals String.hashCode() for ASCII
    }
    int slot = (hash ^ (hash >>> 16)) & (TABLE_SIZE - 1);
    String cached = TABLE[slot];
    if (cached != null && cached.hashCode() == hash && sameAscii(cached, bytes, start, length)) {
      return cached;
    }
    String name = new String(bytes, start, length, StandardCharsets.ISO_8859_1);
    TABLE[slot] = name;
    return name;
  }

  private static boolean sameAscii(String name, byte[] bytes, int start, int length) {
    if (name.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (name.charAt(i) != bytes[start + i]) {
        return false;
      }
    }
    return true;
  }
}
