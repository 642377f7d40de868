package io.shardgate.config;

import java.util.Locale;
import java.util.Optional;

/**
 * The top-level keys of config.json, with the JSON type each one takes. The names are gateway-proxy's
 * (plus shardgate's own {@code api_base_url}, {@code cluster}, {@code role}, {@code replay_window},
 * {@code checkpoint_interval_ms} and {@code state_file}, which gateway-proxy ignores), so one file serves both.
 */
public enum ConfigKey {
  LOG_LEVEL("log_level", Type.STRING),
  TOKEN("token", Type.STRING),
  INTENTS("intents", Type.LONG),
  PORT("port", Type.INT),
  SHARDS("shards", Type.INT),
  SHARD_START("shard_start", Type.INT),
  SHARD_END("shard_end", Type.INT),
  ACTIVITY("activity", Type.OBJECT),
  STATUS("status", Type.STRING),
  BACKPRESSURE("backpressure", Type.INT),
  VALIDATE_TOKEN("validate_token", Type.BOOLEAN),
  TWILIGHT_HTTP_PROXY("twilight_http_proxy", Type.STRING),
  EXTERNALLY_ACCESSIBLE_URL("externally_accessible_url", Type.STRING),
  CACHE("cache", Type.OBJECT),
  API_BASE_URL("api_base_url", Type.STRING),
  CLUSTER("cluster", Type.OBJECT),
  ROLE("role", Type.STRING),
  REPLAY_WINDOW("replay_window", Type.OBJECT),
  CHECKPOINT_INTERVAL_MS("checkpoint_interval_ms", Type.INT),
  STATE_FILE("state_file", Type.STRING);

  /**
   * The JSON value type a key takes; environment values are converted to it. LIST (an array of
   * strings) occurs only nested: cluster.members.
   */
  public enum Type { STRING, INT, LONG, BOOLEAN, OBJECT, LIST }

  /** Prefix of every environment variable that overrides a key. */
  public static final String ENV_PREFIX = "SHARDGATE_";
  /** Separates a key from a nested key in an environment variable: SHARDGATE_CACHE__MEMBERS. */
  public static final String ENV_NESTING = "__";

  private final String key;
  private final Type type;

  ConfigKey(String key, Type type) {
    this.key = key;
    this.type = type;
  }

  public String key() {
    return key;
  }

  public Type type() {
    return type;
  }

  /** The environment variable that overrides this key, e.g. SHARDGATE_SHARD_START. */
  public String envVar() {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT);
  }

  public static Optional<ConfigKey> byKey(String key) {
    for (ConfigKey candidate : values()) {
      if (candidate.key.equals(key)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
