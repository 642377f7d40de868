package io.shardgate.protocol;

import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * Finds the top-level {@code op}, {@code s}, {@code t} and {@code d} of a gateway payload in one pass,
 * without building a tree: the relay path never parses JSON (DESIGN.md, invariant 3).
 *
 * <p>Keys are matched only at the top level of the payload object, in any order and with any JSON
 * whitespace; values of other keys and of {@code d} are skipped with the full JSON grammar (strings
 * with escapes, numbers, literals, nested objects and arrays), so an {@code "s"} inside {@code d} or
 * inside a string is never mistaken for the envelope's. Every read is bounds-checked and the scan
 * always advances, so garbage ends in a {@link MalformedPayloadException}, never an
 * {@code IndexOutOfBoundsException} or an endless loop. String contents are not checked for valid
 * UTF-8. Duplicate top-level {@code op}/{@code s}/{@code t}/{@code d} keys are rejected, since a
 * rewrite of one {@code s} would leave the other in place.
 */
public final class EnvelopeScanner {

  /** Deeper nesting than any Discord payload; the bound keeps the skip's container stack small. */
  static final int MAX_NESTING_DEPTH = 1024;

  private static final int KEY_OTHER = 0;
  private static final int KEY_OP = 1;
  private static final int KEY_S = 2;
  private static final int KEY_T = 4;
  private static final int KEY_D = 8;
  private static final int BITS_PER_WORD = Long.SIZE;
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  private final byte[] bytes;
  private final int offset;
  private final int end;
  private int pos;

  private int seenKeys;
  private int op = Envelope.ABSENT;
  private long s = Envelope.ABSENT;
  private int sStart = Envelope.ABSENT;
  private int sEnd = Envelope.ABSENT;
  private int tStart = Envelope.ABSENT;
  private int tEnd = Envelope.ABSENT;
  private int dStart = Envelope.ABSENT;
  private int dEnd = Envelope.ABSENT;

  // Kinds of the containers open while skipping a value: bit set = object, clear = array.
  private long shallowKinds;
  private long[] deepKinds;

  private EnvelopeScanner(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.end = offset + length;
    this.pos = offset;
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
    return new EnvelopeScanner(bytes, offset, length).scanPayload();
  }

  /**
   * Scans a whole buffer, reading a heap buffer's array in place when that is safe (else one copy).
   * The buffer must not be mutated afterwards.
   */
  public static Envelope scan(Buffer buffer) {
    ArraySlice slice = Buffers.slice(buffer, 0, buffer.length());
    return scan(slice.array(), slice.offset(), slice.length());
  }

  private Envelope scanPayload() {
    skipWhitespace();
    if (pos >= end || bytes[pos] != '{') {
      throw malformed("payload is not a JSON object");
    }
    pos++;
    skipWhitespace();
    if (peek() == '}') {
      pos++;
    } else {
      scanMembers();
    }
    skipWhitespace();
    if (pos != end) {
      throw malformed("trailing data after the payload object");
    }
    return new Envelope(bytes, offset, end - offset, op, s, sStart, sEnd, tStart, tEnd, dStart, dEnd);
  }

  private void scanMembers() {
    while (true) {
      int key = readTopLevelKey();
      skipWhitespace();
      expect(':', "expected ':' after a key");
      skipWhitespace();
      readTopLevelValue(key);
      skipWhitespace();
      byte separator = next();
      if (separator == '}') {
        return;
      }
      if (separator != ',') {
        throw malformed("expected ',' or '}' in the payload object");
      }
      skipWhitespace();
    }
  }

  private int readTopLevelKey() {
    if (peek() != '"') {
      throw malformed("expected a key in the payload object");
    }
    int keyStart = pos + 1;
    boolean escaped = skipString();
    int keyEnd = pos - 1;
    int key = escaped ? keyOf(JsonStrings.decode(bytes, keyStart, keyEnd)) : keyOf(keyStart, keyEnd);
    if (key != KEY_OTHER) {
      if ((seenKeys & key) != 0) {
        throw malformed("duplicate top-level key");
      }
      seenKeys |= key;
    }
    return key;
  }

  private int keyOf(int start, int stop) {
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
        op = (int) readNonNegativeInteger("op must be a non-negative integer", Integer.MAX_VALUE);
        break;
      case KEY_S:
        readSequence();
        break;
      case KEY_T:
        readEventName();
        break;
      case KEY_D:
        dStart = pos - offset;
        skipValue();
        dEnd = pos - offset;
        break;
      default:
        skipValue();
    }
  }

  private void readSequence() {
    sStart = pos - offset;
    if (peek() == 'n') {
      expectLiteral(NULL);
    } else {
      s = readNonNegativeInteger("s must be a non-negative integer or null", Long.MAX_VALUE);
    }
    sEnd = pos - offset;
  }

  private void readEventName() {
    byte first = peek();
    if (first == 'n') {
      expectLiteral(NULL);
    } else if (first == '"') {
      tStart = pos - offset;
      skipString();
      tEnd = pos - offset;
    } else {
      throw malformed("t must be a string or null");
    }
  }

  private long readNonNegativeInteger(String problem, long max) {
    byte first = peek();
    if (!isDigit(first)) {
      throw malformed(problem);
    }
    long value = 0;
    if (first == '0') {
      pos++;
    } else {
      while (pos < end && isDigit(bytes[pos])) {
        int digit = bytes[pos] - '0';
        if (value > (max - digit) / 10) {
          throw malformed(problem + " (too large)");
        }
        value = value * 10 + digit;
        pos++;
      }
    }
    if (pos < end && (isDigit(bytes[pos]) || bytes[pos] == '.' || bytes[pos] == 'e' || bytes[pos] == 'E')) {
      throw malformed(problem);
    }
    return value;
  }

  /** Skips one JSON value starting at {@code pos} (no leading whitespace), iteratively. */
  private void skipValue() {
    int depth = 0;
    valueExpected:
    while (true) {
      byte c = peek();
      switch (c) {
        case '{':
          pos++;
          skipWhitespace();
          if (peek() == '}') {
            pos++;
            break;
          }
          push(depth++, true);
          skipMemberName();
          continue valueExpected;
        case '[':
          pos++;
          skipWhitespace();
          if (peek() == ']') {
            pos++;
            break;
          }
          push(depth++, false);
          continue valueExpected;
        case '"':
          skipString();
          break;
        case 't':
          expectLiteral(TRUE);
          break;
        case 'f':
          expectLiteral(FALSE);
          break;
        case 'n':
          expectLiteral(NULL);
          break;
        default:
          if (c != '-' && !isDigit(c)) {
            throw malformed("invalid JSON value");
          }
          skipNumber();
      }
      // A value is complete: close the containers it completes, or move to their next element.
      while (depth > 0) {
        boolean inObject = isObject(depth - 1);
        skipWhitespace();
        byte separator = next();
        if (separator == ',') {
          skipWhitespace();
          if (inObject) {
            skipMemberName();
          }
          continue valueExpected;
        }
        if (separator != (inObject ? '}' : ']')) {
          throw malformed(inObject ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array");
        }
        depth--;
      }
      return;
    }
  }

  /** Skips {@code "name" :} and the whitespace after it, inside a nested object. */
  private void skipMemberName() {
    if (peek() != '"') {
      throw malformed("expected a key in an object");
    }
    skipString();
    skipWhitespace();
    expect(':', "expected ':' after a key");
    skipWhitespace();
  }

  private void push(int depth, boolean object) {
    if (depth >= MAX_NESTING_DEPTH) {
      throw malformed("nesting deeper than " + MAX_NESTING_DEPTH);
    }
    long bit = 1L << (depth % BITS_PER_WORD);
    if (depth < BITS_PER_WORD) {
      shallowKinds = object ? shallowKinds | bit : shallowKinds & ~bit;
      return;
    }
    if (deepKinds == null) {
      deepKinds = new long[MAX_NESTING_DEPTH / BITS_PER_WORD];
    }
    int word = depth / BITS_PER_WORD;
    deepKinds[word] = object ? deepKinds[word] | bit : deepKinds[word] & ~bit;
  }

  private boolean isObject(int depth) {
    long bit = 1L << (depth % BITS_PER_WORD);
    long word = depth < BITS_PER_WORD ? shallowKinds : deepKinds[depth / BITS_PER_WORD];
    return (word & bit) != 0;
  }

  /** Skips a string starting at its opening quote; returns whether it contains an escape. */
  private boolean skipString() {
    pos++;
    boolean escaped = false;
    while (pos < end) {
      byte c = bytes[pos++];
      if (c == '"') {
        return escaped;
      }
      if (c == '\\') {
        escaped = true;
        skipEscape();
      } else if (c >= 0 && c < 0x20) {
        throw malformed("control character in a string");
      }
    }
    throw malformed("unterminated string");
  }

  private void skipEscape() {
    if (pos >= end) {
      throw malformed("unterminated string");
    }
    switch (bytes[pos++]) {
      case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
        return;
      case 'u':
        for (int i = 0; i < 4; i++) {
          if (pos >= end) {
            throw malformed("unterminated string");
          }
          if (!JsonStrings.isHexDigit(bytes[pos++])) {
            throw malformed("invalid unicode escape in a string");
          }
        }
        return;
      default:
        throw malformed("invalid escape in a string");
    }
  }

  private void skipNumber() {
    if (bytes[pos] == '-') {
      pos++;
    }
    byte first = peek();
    if (first == '0') {
      pos++;
    } else if (isDigit(first)) {
      skipDigits();
    } else {
      throw malformed("invalid number");
    }
    if (pos < end && bytes[pos] == '.') {
      pos++;
      requireDigits();
    }
    if (pos < end && (bytes[pos] == 'e' || bytes[pos] == 'E')) {
      pos++;
      if (pos < end && (bytes[pos] == '+' || bytes[pos] == '-')) {
        pos++;
      }
      requireDigits();
    }
  }

  private void requireDigits() {
    if (!isDigit(peek())) {
      throw malformed("invalid number");
    }
    skipDigits();
  }

  private void skipDigits() {
    while (pos < end && isDigit(bytes[pos])) {
      pos++;
    }
  }

  private void expectLiteral(byte[] literal) {
    if (end - pos < literal.length) {
      throw malformed("unexpected end of payload");
    }
    for (byte b : literal) {
      if (bytes[pos++] != b) {
        throw malformed("invalid literal");
      }
    }
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte c = bytes[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  private void expect(char expected, String problem) {
    if (next() != expected) {
      throw malformed(problem);
    }
  }

  private byte peek() {
    if (pos >= end) {
      throw malformed("unexpected end of payload");
    }
    return bytes[pos];
  }

  private byte next() {
    byte c = peek();
    pos++;
    return c;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private MalformedPayloadException malformed(String problem) {
    return new MalformedPayloadException(problem + " at byte " + (pos - offset));
  }
}
