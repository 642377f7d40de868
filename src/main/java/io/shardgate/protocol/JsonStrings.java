package io.shardgate.protocol;

import java.nio.charset.StandardCharsets;

/** Decodes the content of a JSON string (the bytes between its quotes), escapes included. */
final class JsonStrings {

  private static final int HEX_DIGITS_IN_ESCAPE = 4;

  private JsonStrings() {
  }

  /**
   * Decodes {@code bytes[start, end)}: UTF-8 text with JSON escapes. Slow path for names that
   * contain escapes or non-ASCII bytes; plain ASCII names go through {@link EventNames}.
   */
  static String decode(byte[] bytes, int start, int end) {
    StringBuilder text = new StringBuilder(end - start);
    int runStart = start;
    int pos = start;
    while (pos < end) {
      if (bytes[pos] != '\\') {
        pos++;
        continue;
      }
      text.append(new String(bytes, runStart, pos - runStart, StandardCharsets.UTF_8));
      if (pos + 1 >= end) {
        throw new MalformedPayloadException("invalid escape in a string");
      }
      byte escaped = bytes[pos + 1];
      pos += 2;
      if (escaped == 'u') {
        if (pos + HEX_DIGITS_IN_ESCAPE > end) {
          throw new MalformedPayloadException("invalid unicode escape in a string");
        }
        text.append((char) hexValue(bytes, pos));
        pos += HEX_DIGITS_IN_ESCAPE;
      } else {
        text.append(simpleEscape(escaped));
      }
      runStart = pos;
    }
    text.append(new String(bytes, runStart, end - runStart, StandardCharsets.UTF_8));
    return text.toString();
  }

  static boolean isHexDigit(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  private static int hexValue(byte[] bytes, int pos) {
    int value = 0;
    for (int i = 0; i < HEX_DIGITS_IN_ESCAPE; i++) {
      byte b = bytes[pos + i];
      if (!isHexDigit(b)) {
        throw new MalformedPayloadException("invalid unicode escape in a string");
      }
      value = (value << 4) | Character.digit(b, 16);
    }
    return value;
  }

  private static char simpleEscape(byte escaped) {
    switch (escaped) {
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      default: throw new MalformedPayloadException("invalid escape in a string");
    }
  }
}
