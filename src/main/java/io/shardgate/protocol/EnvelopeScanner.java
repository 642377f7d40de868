package io.shardgate.protocol;

import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * Finds the top-level {@code op}, {@code s}, {@code t} and {@code d} of a gateway payload in one pass,
 * without building a tree: the relay path never parses JSON (DESIGN.md, invariant 3).
 *
 * <p>Keys are matched only at the top level of the payload object, in any order and with any JSON
 * whitespace; the values of other keys and of {@code d} are skipped with the full JSON grammar
 * ({@link JsonCursor}), so an {@code "s"} inside {@code d} or inside a string is never mistaken for the
 * envelope's. Duplicate top-level {@code op}/{@code s}/{@code t}/{@code d} keys are rejected: a rewrite
 * of one {@code s} would leave the other in place.
 */
public final class EnvelopeScanner {

  /** Deeper nesting than any Discord payload is rejected. */
  static final int MAX_NESTING_DEPTH = JsonCursor.MAX_NESTING_DEPTH;

  private static final int KEY_OTHER = 0;
  private static final int KEY_OP = 1;
  private static final int KEY_S = 2;
  private static final int KEY_T = 4;
  private static final int KEY_D = 8;

  private final JsonCursor cursor;
  private int seenKeys;
  private int op = Envelope.ABSENT;
  private long s = Envelope.ABSENT;
  private int sStart = Envelope.ABSENT;
  private int sEnd = Envelope.ABSENT;
  private int tStart = Envelope.ABSENT;
  private int tEnd = Envelope.ABSENT;
  private int dStart = Envelope.ABSENT;
  private int dEnd = Envelope.ABSENT;

  private EnvelopeScanner(JsonCursor cursor) {
    this.cursor = cursor;
  }

  /**
   * Scans {@code bytes[offset, offset + length)}. Positions in the result are relative to {@code offset}.
   * The bytes must not change afterwards ({@link Envelope#t()} reads them lazily).
   *
   * @throws MalformedPayloadException if the bytes are not one JSON object with a well-formed envelope
   * @throws IndexOutOfBoundsException only if {@code offset}/{@code length} lie outside {@code bytes}
   */
  public static Envelope scan(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    EnvelopeScanner scanner = new EnvelopeScanner(new JsonCursor(bytes, offset, length));
    scanner.scanPayload();
    return new Envelope(bytes, offset, length, scanner.op, scanner.s, scanner.sStart, scanner.sEnd,
        scanner.tStart, scanner.tEnd, scanner.dStart, scanner.dEnd);
  }

  /**
   * Scans a whole buffer, reading a heap buffer's array in place when that is safe (else one copy).
   * The buffer must not be mutated afterwards.
   */
  public static Envelope scan(Buffer buffer) {
    ArraySlice slice = Buffers.slice(buffer, 0, buffer.length());
    return scan(slice.array(), slice.offset(), slice.length());
  }

  private void scanPayload() {
    cursor.skipWhitespace();
    if (cursor.atEnd() || !cursor.consume('{')) {
      throw cursor.malformed("payload is not a JSON object");
    }
    cursor.skipWhitespace();
    if (!cursor.consume('}')) {
      scanMembers();
    }
    cursor.skipWhitespace();
    if (!cursor.atEnd()) {
      throw cursor.malformed("trailing data after the payload object");
    }
  }

  private void scanMembers() {
    while (true) {
      int key = readTopLevelKey();
      cursor.skipWhitespace();
      cursor.expect(':', "expected ':' after a key");
      cursor.skipWhitespace();
      readTopLevelValue(key);
      cursor.skipWhitespace();
      byte separator = cursor.next();
      if (separator == '}') {
        return;
      }
      if (separator != ',') {
        throw cursor.malformed("expected ',' or '}' in the payload object");
      }
      cursor.skipWhitespace();
    }
  }

  private int readTopLevelKey() {
    if (cursor.peek() != '"') {
      throw cursor.malformed("expected a key in the payload object");
    }
    int keyStart = cursor.pos + 1;
    boolean escaped = cursor.skipString();
    int keyEnd = cursor.pos - 1;
    int key = escaped ? keyOf(JsonStrings.decode(cursor.bytes, keyStart, keyEnd)) : keyOf(keyStart, keyEnd);
    if (key != KEY_OTHER) {
      if ((seenKeys & key) != 0) {
        throw cursor.malformed("duplicate top-level key");
      }
      seenKeys |= key;
    }
    return key;
  }

  private int keyOf(int start, int stop) {
    byte[] bytes = cursor.bytes;
    int length = stop - start;
    if (length == 1) {
      switch (bytes[start]) {
        case 's': return KEY_S;
        case 't': return KEY_T;
        case 'd': return KEY_D;
        default: return KEY_OTHER;
      }
    }
    return length == 2 && bytes[start] == 'o' && bytes[start + 1] == 'p' ? KEY_OP : KEY_OTHER;
  }

  /** Slow path for keys written with escapes, such as {@code "\u0073"}. */
  private static int keyOf(String decodedKey) {
    switch (decodedKey) {
      case "op": return KEY_OP;
      case "s": return KEY_S;
      case "t": return KEY_T;
      case "d": return KEY_D;
      default: return KEY_OTHER;
    }
  }

  private void readTopLevelValue(int key) {
    switch (key) {
      case KEY_OP:
        op = (int) cursor.readNonNegativeInteger("op must be a non-negative integer", Integer.MAX_VALUE);
        break;
      case KEY_S:
        readSequence();
        break;
      case KEY_T:
        readEventName();
        break;
      case KEY_D:
        dStart = cursor.relativePos();
        cursor.skipValue();
        dEnd = cursor.relativePos();
        break;
      default:
        cursor.skipValue();
    }
  }

  private void readSequence() {
    sStart = cursor.relativePos();
    if (cursor.peek() == 'n') {
      cursor.expectNull();
    } else {
      s = cursor.readNonNegativeInteger("s must be a non-negative integer or null", Long.MAX_VALUE);
    }
    sEnd = cursor.relativePos();
  }

  private void readEventName() {
    byte first = cursor.peek();
    if (first == 'n') {
      cursor.expectNull();
    } else if (first == '"') {
      tStart = cursor.relativePos();
      cursor.skipString();
      tEnd = cursor.relativePos();
    } else {
      throw cursor.malformed("t must be a string or null");
    }
  }
}
