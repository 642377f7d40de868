package io.shardgate.cache;

import io.shardgate.config.CacheConfig;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * One guild as a checkpoint stores it: {@code {"seq", "state", "id", "d"}}, where {@code seq} is the
 * upstream sequence the guild reflects, {@code state} is {@code available} (with its GUILD_CREATE as
 * {@code d}), {@code outage}, or {@code loading} (listed in READY, GUILD_CREATE not received yet).
 */
final class CheckpointEntry {

  private static final String AVAILABLE = "available";
  private static final String OUTAGE = "outage";
  private static final String LOADING = "loading";

  private CheckpointEntry() {
  }

  static String encode(GuildState guild, long seq) {
    String head = "{\"seq\":" + seq + ",\"id\":\"" + guild.id() + "\",\"state\":\"";
    if (!guild.available()) {
      return head + (guild.inOutage() ? OUTAGE : LOADING) + "\"}";
    }
    String guildCreate = GuildCreateWriter.write(guild, ShardCache.DEFAULT_LARGE_THRESHOLD)
        .toString(StandardCharsets.UTF_8);
    return head + AVAILABLE + "\",\"d\":" + guildCreate + "}";
  }

  /** The guild an entry describes, or null if the entry is not one of ours. */
  static GuildState decode(String entry, CacheConfig flags, long botUserId) {
    JsonObject json = new JsonObject(entry);
    long id = EntityJson.snowflake(json, "id");
    if (id == EntityJson.NO_ID) {
      return null;
    }
    GuildState guild = new GuildState(id);
    switch (json.getString("state", "")) {
      case AVAILABLE -> guild.load(json.getJsonObject("d"), flags, botUserId);
      case OUTAGE -> guild.markOutage();
      case LOADING -> { }
      default -> {
        return null;
      }
    }
    guild.appliedThrough(json.getLong("seq", 0L));
    return guild;
  }
}
