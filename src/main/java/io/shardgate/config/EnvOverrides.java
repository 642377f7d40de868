package io.shardgate.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies SHARDGATE_* environment variables over the file's values: SHARDGATE_PORT=8080 sets
 * "port", SHARDGATE_CACHE__MEMBERS=true sets "cache"."members", SHARDGATE_ACTIVITY='{...}' sets a
 * whole object. Values are converted to the key's type; "null" removes the key (its default
 * applies). Variables that name no key are left alone: other parts of shardgate read their own
 * SHARDGATE_* variables (SHARDGATE_CONFIG, cluster settings).
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
    ConfigKey.Type type = nestedType(key, nested);
    if (type == null) {
      warnings.add(variable + " ignored: \"" + nested + "\" is not a cache flag; known flags: "
          + String.join(", ", CacheConfig.FLAG_NAMES));
      return;
    }
    JsonObject parent = config.getValue(key.key()) instanceof JsonObject existing
        ? existing : new JsonObject();
    Object value = convert(variable, type, raw);
    if (value == null) {
      parent.remove(nested);
    } else {
      parent.put(nested, value);
    }
    config.put(key.key(), parent);
    origins.put(key.key() + "." + nested, variable);
  }

  /** The type of a nested key, or null when the parent has a fixed set of keys without it. */
  private static ConfigKey.Type nestedType(ConfigKey parent, String nested) {
    if (parent == ConfigKey.CACHE) {
      return CacheConfig.FLAG_NAMES.contains(nested) ? ConfigKey.Type.BOOLEAN : null;
    }
    // activity: Discord's activity object is open-ended; only its type is a number
    return "type".equals(nested) ? ConfigKey.Type.INT : ConfigKey.Type.STRING;
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
      default:
        throw new IllegalStateException("unhandled type " + type);
    }
  }
}
