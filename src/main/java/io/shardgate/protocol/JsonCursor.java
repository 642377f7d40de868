package io.shardgate.protocol;

/**
 * A bounds-checked position in a byte range holding JSON, with the grammar needed to step over
 * values without building them: strings (escapes checked), numbers, literals, and nested objects and
 * arrays (skipped iteratively, so deep nesting cannot overflow the stack). Every read checks the end,
 * and every step advances, so garbage ends in a {@link MalformedPayloadException}, never an
 * {@code IndexOutOfBoundsException} or an endless loop. String contents are not checked for UTF-8.
 */
final class JsonCursor {

  /** Deeper nesting than any Discord payload; the bound keeps the container stack small. */
  static final int MAX_NESTING_DEPTH = 1024;

  private static final int BITS_PER_WORD = Long.SIZE;
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  final byte[] bytes;
  private final int offset;
  private final int end;
  int pos;

  // Kinds of the containers open while skipping a value: bit set = object, clear = array.
  private long shallowKinds;
  private long[] deepKinds;

  JsonCursor(byte[] bytes, int offset, int length) {
    this.bytes = bytes;
    this.offset = offset;
    this.end = offset + length;
    this.pos = offset;
  }

  /** The current position relative to the start of the range. */
  int relativePos() {
    return pos - offset;
  }

  boolean atEnd() {
    return pos >= end;
  }

  /** Steps over {@code expected} if it is the next byte. */
  boolean consume(char expected) {
    if (peek() != expected) {
      return false;
    }
    pos++;
    return true;
  }

  void expectNull() {
    expectLiteral(NULL);
  }

  /**
   * Reads a JSON integer in {@code [0, max]}: no sign, fraction, exponent or leading zero.
   *
   * @param problem the message if the value is anything else
   */
  long readNonNegativeInteger(String problem, long max) {
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
  void skipValue() {
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
  boolean skipString() {
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

  void skipWhitespace() {
    while (pos < end) {
      byte c = bytes[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  void expect(char expected, String problem) {
    if (next() != expected) {
      throw malformed(problem);
    }
  }

  byte peek() {
    if (pos >= end) {
      throw malformed("unexpected end of payload");
    }
    return bytes[pos];
  }

  byte next() {
    byte c = peek();
    pos++;
    return c;
  }

  static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  MalformedPayloadException malformed(String problem) {
    return new MalformedPayloadException(problem + " at byte " + (pos - offset));
  }
}
