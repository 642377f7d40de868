package io.shardgate.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies SHARDGATE_* environment variables over the file's values: SHARDGATE_PORT=8080 sets
 * "port", SHARDGATE_CACHE__MEMBERS=true sets "cache"."members", SHARDGATE_ACTIVITY='{...}' sets a
 * whole object, SHARDGATE_CLUSTER__KUBERNETES__SERVICE_DNS=... a key two levels down,
 * SHARDGATE_REPLAY_WINDOW__MAX_BYTES=... a replay window bound. Values are
 * converted to the key's type; "null" removes the key (its default applies). Variables that name no key are left alone: other parts of shardgate read their own
 * SHARDGATE_* variables (SHARDGATE_CONFIG).
 */
final class EnvOverrides {

  private static final String NULL_VALUE = "null";

  private final JsonObject config;
  private final Map<String, String> origins;
  private final List<String> warnings;

  private EnvOverrides(JsonObject config, Map<String, String> origins, List<String> warnings) {
    this.config = config;
    this.origins = origins;
    this.warnings = warnings;
  }

  /**
   * Overrides keys of {@code config} in place, records in {@code origins} which variable set which
   * key path, and adds to {@code warnings} the variables it had to ignore.
   */
  static void apply(JsonObject config, Map<String, String> env, Map<String, String> origins,
      List<String> warnings) throws ConfigException {
    EnvOverrides overrides = new EnvOverrides(config, origins, warnings);
    Map<String, String> sorted = new TreeMap<>(env); // a stable order, whatever the map type
    for (ConfigKey key : ConfigKey.values()) {
      overrides.applyWhole(key, sorted.get(key.envVar()));
      String nestedPrefix = key.envVar() + ConfigKey.ENV_NESTING;
      for (Map.Entry<String, String> entry : sorted.entrySet()) {
        if (entry.getKey().startsWith(nestedPrefix)) {
          String nested = entry.getKey().substring(nestedPrefix.length()).toLowerCase(Locale.ROOT);
          overrides.applyNested(key, nested, entry.getKey(), entry.getValue());
        }
      }
    }
  }

  private void applyWhole(ConfigKey key, String raw) throws ConfigException {
    if (raw == null) {
      return;
    }
    Object value = convert(key.envVar(), key.type(), raw);
    if (value == null) {
      config.remove(key.key());
    } else {
      config.put(key.key(), value);
    }
    origins.put(key.key(), key.envVar());
  }

  private void applyNested(ConfigKey key, String nested, String variable, String raw)
      throws ConfigException {
    if (key.type() != ConfigKey.Type.OBJECT) {
      warnings.add(variable + " ignored: " + key.key() + " has no nested keys; use "
          + key.envVar());
      return;
    }
    // only cluster has a second level (SHARDGATE_CLUSTER__KUBERNETES__SERVICE_DNS); an activity
    // field name is taken whole
    List<String> path = key == ConfigKey.CLUSTER
        ? List.of(nested.split(ConfigKey.ENV_NESTING, -1)) : List.of(nested);
    ConfigKey.Type type = nestedType(key, path);
    if (type == null) {
      warnings.add(variable + " ignored: \"" + String.join(".", path) + "\" " + unknownNested(key));
      return;
    }
    Object value = convert(variable, type, raw);
    config.put(key.key(), withValue(config.getValue(key.key()), path, value));
    origins.put(key.key() + "." + String.join(".", path), variable);
  }

  /** {@code parent} (a new object if it is not one) with {@code value} set at {@code path}. */
  private static JsonObject withValue(Object parent, List<String> path, Object value) {
    JsonObject object = parent instanceof JsonObject existing ? existing : new JsonObject();
    String field = path.get(0);
    if (path.size() > 1) {
      object.put(field, withValue(object.getValue(field), path.subList(1, path.size()), value));
    } else if (value == null) {
      object.remove(field);
    } else {
      object.put(field, value);
    }
    return object;
  }

  /** The type of a nested key, or null when the parent has a fixed set of keys without it. */
  private static ConfigKey.Type nestedType(ConfigKey parent, List<String> path) {
    if (parent == ConfigKey.CACHE) {
      return CacheConfig.FLAG_NAMES.contains(path.get(0)) ? ConfigKey.Type.BOOLEAN : null;
    }
    if (parent == ConfigKey.REPLAY_WINDOW) {
      return ReplayWindowConfig.FIELDS.get(path.get(0));
    }
    if (parent == ConfigKey.CLUSTER) {
      if (path.size() == 1) {
        return ClusterConfig.FIELDS.get(path.get(0));
      }
      return path.size() == 2 && "kubernetes".equals(path.get(0))
          ? ClusterConfig.KUBERNETES_FIELDS.get(path.get(1)) : null;
    }
    // activity: Discord's activity object is open-ended; only its type is a number
    return "type".equals(path.get(0)) ? ConfigKey.Type.INT : ConfigKey.Type.STRING;
  }

  private static String unknownNested(ConfigKey parent) {
    if (parent == ConfigKey.CACHE) {
      return "is not a cache flag; known flags: " + String.join(", ", CacheConfig.FLAG_NAMES);
    }
    if (parent == ConfigKey.REPLAY_WINDOW) {
      return "is not a replay_window key; known keys: "
          + String.join(", ", ReplayWindowConfig.FIELD_NAMES);
    }
    return "is not a cluster key; known keys: " + String.join(", ", ClusterConfig.FIELD_NAMES)
        + ", kubernetes.service_dns";
  }

  /** Converts a variable's text to the key's type; null means "unset". */
  static Object convert(String variable, ConfigKey.Type type, String raw) throws ConfigException {
    String text = raw.trim(); // secrets mounted from files often end with a newline
    if (NULL_VALUE.equalsIgnoreCase(text)) {
      return null;
    }
    switch (type) {
      case STRING:
        return text;
      case INT:
        try {
          return Integer.parseInt(text);
        } catch (NumberFormatException e) {
          throw new ConfigException(variable + " must be an integer (got " + JsonValues.echo(text)
              + ")");
        }
      case LONG:
        try {
          return Long.parseLong(text);
        } catch (NumberFormatException e) {
          throw new ConfigException(variable + " must be an integer (got " + JsonValues.echo(text)
              + ")");
        }
      case BOOLEAN:
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
          return Boolean.parseBoolean(text);
        }
        throw new ConfigException(variable + " must be true or false (got " + JsonValues.echo(text)
            + ")");
      case OBJECT:
        return ConfigFileReader.parseObject(text, variable);
      case LIST:
        return list(variable, text);
      default:
        throw new IllegalStateException("unhandled type " + type);
    }
  }

  /**
   * A list of strings, written either as a JSON array ('["a:5701","b:5701"]') or, easier in a shell
   * or a Kubernetes manifest, comma-separated ("a:5701,b:5701"); empty items are dropped, so an
   * empty value is an empty list.
   */
  private static JsonArray list(String variable, String text) throws ConfigException {
    if (!text.startsWith("[")) {
      JsonArray items = new JsonArray();
      Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty())
          .forEach(items::add);
      return items;
    }
    try {
      return new JsonArray(text);
    } catch (DecodeException e) {
      throw new ConfigException(variable + " must be a JSON array such as [\"10.0.0.1:5701\"] or a "
          + "comma-separated list such as 10.0.0.1:5701,10.0.0.2:5701 (got " + JsonValues.echo(text)
          + ")");
    }
  }
}
