package io.shardgate.config;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a merged config object (defaults left out, file and environment applied) before any value is
 * used. Separate from loading so the same rules hold for a config built in code or in tests. Every
 * problem is one line that names the key and says what to do; a token is never echoed.
 */
public final class ConfigValidator {

  public static final List<String> STATUSES = List.of("online", "dnd", "idle", "invisible", "offline");
  /** gateway-proxy's (tracing's) level names; Logback has the same set. */
  public static final List<String> LOG_LEVELS = List.of("off", "error", "warn", "info", "debug", "trace");
  /** Discord activity types: 0 playing, 1 streaming, 2 listening, 3 watching, 4 custom, 5 competing. */
  public static final int MIN_ACTIVITY_TYPE = 0;
  public static final int MAX_ACTIVITY_TYPE = 5;
  public static final int MAX_PORT = 65535;

  static final String TOKEN_MISSING =
      "token is missing: set \"token\" in config.json or the TOKEN environment variable";

  /** "host:port" as twilight's HTTP proxy option takes it: a name, IPv4 or [IPv6], then a port. */
  static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\\d{1,5})");

  /** What a check found: problems stop the start, warnings are logged by the caller. */
  public record Report(List<String> problems, List<String> warnings) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  private final JsonObject config;
  private final Map<String, String> origins;
  private final List<String> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private ConfigValidator(JsonObject config, Map<String, String> origins) {
    this.config = config;
    this.origins = origins;
  }

  /**
   * @param requireToken true when shardgate talks to real Discord: token, intents and
   *     externally_accessible_url must then be set, as gateway-proxy requires them; false for the
   *     offline demo against the simulator
   * @param origins key path ("port", "cache.members") → environment variable it came from, so
   *     messages name the variable the operator has to change
   */
  public static Report check(JsonObject config, boolean requireToken, Map<String, String> origins) {
    ConfigValidator validator = new ConfigValidator(config, origins);
    validator.checkAll(requireToken);
    return new Report(List.copyOf(validator.problems), List.copyOf(validator.warnings));
  }

  /** Throws the problems (all of them, on one line) of {@link #check}. */
  public static void validate(JsonObject config, boolean requireToken) throws ConfigException {
    throwIfProblems(check(config, requireToken, Map.of()));
  }

  static void throwIfProblems(Report report) throws ConfigException {
    if (!report.ok()) {
      throw new ConfigException(String.join("; ", report.problems()));
    }
  }

  /**
   * Checks the shard range against the total once it is known (from {@code shards} or from Discord's
   * GET /gateway/bot), which the static check cannot do when {@code shards} is null.
   */
  public static void validateShardRange(ShardgateConfig config, int totalShards)
      throws ConfigException {
    if (totalShards < 1) {
      throw new ConfigException("the shard count must be at least 1 (got " + totalShards + ")");
    }
    int end = config.shardEnd(totalShards);
    if (end > totalShards) {
      throw new ConfigException("shard_end (" + end + ") must not exceed the shard count ("
          + totalShards + "); shard_end is exclusive");
    }
    if (config.shardStart() >= end) {
      throw new ConfigException("shard_start (" + config.shardStart()
          + ") must be less than shard_end or the shard count (" + end + ")");
    }
  }

  private void checkAll(boolean requireToken) {
    unknownKeys();
    logLevel();
    token(requireToken);
    intents(requireToken);
    integer("port", 0, MAX_PORT, "between 0 and " + MAX_PORT + " (0 picks a free port)");
    Long shards = integer("shards", 1, Integer.MAX_VALUE, ">= 1, or null to ask Discord");
    Long start = integer("shard_start", 0, Integer.MAX_VALUE, ">= 0");
    Long end = integer("shard_end", 1, Integer.MAX_VALUE, ">= 1, or null for all shards");
    shardRange(shards, start, end);
    activity();
    status();
    integer("backpressure", 1, Integer.MAX_VALUE, ">= 1 (events buffered per shard)");
    bool("validate_token", config.getValue("validate_token"));
    twilightHttpProxy();
    externallyAccessibleUrl(requireToken);
    cache();
    apiBaseUrl();
    ClusterConfigValidator.check(config.getValue("cluster"), problems, warnings, this::label);
    role();
    ReplayWindowConfigValidator.check(config.getValue("replay_window"), problems, warnings,
        this::label);
    integer("checkpoint_interval_ms", ShardgateConfig.MIN_CHECKPOINT_INTERVAL_MS,
        ShardgateConfig.MAX_CHECKPOINT_INTERVAL_MS, "between "
            + ShardgateConfig.MIN_CHECKPOINT_INTERVAL_MS + " and "
            + ShardgateConfig.MAX_CHECKPOINT_INTERVAL_MS + " (milliseconds between two checkpoints "
            + "of each shard, not seconds)");
    stateFile();
  }

  private void stateFile() {
    Object value = config.getValue("state_file");
    if (value != null && !(value instanceof String path && !path.isBlank())) {
      problems.add(label("state_file") + " must be a file path such as \"/var/lib/shardgate/state.gz\", or null "
          + "(got " + JsonValues.echo(value) + ")");
    }
  }

  private void role() {
    Object value = config.getValue("role");
    if (value == null) {
      return;
    }
    Role role = value instanceof String name ? Role.byKey(name).orElse(null) : null;
    if (role == null) {
      problems.add(label("role") + " must be one of " + String.join(", ", Role.NAMES)
          + " (all: shards and clients; shards: only Discord connections; clients: only the "
          + "gateway bots connect to) (got " + JsonValues.echo(value) + ")");
    } else if (role != Role.ALL && !clusterEnabled()) {
      problems.add(label("role") + " \"" + role.key() + "\" needs the other role on other nodes: "
          + "set cluster.enabled to true, or use role \"all\" on a single node");
    }
  }

  private boolean clusterEnabled() {
    return config.getValue("cluster") instanceof JsonObject cluster
        && Boolean.TRUE.equals(cluster.getValue("enabled"));
  }

  private void unknownKeys() {
    String known = Arrays.stream(ConfigKey.values()).map(ConfigKey::key)
        .collect(Collectors.joining(", "));
    for (String name : config.fieldNames()) {
      if (ConfigKey.byKey(name).isEmpty()) {
        warnings.add("unknown key \"" + name + "\" ignored (gateway-proxy ignores unknown keys "
            + "too; check the spelling); known keys: " + known);
      }
    }
  }

  private void logLevel() {
    Object value = config.getValue("log_level");
    if (value == null) {
      return;
    }
    if (!(value instanceof String level)) {
      problems.add(label("log_level") + " must be a string, one of " + LOG_LEVELS + " (got "
          + JsonValues.echo(value) + ")");
    } else if (!LOG_LEVELS.contains(level.trim().toLowerCase(Locale.ROOT))) {
      warnings.add(label("log_level") + " " + JsonValues.echo(level) + " is not one of "
          + LOG_LEVELS + "; using info, as gateway-proxy does");
    }
  }

  private void token(boolean requireToken) {
    Object value = config.getValue("token");
    if (value != null && !(value instanceof String)) {
      problems.add(label("token") + " must be a string"); // never echo a token, even a malformed one
    } else if (requireToken && JsonValues.isBlank(value)) {
      problems.add(TOKEN_MISSING);
    }
  }

  private void intents(boolean requireToken) {
    if (config.getValue("intents") == null && requireToken) {
      problems.add("intents is missing: set \"intents\" in config.json or SHARDGATE_INTENTS to the "
          + "gateway intents bitfield your bots need, e.g. 32511");
      return;
    }
    integer("intents", 0, Long.MAX_VALUE, ">= 0 (a bitfield of gateway intents)");
  }

  /** Checks an integer key; returns its value when present and valid, else null. */
  private Long integer(String key, long min, long max, String mustBe) {
    Object value = config.getValue(key);
    if (value == null) {
      return null;
    }
    Long number = JsonValues.integral(value);
    if (number == null || number < min || number > max) {
      problems.add(label(key) + " must be an integer " + mustBe + " (got " + JsonValues.echo(value)
          + ")");
      return null;
    }
    return number;
  }

  private void shardRange(Long shards, Long start, Long end) {
    long from = start == null ? ShardgateConfig.DEFAULT_SHARD_START : start;
    if (end != null && end <= from) {
      problems.add("shard_end (" + end + ") must be greater than shard_start (" + from
          + "); shard_end is exclusive");
    }
    if (shards != null && end != null && end > shards) {
      problems.add("shard_end (" + end + ") must not exceed shards (" + shards
          + "); shard_end is exclusive");
    }
    if (shards != null && end == null && from >= shards) {
      problems.add("shard_start (" + from + ") must be less than shards (" + shards + ")");
    }
  }

  private void activity() {
    Object value = config.getValue("activity");
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonObject activity)) {
      problems.add(label("activity") + " must be an object such as {\"type\": 0, \"name\": "
          + "\"on shard {{shard}}\"}, or null (got " + JsonValues.echo(value) + ")");
      return;
    }
    Object name = activity.getValue("name");
    if (!(name instanceof String) || ((String) name).isBlank()) {
      problems.add(label("activity.name") + " is missing: set it to the text to show, e.g. "
          + "\"on shard {{shard}}\" ({{shard}} becomes the shard id)");
    }
    Object type = activity.getValue("type");
    Long kind = JsonValues.integral(type);
    if (type != null && (kind == null || kind < MIN_ACTIVITY_TYPE || kind > MAX_ACTIVITY_TYPE)) {
      problems.add(label("activity.type") + " must be " + MIN_ACTIVITY_TYPE + "-" + MAX_ACTIVITY_TYPE
          + " (0 playing, 1 streaming, 2 listening, 3 watching, 4 custom, 5 competing) (got "
          + JsonValues.echo(type) + ")");
    }
  }

  private void status() {
    Object value = config.getValue("status");
    if (value != null && !STATUSES.contains(value)) {
      problems.add(label("status") + " must be one of " + String.join(", ", STATUSES) + " (got "
          + JsonValues.echo(value) + ")");
    }
  }

  private void bool(String path, Object value) {
    if (value != null && !(value instanceof Boolean)) {
      problems.add(label(path) + " must be true or false (got " + JsonValues.echo(value) + ")");
    }
  }

  private void twilightHttpProxy() {
    Object value = config.getValue("twilight_http_proxy");
    if (JsonValues.isBlank(value)) {
      return;
    }
    Matcher matcher = value instanceof String proxy ? HOST_PORT.matcher(proxy.trim()) : null;
    boolean valid = matcher != null && matcher.matches()
        && Integer.parseInt(matcher.group(3)) >= 1 && Integer.parseInt(matcher.group(3)) <= MAX_PORT;
    if (!valid) {
      problems.add(label("twilight_http_proxy") + " must be \"host:port\" of twilight's HTTP proxy "
          + "without a scheme, e.g. \"localhost:3000\", or null (got " + JsonValues.echo(value) + ")");
    }
  }

  private void externallyAccessibleUrl(boolean requireToken) {
    Object value = config.getValue("externally_accessible_url");
    if (JsonValues.isBlank(value)) {
      if (requireToken) {
        problems.add("externally_accessible_url is missing: set it to the ws:// or wss:// URL "
            + "clients reach shardgate at, e.g. \"ws://localhost:7878\"");
      }
      return;
    }
    if (!hasSchemeAndHost(value, "ws", "wss")) {
      problems.add(label("externally_accessible_url") + " must be a ws:// or wss:// URL, e.g. "
          + "\"wss://gateway.example.com\" (got " + JsonValues.echo(value) + ")");
    }
  }

  private void apiBaseUrl() {
    Object value = config.getValue("api_base_url");
    if (value != null && !hasSchemeAndHost(value, "http", "https")) {
      problems.add(label("api_base_url") + " must be an http:// or https:// URL such as \""
          + ShardgateConfig.DEFAULT_API_BASE_URL + "\" (got " + JsonValues.echo(value) + ")");
    }
  }

  private static boolean hasSchemeAndHost(Object value, String... schemes) {
    if (!(value instanceof String text)) {
      return false;
    }
    try {
      URI uri = new URI(text.trim());
      return uri.getScheme() != null && uri.getHost() != null
          && Arrays.asList(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private void cache() {
    Object value = config.getValue("cache");
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonObject cache)) {
      problems.add(label("cache") + " must be an object of flags such as {\"members\": true} (got "
          + JsonValues.echo(value) + ")");
      return;
    }
    for (String flag : cache.fieldNames()) {
      if (CacheConfig.FLAG_NAMES.contains(flag)) {
        bool("cache." + flag, cache.getValue(flag));
      } else {
        warnings.add("unknown cache flag \"" + flag + "\" ignored; known flags: "
            + String.join(", ", CacheConfig.FLAG_NAMES));
      }
    }
  }

  /**
   * The key path, plus the environment variable that set it, if one did: the variable for the path
   * itself, else for the nearest enclosing object (SHARDGATE_CLUSTER='{...}').
   */
  private String label(String path) {
    String origin = origins.get(path);
    for (int dot = path.lastIndexOf('.'); origin == null && dot > 0;
        dot = path.lastIndexOf('.', dot - 1)) {
      origin = origins.get(path.substring(0, dot));
    }
    return origin == null ? path : path + " (from " + origin + ")";
  }
}
