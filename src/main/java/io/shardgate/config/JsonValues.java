package io.shardgate.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

/** Reading loosely typed JSON values (as Jackson or Vert.x produced them) for config checks. */
final class JsonValues {

  /** Longest value echoed back in an error message, so a huge value cannot flood the log. */
  private static final int MAX_ECHOED_CHARS = 60;

  private JsonValues() {
  }

  /** The value as a long if it is a JSON integer that fits one, else null (floats and strings too). */
  static Long integral(Object value) {
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
      return big.longValue();
    }
    return null;
  }

  /** The value as it would appear in JSON, shortened; for error messages only, never for tokens. */
  static String echo(Object value) {
    String text;
    if (value instanceof String string) {
      text = '"' + string + '"';
    } else if (value instanceof JsonObject || value instanceof JsonArray) {
      text = value.toString();
    } else {
      text = String.valueOf(value);
    }
    return text.length() <= MAX_ECHOED_CHARS ? text : text.substring(0, MAX_ECHOED_CHARS) + "...";
  }

  /** A string that is null or only whitespace counts as unset (e.g. gateway-proxy's "token": ""). */
  static boolean isBlank(Object value) {
    return value == null || value instanceof String string && string.isBlank();
  }
}
