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

  /** The entry's JSON; {@link CacheChanges#deflated()} compresses it, off the event loop. */
  static byte[] encode(GuildState guild, long seq) {
    String head = "{\"seq\":" + seq + ",\"id\":\"" + guild.id() + "\",\"state\":\"";
    String json;
    if (!guild.available()) {
      json = head + (guild.inOutage() ? OUTAGE : LOADING) + "\"}";
    } else {
      String guildCreate = GuildCreateWriter.write(guild, ShardCache.DEFAULT_LARGE_THRESHOLD)
          .toString(StandardCharsets.UTF_8);
      json = head + AVAILABLE + "\",\"d\":" + guildCreate + "}";
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** The guild a deflated entry describes, or null if the entry is not one of ours. */
  static GuildState decode(byte[] entry, CacheConfig flags, long botUserId) {
    JsonObject json = new JsonObject(io.vertx.core.buffer.Buffer.buffer(EntryCompression.inflate(entry)));
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
