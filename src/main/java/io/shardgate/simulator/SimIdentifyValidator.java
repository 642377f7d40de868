package io.shardgate.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Checks an IDENTIFY in the order Discord does (token, shard, intents, sharding required, then the
 * optional fields) and says which close code a failure earns.
 */
final class SimIdentifyValidator {
  /** Every intent bit Discord defines today (0-16, 20, 21, 24, 25); any other bit earns 4013. */
  static final long KNOWN_INTENTS = 0x1FFFFL | 1L << 20 | 1L << 21 | 1L << 24 | 1L << 25;
  static final int MAX_GUILDS_PER_SHARD = 2500;
  static final int DEFAULT_LARGE_THRESHOLD = 50;
  static final int MIN_LARGE_THRESHOLD = 50;
  static final int MAX_LARGE_THRESHOLD = 250;
  static final Set<String> STATUSES = Set.of("online", "dnd", "idle", "invisible", "offline");

  record Identify(int shard, int shardCount, long intents, boolean payloadCompression, int largeThreshold) {
  }

  /** Either an accepted identify or the close code (and reason) to answer it with. */
  record Result(Identify identify, int closeCode, String reason) {
    static Result ok(Identify identify) {
      return new Result(identify, 0, null);
    }

    static Result fail(int closeCode, String reason) {
      return new Result(null, closeCode, reason);
    }

    boolean ok() {
      return identify != null;
    }
  }

  private final SimulatorOptions options;
  private final SimWorld world;

  SimIdentifyValidator(SimulatorOptions options, SimWorld world) {
    this.options = options;
    this.world = world;
  }

  Result validate(JsonObject d, boolean transportCompressed) {
    if (!SimTokens.matches(stringOrNull(d.getValue("token")), options.token())) {
      return Result.fail(SimCloseCodes.AUTHENTICATION_FAILED, "Authentication failed.");
    }
    Object shardValue = d.getValue("shard");
    if (shardValue == null && options.shards() > 1) {
      // No shard means [0, 1]; this world is partitioned for options.shards, so one shard cannot hold it.
      return Result.fail(SimCloseCodes.SHARDING_REQUIRED, "Sharding required.");
    }
    int[] shard = shardValue == null ? new int[] {0, 1} : parseShard(shardValue);
    // The simulator only models the recommended shard count (the one GET /gateway/bot returns).
    if (shard == null || shard[1] != options.shards() || shard[0] < 0 || shard[0] >= shard[1]) {
      return Result.fail(SimCloseCodes.INVALID_SHARD, "Invalid shard.");
    }
    Object intentsValue = d.getValue("intents");
    if (!(intentsValue instanceof Integer || intentsValue instanceof Long)
        || ((Number) intentsValue).longValue() < 0 || (((Number) intentsValue).longValue() & ~KNOWN_INTENTS) != 0) {
      return Result.fail(SimCloseCodes.INVALID_INTENTS, "Invalid intent(s).");
    }
    long intents = ((Number) intentsValue).longValue();
    if ((intents & options.disallowedIntents()) != 0) {
      return Result.fail(SimCloseCodes.DISALLOWED_INTENTS, "Disallowed intent(s).");
    }
    if (world.guildIds(shard[0]).size() > MAX_GUILDS_PER_SHARD) {
      return Result.fail(SimCloseCodes.SHARDING_REQUIRED, "Sharding required.");
    }
    if (d.containsKey("presence") && !validPresence(d.getValue("presence"))) {
      return Result.fail(SimCloseCodes.DECODE_ERROR, "Invalid presence.");
    }
    boolean payloadCompression = Boolean.TRUE.equals(d.getValue("compress"));
    if (payloadCompression && transportCompressed) {
      // Discord documents the two as exclusive; the simulator refuses the combination outright.
      return Result.fail(SimCloseCodes.DECODE_ERROR, "compress:true cannot be combined with transport compression.");
    }
    return Result.ok(new Identify(shard[0], shard[1], intents, payloadCompression, largeThreshold(d)));
  }

  /** op 3 and IDENTIFY's presence: {since, activities, status, afk}. */
  static boolean validPresence(Object value) {
    if (!(value instanceof JsonObject presence)) {
      return false;
    }
    Object status = presence.getValue("status");
    Object activities = presence.getValue("activities");
    Object since = presence.getValue("since");
    Object afk = presence.getValue("afk");
    return status instanceof String text && STATUSES.contains(text)
        && (activities == null || activities instanceof JsonArray)
        && (since == null || since instanceof Number)
        && (afk == null || afk instanceof Boolean);
  }

  private static int[] parseShard(Object value) {
    if (!(value instanceof JsonArray array) || array.size() != 2
        || !(array.getValue(0) instanceof Integer) || !(array.getValue(1) instanceof Integer)) {
      return null;
    }
    return new int[] {array.getInteger(0), array.getInteger(1)};
  }

  /** Honoured loosely, as Discord does: clamped to 50..250, defaulting to 50. */
  private static int largeThreshold(JsonObject d) {
    Object value = d.getValue("large_threshold");
    if (!(value instanceof Integer threshold)) {
      return DEFAULT_LARGE_THRESHOLD;
    }
    return Math.max(MIN_LARGE_THRESHOLD, Math.min(MAX_LARGE_THRESHOLD, threshold));
  }

  private static String stringOrNull(Object value) {
    return value instanceof String text ? text : null;
  }
}
