package io.shardgate.cache;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Converting entities between parsed dispatch payloads and the compact bytes the cache keeps. */
final class EntityJson {
  /** Marks a missing or malformed snowflake. Real snowflakes are positive. */
  static final long NO_ID = -1L;

  private EntityJson() {
  }

  /** The object as compact JSON, without the given keys. {@code object} is left untouched. */
  static byte[] encodeWithout(JsonObject object, String... droppedKeys) {
    if (droppedKeys.length == 0 || !containsAny(object, droppedKeys)) {
      return object.toBuffer().getBytes();
    }
    return shallowCopyWithout(object, droppedKeys).toBuffer().getBytes();
  }

  /** A new object sharing the values of {@code object}, minus some keys: cheap, no deep copy. */
  static JsonObject shallowCopyWithout(JsonObject object, String... droppedKeys) {
    Map<String, Object> copy = new LinkedHashMap<>(object.getMap());
    for (String key : droppedKeys) {
      copy.remove(key);
    }
    return new JsonObject(copy);
  }

  static JsonObject decode(byte[] bytes) {
    return new JsonObject(Buffer.buffer(bytes));
  }

  /** A snowflake from a JSON string (Discord's form) or number, else {@link #NO_ID}. */
  static long snowflake(Object value) {
    if (value instanceof String text) {
      return parsePositive(text);
    }
    if (value instanceof Number number && number.longValue() > 0) {
      return number.longValue();
    }
    return NO_ID;
  }

  static long snowflake(JsonObject object, String key) {
    return object == null ? NO_ID : snowflake(object.getValue(key));
  }

  /** The id of {@code object.user}: members and presences are keyed by their user. */
  static long userId(JsonObject object) {
    return object != null && object.getValue("user") instanceof JsonObject user ? snowflake(user, "id") : NO_ID;
  }

  private static long parsePositive(String text) {
    if (text.isEmpty() || text.length() > 20) {
      return NO_ID;
    }
    try {
      long id = Long.parseLong(text);
      return id > 0 ? id : NO_ID;
    } catch (NumberFormatException e) {
      return NO_ID;
    }
  }

  private static boolean containsAny(JsonObject object, String... keys) {
    for (String key : keys) {
      if (object.containsKey(key)) {
        return true;
      }
    }
    return false;
  }
}
