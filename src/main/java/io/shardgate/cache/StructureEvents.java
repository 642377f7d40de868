package io.shardgate.cache;

import static io.shardgate.cache.GuildCollection.*;

import io.shardgate.config.CacheConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;

/**
 * Folds the dispatches about a guild's structure into its {@link GuildState}: the guild itself,
 * channels and threads, roles, emojis, stickers, stage instances, scheduled events and sounds.
 * Each method ignores what the flags do not keep (the state has no table for it).
 */
final class StructureEvents {
  private static final Set<Integer> THREAD_TYPES = Set.of(10, 11, 12);

  private final CacheConfig flags;

  StructureEvents(CacheConfig flags) {
    this.flags = flags;
  }

  /** Handles {@code eventType} if it is one of these; false when it is not. */
  boolean apply(GuildState guild, String eventType, JsonObject d) {
    switch (eventType) {
      case "GUILD_UPDATE" -> guildUpdate(guild, d);
      case "CHANNEL_CREATE", "CHANNEL_UPDATE" -> {
        if (isThread(d)) {
          threadUpsert(guild, d);
        } else {
          guild.upsert(CHANNELS, d, flags, 0);
        }
      }
      case "CHANNEL_DELETE" -> channelDelete(guild, EntityJson.snowflake(d, "id"));
      case "CHANNEL_PINS_UPDATE" -> pinsUpdate(guild, d);
      case "THREAD_CREATE", "THREAD_UPDATE" -> threadUpsert(guild, d);
      case "THREAD_DELETE" -> guild.remove(THREADS, EntityJson.snowflake(d, "id"));
      case "THREAD_LIST_SYNC" -> threadListSync(guild, d);
      case "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE" -> guild.upsert(ROLES, d.getValue("role"), flags, 0);
      case "GUILD_EMOJIS_UPDATE" -> guild.replaceAll(EMOJIS, d.getValue("emojis"), flags, 0);
      case "GUILD_STICKERS_UPDATE" -> guild.replaceAll(STICKERS, d.getValue("stickers"), flags, 0);
      case "STAGE_INSTANCE_CREATE", "STAGE_INSTANCE_UPDATE" -> guild.upsert(STAGE_INSTANCES, d, flags, 0);
      case "STAGE_INSTANCE_DELETE" -> guild.remove(STAGE_INSTANCES, EntityJson.snowflake(d, "id"));
      case "GUILD_SCHEDULED_EVENT_CREATE", "GUILD_SCHEDULED_EVENT_UPDATE" ->
          guild.upsert(SCHEDULED_EVENTS, d, flags, 0);
      case "GUILD_SCHEDULED_EVENT_DELETE" -> guild.remove(SCHEDULED_EVENTS, EntityJson.snowflake(d, "id"));
      case "GUILD_SOUNDBOARD_SOUND_CREATE", "GUILD_SOUNDBOARD_SOUND_UPDATE" ->
          guild.upsert(SOUNDBOARD_SOUNDS, d, flags, 0);
      case "GUILD_SOUNDBOARD_SOUND_DELETE" -> guild.remove(SOUNDBOARD_SOUNDS, EntityJson.snowflake(d, "sound_id"));
      case "GUILD_SOUNDBOARD_SOUNDS_UPDATE" ->
          guild.replaceAll(SOUNDBOARD_SOUNDS, d.getValue("soundboard_sounds"), flags, 0);
      default -> {
        return false;
      }
    }
    return true;
  }

  /** GUILD_UPDATE carries every guild field but the GUILD_CREATE extras, and full role/emoji/sticker lists. */
  private void guildUpdate(GuildState guild, JsonObject d) {
    JsonObject fields = EntityJson.decode(guild.fields());
    EntityJson.shallowCopyWithout(d, GuildState.NOT_OWN_FIELDS).forEach(e -> fields.put(e.getKey(), e.getValue()));
    guild.fields(fields.toBuffer().getBytes());
    for (GuildCollection collection : new GuildCollection[] {ROLES, EMOJIS, STICKERS}) {
      if (d.containsKey(collection.key)) {
        guild.replaceAll(collection, d.getValue(collection.key), flags, 0);
      }
    }
  }

  /** GUILD_CREATE lists active threads only: an archived one leaves the list. */
  private void threadUpsert(GuildState guild, JsonObject thread) {
    if (thread.getValue("thread_metadata") instanceof JsonObject metadata
        && Boolean.TRUE.equals(metadata.getValue("archived"))) {
      guild.remove(THREADS, EntityJson.snowflake(thread, "id"));
    } else {
      guild.upsert(THREADS, thread, flags, 0);
    }
  }

  /** Discord deletes a channel's threads with it. */
  private void channelDelete(GuildState guild, long channelId) {
    guild.remove(CHANNELS, channelId);
    removeThreadsOf(guild, Set.of(channelId));
  }

  private void pinsUpdate(GuildState guild, JsonObject d) {
    long channelId = EntityJson.snowflake(d, "channel_id");
    for (GuildCollection collection : new GuildCollection[] {CHANNELS, THREADS}) {
      EntityTable table = guild.table(collection);
      byte[] stored = table == null ? null : table.get(channelId);
      if (stored != null) {
        JsonObject channel = EntityJson.decode(stored).put("last_pin_timestamp", d.getValue("last_pin_timestamp"));
        table.put(channelId, channel.toBuffer().getBytes());
      }
    }
  }

  /**
   * Sent when the bot gains access to channels: the active threads of {@code channel_ids} (or of the
   * whole guild when absent) are exactly {@code threads}.
   */
  private void threadListSync(GuildState guild, JsonObject d) {
    EntityTable threads = guild.table(THREADS);
    if (threads == null) {
      return;
    }
    if (d.getValue("channel_ids") instanceof JsonArray channelIds) {
      Set<Long> parents = new HashSet<>();
      channelIds.forEach(id -> parents.add(EntityJson.snowflake(id)));
      removeThreadsOf(guild, parents);
    } else {
      threads.clear();
    }
    if (d.getValue("threads") instanceof JsonArray synced) {
      synced.forEach(thread -> {
        if (thread instanceof JsonObject object) {
          threadUpsert(guild, object);
        }
      });
    }
  }

  private static void removeThreadsOf(GuildState guild, Set<Long> parentIds) {
    EntityTable threads = guild.table(THREADS);
    if (threads == null || threads.size() == 0) {
      return;
    }
    Set<Long> doomed = new HashSet<>();
    threads.forEachWithId((id, bytes) -> {
      if (parentIds.contains(EntityJson.snowflake(EntityJson.decode(bytes), "parent_id"))) {
        doomed.add(id);
      }
    });
    doomed.forEach(threads::remove);
  }

  private static boolean isThread(JsonObject channel) {
    return channel.getValue("type") instanceof Number type && THREAD_TYPES.contains(type.intValue());
  }
}
