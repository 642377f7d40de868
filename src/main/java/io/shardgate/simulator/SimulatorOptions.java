package io.shardgate.simulator;

import io.vertx.core.json.JsonObject;

/**
 * Settings of one {@link DiscordSimulator}. Mutable like Vert.x options classes: fluent setters,
 * {@code DEFAULT_*} constants, a {@link JsonObject} constructor and {@link #toJson()} (which never
 * contains the token).
 */
public final class SimulatorOptions {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 0;
  public static final int DEFAULT_SHARDS = 1;
  public static final int DEFAULT_GUILDS = 3;
  public static final double DEFAULT_RATE = 0;
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_MAX_CONCURRENCY = 1;
  public static final int DEFAULT_SESSION_START_TOTAL = 1000;
  public static final long DEFAULT_HEARTBEAT_INTERVAL_MS = 41_250;
  public static final long DEFAULT_IDENTIFY_WINDOW_MS = 5_000;
  public static final long DEFAULT_SESSION_RESUME_TIMEOUT_MS = 120_000;
  public static final int DEFAULT_REPLAY_LOG_SIZE = 50_000;
  public static final boolean DEFAULT_TAG_EVENTS = false;
  public static final long DEFAULT_DISALLOWED_INTENTS = 0;

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private int shards = DEFAULT_SHARDS;
  private int guilds = DEFAULT_GUILDS;
  private double rate = DEFAULT_RATE;
  private String token;
  private long seed = DEFAULT_SEED;
  private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
  private int sessionStartTotal = DEFAULT_SESSION_START_TOTAL;
  /** -1 = as many as {@link #sessionStartTotal}. */
  private int sessionStartRemaining = -1;
  private long heartbeatIntervalMs = DEFAULT_HEARTBEAT_INTERVAL_MS;
  private long identifyWindowMs = DEFAULT_IDENTIFY_WINDOW_MS;
  private long sessionResumeTimeoutMs = DEFAULT_SESSION_RESUME_TIMEOUT_MS;
  private int replayLogSize = DEFAULT_REPLAY_LOG_SIZE;
  private boolean tagEvents = DEFAULT_TAG_EVENTS;
  private long disallowedIntents = DEFAULT_DISALLOWED_INTENTS;

  public SimulatorOptions() {
  }

  public SimulatorOptions(JsonObject json) {
    host = json.getString("host", DEFAULT_HOST);
    port = json.getInteger("port", DEFAULT_PORT);
    shards = json.getInteger("shards", DEFAULT_SHARDS);
    guilds = json.getInteger("guilds", DEFAULT_GUILDS);
    rate = json.getDouble("rate", DEFAULT_RATE);
    token = json.getString("token");
    seed = json.getLong("seed", DEFAULT_SEED);
    maxConcurrency = json.getInteger("max_concurrency", DEFAULT_MAX_CONCURRENCY);
    sessionStartTotal = json.getInteger("session_start_total", DEFAULT_SESSION_START_TOTAL);
    sessionStartRemaining = json.getInteger("session_start_remaining", -1);
    heartbeatIntervalMs = json.getLong("heartbeat_interval_ms", DEFAULT_HEARTBEAT_INTERVAL_MS);
    identifyWindowMs = json.getLong("identify_window_ms", DEFAULT_IDENTIFY_WINDOW_MS);
    sessionResumeTimeoutMs = json.getLong("session_resume_timeout_ms", DEFAULT_SESSION_RESUME_TIMEOUT_MS);
    replayLogSize = json.getInteger("replay_log_size", DEFAULT_REPLAY_LOG_SIZE);
    tagEvents = json.getBoolean("tag_events", DEFAULT_TAG_EVENTS);
    disallowedIntents = json.getLong("disallowed_intents", DEFAULT_DISALLOWED_INTENTS);
  }

  /** Everything but the token. */
  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("shards", shards).put("guilds", guilds)
        .put("rate", rate).put("seed", seed).put("max_concurrency", maxConcurrency)
        .put("session_start_total", sessionStartTotal).put("session_start_remaining", sessionStartRemaining())
        .put("heartbeat_interval_ms", heartbeatIntervalMs).put("identify_window_ms", identifyWindowMs)
        .put("session_resume_timeout_ms", sessionResumeTimeoutMs).put("replay_log_size", replayLogSize)
        .put("tag_events", tagEvents).put("disallowed_intents", disallowedIntents);
  }

  /** Fails with one line that says what to fix. */
  public SimulatorOptions validate() {
    require(token != null && !token.isBlank(), "token must be set (the bot token clients must present)");
    require(shards >= 1, "shards (" + shards + ") must be at least 1");
    require(guilds >= 0, "guilds (" + guilds + ") must not be negative");
    require(rate >= 0, "rate (" + rate + ") must not be negative");
    require(port >= 0 && port <= 65_535, "port (" + port + ") must be between 0 and 65535");
    require(maxConcurrency >= 1, "max_concurrency (" + maxConcurrency + ") must be at least 1");
    require(sessionStartRemaining() >= 0 && sessionStartRemaining() <= sessionStartTotal,
        "session_start_remaining (" + sessionStartRemaining() + ") must be between 0 and session_start_total ("
            + sessionStartTotal + ")");
    require(heartbeatIntervalMs >= 1, "heartbeat_interval_ms (" + heartbeatIntervalMs + ") must be positive");
    require(identifyWindowMs >= 0, "identify_window_ms (" + identifyWindowMs + ") must not be negative");
    require(sessionResumeTimeoutMs >= 1, "session_resume_timeout_ms must be positive");
    require(replayLogSize >= 1, "replay_log_size (" + replayLogSize + ") must be at least 1");
    return this;
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  public String host() { return host; }
  public SimulatorOptions host(String host) { this.host = host; return this; }
  public int port() { return port; }
  public SimulatorOptions port(int port) { this.port = port; return this; }
  public int shards() { return shards; }
  public SimulatorOptions shards(int shards) { this.shards = shards; return this; }
  public int guilds() { return guilds; }
  public SimulatorOptions guilds(int guilds) { this.guilds = guilds; return this; }
  public double rate() { return rate; }
  public SimulatorOptions rate(double rate) { this.rate = rate; return this; }
  public String token() { return token; }
  public SimulatorOptions token(String token) { this.token = token; return this; }
  public long seed() { return seed; }
  public SimulatorOptions seed(long seed) { this.seed = seed; return this; }
  public int maxConcurrency() { return maxConcurrency; }
  public SimulatorOptions maxConcurrency(int maxConcurrency) { this.maxConcurrency = maxConcurrency; return this; }
  public int sessionStartTotal() { return sessionStartTotal; }
  public SimulatorOptions sessionStartTotal(int total) { this.sessionStartTotal = total; return this; }
  public int sessionStartRemaining() { return sessionStartRemaining < 0 ? sessionStartTotal : sessionStartRemaining; }
  public SimulatorOptions sessionStartRemaining(int remaining) { this.sessionStartRemaining = remaining; return this; }
  public long heartbeatIntervalMs() { return heartbeatIntervalMs; }
  public SimulatorOptions heartbeatIntervalMs(long ms) { this.heartbeatIntervalMs = ms; return this; }
  public long identifyWindowMs() { return identifyWindowMs; }
  public SimulatorOptions identifyWindowMs(long ms) { this.identifyWindowMs = ms; return this; }
  public long sessionResumeTimeoutMs() { return sessionResumeTimeoutMs; }
  public SimulatorOptions sessionResumeTimeoutMs(long ms) { this.sessionResumeTimeoutMs = ms; return this; }
  public int replayLogSize() { return replayLogSize; }
  public SimulatorOptions replayLogSize(int size) { this.replayLogSize = size; return this; }
  public boolean tagEvents() { return tagEvents; }
  public SimulatorOptions tagEvents(boolean tagEvents) { this.tagEvents = tagEvents; return this; }
  public long disallowedIntents() { return disallowedIntents; }
  public SimulatorOptions disallowedIntents(long intents) { this.disallowedIntents = intents; return this; }
}
