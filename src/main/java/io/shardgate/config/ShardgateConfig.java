package io.shardgate.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * shardgate's configuration: gateway-proxy's config.json keys with gateway-proxy's defaults, plus
 * {@code api_base_url}, {@code cluster}, {@code role}, {@code replay_window},
 * {@code checkpoint_interval_ms} and {@code state_file}. Immutable and always valid (the constructor runs {@link ConfigValidator}).
 * {@link #toJson()} and {@link #toString()} leave the token out, so either can be logged.
 */
public final class ShardgateConfig {

  public static final String DEFAULT_LOG_LEVEL = "info";
  /** gateway-proxy requires intents; 0 applies only when the token is not required (offline demo). */
  public static final long DEFAULT_INTENTS = 0L;
  public static final int DEFAULT_PORT = 7878;
  public static final int DEFAULT_SHARD_START = 0;
  public static final String DEFAULT_STATUS = "online";
  public static final int DEFAULT_BACKPRESSURE = 100;
  public static final boolean DEFAULT_VALIDATE_TOKEN = true;
  public static final int DISCORD_API_VERSION = 10;
  public static final String DEFAULT_API_BASE_URL = "https://discord.com/api/v" + DISCORD_API_VERSION;
  /** Replaced by the shard id in the activity's name (and state) when a shard identifies. */
  public static final String SHARD_PLACEHOLDER = "{{shard}}";
  private static final int DEFAULT_ACTIVITY_TYPE = 0;
  /** How often each shard owner checkpoints its stream to the shard directory. */
  /**
   * How often an owner checkpoints its shards. After a crash the next owner RESUMEs from the last
   * checkpoint and Discord replays what came after it, so the interval costs replay, not events.
   */
  public static final int DEFAULT_CHECKPOINT_INTERVAL_MS = 5_000;
  /** More often costs cluster-map writes for little gain; below this it was likely meant in seconds. */
  public static final int MIN_CHECKPOINT_INTERVAL_MS = 500;
  /** Less often leaves a crash's successor a RESUME Discord may no longer replay in full. */
  public static final int MAX_CHECKPOINT_INTERVAL_MS = 60_000;

  private final String logLevel;
  private final String token;
  private final long intents;
  private final int port;
  private final Integer shards;
  private final int shardStart;
  private final Integer shardEnd;
  private final JsonObject activity;
  private final String status;
  private final int backpressure;
  private final boolean validateToken;
  private final String twilightHttpProxy;
  private final String externallyAccessibleUrl;
  private final CacheConfig cache;
  private final String apiBaseUrl;
  private final ClusterConfig cluster;
  private final Role role;
  private final ReplayWindowConfig replayWindow;
  private final int checkpointIntervalMs;
  private final java.nio.file.Path stateFile;
  private final List<String> warnings;

  /** All defaults; no token (the offline demo's config). */
  public ShardgateConfig() {
    this(new JsonObject());
  }

  /**
   * Reads a config object in config.json's shape (a null value means "use the default"), the token
   * included. Throws IllegalArgumentException if {@link ConfigValidator} finds a problem; the token is
   * not required here (use {@link ConfigLoader} for that).
   */
  public ShardgateConfig(JsonObject json) {
    this(json, List.of());
  }

  ShardgateConfig(JsonObject json, List<String> warnings) {
    ConfigValidator.Report report = ConfigValidator.check(json, false, Map.of());
    if (!report.ok()) {
      throw new IllegalArgumentException(String.join("; ", report.problems()));
    }
    String level = json.getValue("log_level") instanceof String s
        ? s.trim().toLowerCase(Locale.ROOT) : DEFAULT_LOG_LEVEL;
    logLevel = ConfigValidator.LOG_LEVELS.contains(level) ? level : DEFAULT_LOG_LEVEL; // as gateway-proxy
    token = blankToNull(json.getValue("token"));
    intents = longOr(json.getValue("intents"), DEFAULT_INTENTS);
    port = (int) longOr(json.getValue("port"), DEFAULT_PORT);
    shards = intOrNull(json.getValue("shards"));
    shardStart = (int) longOr(json.getValue("shard_start"), DEFAULT_SHARD_START);
    shardEnd = intOrNull(json.getValue("shard_end"));
    activity = json.getValue("activity") instanceof JsonObject a ? a.copy() : null;
    status = json.getValue("status") instanceof String s ? s : DEFAULT_STATUS;
    backpressure = (int) longOr(json.getValue("backpressure"), DEFAULT_BACKPRESSURE);
    validateToken = json.getValue("validate_token") instanceof Boolean b ? b : DEFAULT_VALIDATE_TOKEN;
    twilightHttpProxy = blankToNull(json.getValue("twilight_http_proxy"));
    String url = blankToNull(json.getValue("externally_accessible_url"));
    externallyAccessibleUrl = url != null ? url : defaultExternallyAccessibleUrl(port);
    cache = CacheConfig.fromJson(json.getValue("cache") instanceof JsonObject c ? c : null);
    String base = json.getValue("api_base_url") instanceof String s ? s.trim() : DEFAULT_API_BASE_URL;
    apiBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    cluster = ClusterConfig.fromJson(json.getValue("cluster") instanceof JsonObject c ? c : null);
    role = json.getValue("role") instanceof String r ? Role.byKey(r).orElseThrow() : Role.DEFAULT;
    replayWindow = ReplayWindowConfig.fromJson(
        json.getValue("replay_window") instanceof JsonObject w ? w : null);
    stateFile = json.getValue("state_file") instanceof String path ? java.nio.file.Path.of(path.trim()) : null;
    checkpointIntervalMs = (int) longOr(json.getValue("checkpoint_interval_ms"),
        DEFAULT_CHECKPOINT_INTERVAL_MS);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Where clients resume when externally_accessible_url is unset, which only the offline demo
   * allows (gateway-proxy requires the key).
   */
  public static String defaultExternallyAccessibleUrl(int port) {
    return "ws://localhost:" + port;
  }

  public String logLevel() {
    return logLevel;
  }

  /** The bot token, or null when unset (only possible when the token was not required). */
  public String token() {
    return token;
  }

  public long intents() {
    return intents;
  }

  public int port() {
    return port;
  }

  /** The total shard count; empty means "ask Discord's GET /gateway/bot". */
  public OptionalInt shards() {
    return shards == null ? OptionalInt.empty() : OptionalInt.of(shards);
  }

  public int shardStart() {
    return shardStart;
  }

  /** The first shard id NOT run by this node (exclusive); empty means "up to the total". */
  public OptionalInt shardEnd() {
    return shardEnd == null ? OptionalInt.empty() : OptionalInt.of(shardEnd);
  }

  /** shard_end if set, else the total shard count. */
  public int shardEnd(int totalShards) {
    return shardEnd == null ? totalShards : shardEnd;
  }

  /** The configured activity (a copy, {{shard}} not replaced), or null. */
  public JsonObject activity() {
    return activity == null ? null : activity.copy();
  }

  public String status() {
    return status;
  }

  public int backpressure() {
    return backpressure;
  }

  public boolean validateToken() {
    return validateToken;
  }

  /** "host:port" of twilight's HTTP proxy, if REST calls go through one. */
  public Optional<String> twilightHttpProxy() {
    return Optional.ofNullable(twilightHttpProxy);
  }

  public String externallyAccessibleUrl() {
    return externallyAccessibleUrl;
  }

  public CacheConfig cache() {
    return cache;
  }

  /** The configured REST base, without a trailing slash. */
  public String apiBaseUrl() {
    return apiBaseUrl;
  }

  /** Whether and how this node joins a Hazelcast cluster; disabled by default. */
  public ClusterConfig cluster() {
    return cluster;
  }

  /** What this node runs: shard verticles, the client-facing gateway, or both (the default). */
  public Role role() {
    return role;
  }

  /** How much of each shard's stream is kept for client RESUMEs. */
  public ReplayWindowConfig replayWindow() {
    return replayWindow;
  }

  /** How often each shard owner checkpoints its session, stream position and changed guilds. */
  public int checkpointIntervalMs() {
    return checkpointIntervalMs;
  }

  /**
   * Where a stopping node writes its shards' checkpoints and a starting node reads them, so that a
   * lone node (or a whole cluster stopped at once) RESUMEs after a restart; empty when off.
   */
  public java.util.Optional<java.nio.file.Path> stateFile() {
    return java.util.Optional.ofNullable(stateFile);
  }

  /**
   * The REST base to call: through twilight's HTTP proxy (plain http, the same /api/v10 path that
   * twilight-http requests with its proxy option) when one is set, else api_base_url.
   */
  public String restBaseUrl() {
    return twilightHttpProxy == null
        ? apiBaseUrl
        : "http://" + twilightHttpProxy + "/api/v" + DISCORD_API_VERSION;
  }

  /**
   * The IDENTIFY {@code presence} for a shard: the activity with {{shard}} replaced by the shard id,
   * and the status. Null when there is no activity and the status is the default (online), which is
   * what Discord assumes without a presence.
   */
  public JsonObject presenceFor(int shardId) {
    if (activity == null && DEFAULT_STATUS.equals(status)) {
      return null;
    }
    JsonArray activities = new JsonArray();
    if (activity != null) {
      activities.add(activityFor(shardId));
    }
    return new JsonObject()
        .putNull("since")
        .put("activities", activities)
        .put("status", status)
        .put("afk", false);
  }

  private JsonObject activityFor(int shardId) {
    JsonObject resolved = activity.copy();
    String id = Integer.toString(shardId);
    for (String field : List.of("name", "state")) {
      if (resolved.getValue(field) instanceof String text) {
        resolved.put(field, text.replace(SHARD_PLACEHOLDER, id));
      }
    }
    if (resolved.getValue("type") == null) {
      resolved.put("type", DEFAULT_ACTIVITY_TYPE); // twilight's default, and Discord requires a type
    }
    return resolved;
  }

  /** Non-fatal findings while loading (unknown keys, ...), for the caller to log. */
  public List<String> warnings() {
    return warnings;
  }

  /** Every key with its effective value, EXCEPT the token (so this can be logged or served). */
  public JsonObject toJson() {
    return new JsonObject()
        .put("log_level", logLevel)
        .put("intents", intents)
        .put("port", port)
        .put("shards", shards)
        .put("shard_start", shardStart)
        .put("shard_end", shardEnd)
        .put("activity", activity())
        .put("status", status)
        .put("backpressure", backpressure)
        .put("validate_token", validateToken)
        .put("twilight_http_proxy", twilightHttpProxy)
        .put("externally_accessible_url", externallyAccessibleUrl)
        .put("cache", cache.toJson())
        .put("api_base_url", apiBaseUrl)
        .put("cluster", cluster.toJson())
        .put("role", role.key())
        .put("replay_window", replayWindow.toJson())
        .put("checkpoint_interval_ms", checkpointIntervalMs)
        .put("state_file", stateFile == null ? null : stateFile.toString());
  }

  @Override
  public String toString() {
    return "ShardgateConfig{token=" + (token == null ? "<unset>" : "<redacted>") + ", "
        + toJson().encode() + "}";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ShardgateConfig that
        && Objects.equals(token, that.token) && toJson().equals(that.toJson());
  }

  @Override
  public int hashCode() {
    return Objects.hash(token, toJson());
  }

  private static String blankToNull(Object value) {
    return JsonValues.isBlank(value) ? null : ((String) value).trim();
  }

  private static long longOr(Object value, long defaultValue) {
    Long number = JsonValues.integral(value);
    return number == null ? defaultValue : number;
  }

  private static Integer intOrNull(Object value) {
    Long number = JsonValues.integral(value);
    return number == null ? null : number.intValue();
  }
}
