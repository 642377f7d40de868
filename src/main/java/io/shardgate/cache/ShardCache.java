package io.shardgate.cache;

import io.shardgate.config.CacheConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One shard's guild cache: what is needed to answer a client's IDENTIFY with a READY and one
 * GUILD_CREATE per guild, as gateway-proxy does, built from the enabled {@link CacheConfig} flags.
 *
 * <p>Every entity is kept as its compact JSON bytes (see {@link EntityTable}), never as a tree of
 * JSON objects: a GUILD_CREATE is then mostly a concatenation of stored bytes, and a bot in 100k
 * guilds does not pay for millions of small maps.
 *
 * <p>Not thread-safe: used only on the shard's event loop. The relay asks {@link #wants} for every
 * dispatch type and parses (then {@link #apply}s) only those it wants. A malformed payload is
 * counted ({@link #malformedEvents}) and otherwise ignored: bad input never stops the shard.
 */
public final class ShardCache {

  /** Discord's default IDENTIFY {@code large_threshold}. */
  public static final int DEFAULT_LARGE_THRESHOLD = 50;

  private final CacheConfig flags;
  private final CachedEventTypes wanted;
  private final StructureEvents structureEvents;
  private final PeopleEvents peopleEvents;
  /** Every guild of the shard, available or not, in READY order then join order. */
  private final Map<Long, GuildState> guilds = new LinkedHashMap<>();
  private long botUserId = EntityJson.NO_ID;
  private JsonObject currentUser;
  private long malformedEvents;
  /** Guilds changed since the last checkpoint (or all of them, after a READY). */
  private final java.util.Set<Long> dirty = new java.util.HashSet<>();
  private boolean rewriteAll;
  /** Upstream seq of the dispatch being applied; 0 when not known. */
  private long applyingSeq;

  public ShardCache(CacheConfig flags) {
    this.flags = flags;
    this.wanted = new CachedEventTypes(flags);
    this.structureEvents = new StructureEvents(flags);
    this.peopleEvents = new PeopleEvents(flags);
  }

  /** Upstream READY {@code d}: forgets everything, then records the guilds (unavailable) and the bot. */
  public void onReady(JsonObject readyData) {
    guilds.clear();
    dirty.clear();
    rewriteAll = true;
    currentUser = readyData.getValue("user") instanceof JsonObject user ? user.copy() : null;
    botUserId = EntityJson.snowflake(currentUser, "id");
    if (readyData.getValue("guilds") instanceof JsonArray readyGuilds) {
      for (Object guild : readyGuilds) {
        long id = guild instanceof JsonObject object ? EntityJson.snowflake(object, "id") : EntityJson.NO_ID;
        if (id != EntityJson.NO_ID) {
          guilds.put(id, new GuildState(id));
        }
      }
    }
  }

  /** Whether a dispatch of this type changes anything the enabled flags keep. */
  public boolean wants(String eventType) {
    return wanted.contains(eventType);
  }

  /**
   * Applies the dispatch with upstream sequence {@code seq}; a guild restored from a checkpoint
   * written after {@code seq} already reflects it and is left alone.
   */
  public void apply(String eventType, JsonObject data, long seq) {
    applyingSeq = seq;
    try {
      apply(eventType, data);
    } finally {
      applyingSeq = 0;
    }
  }

  /** Applies one dispatch; call it only for types {@link #wants} accepts. */
  public void apply(String eventType, JsonObject data) {
    try {
      switch (eventType) {
        case "GUILD_CREATE" -> guildCreate(data);
        case "GUILD_DELETE" -> guildDelete(data);
        case "USER_UPDATE" -> currentUser = data.copy();
        default -> guildEvent(eventType, data);
      }
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      // A payload not in Discord's shape (io.vertx DecodeException is an IllegalArgumentException too).
      malformedEvents++;
    }
  }

  /** Every guild of the shard the bot is in, available or not, in a stable order. */
  public List<String> guildIds() {
    List<String> ids = new ArrayList<>(guilds.size());
    guilds.keySet().forEach(id -> ids.add(Long.toString(id)));
    return ids;
  }

  /**
   * Listed in READY but its GUILD_CREATE has not come yet: a client gets it relayed live, as from
   * Discord, rather than a GUILD_DELETE that would report an outage.
   */
  public boolean isLoading(String guildId) {
    GuildState guild = guilds.get(EntityJson.snowflake(guildId));
    return guild != null && !guild.available() && !guild.inOutage();
  }

  public boolean isAvailable(String guildId) {
    GuildState guild = guilds.get(EntityJson.snowflake(guildId));
    return guild != null && guild.available();
  }

  /** READY's {@code guilds} for a client: every guild as {@code {id, unavailable:true}}, as Discord sends. */
  public JsonArray readyGuilds() {
    JsonArray array = new JsonArray();
    guilds.keySet().forEach(id -> array.add(new JsonObject().put("id", Long.toString(id)).put("unavailable", true)));
    return array;
  }

  /**
   * The GUILD_CREATE {@code d} of an available guild, as JSON bytes; for a guild in an outage, the
   * {@code {id, unavailable:true}} a client gets as GUILD_DELETE instead (check {@link #isAvailable}).
   *
   * @throws IllegalArgumentException if the bot is in no such guild on this shard
   */
  public Buffer guildCreate(String guildId) {
    return guildCreate(guildId, DEFAULT_LARGE_THRESHOLD);
  }

  /**
   * As {@link #guildCreate(String)} for a session that identified with {@code large_threshold}:
   * {@code large} is {@code member_count > largeThreshold}, as Discord computes it per session.
   */
  public Buffer guildCreate(String guildId, int largeThreshold) {
    GuildState guild = guilds.get(EntityJson.snowflake(guildId));
    if (guild == null) {
      throw new IllegalArgumentException("shard cache holds no guild " + guildId);
    }
    return guild.available() ? GuildCreateWriter.write(guild, largeThreshold) : GuildCreateWriter.unavailable(guild.id());
  }

  /** Guilds to write with a checkpoint (see {@link #takeDirty}). */
  public record DirtyGuilds(boolean rewriteAll, List<Long> ids) {
  }

  /**
   * The guilds changed since the last call, and whether every other stored entry is stale (after a
   * READY every guild is listed). Their entries are then encoded with {@link #checkpointEntry}, in
   * slices if there are many; a guild that changes again meanwhile is listed by the next call.
   */
  public DirtyGuilds takeDirty() {
    List<Long> ids = new ArrayList<>(rewriteAll ? guilds.keySet() : dirty);
    DirtyGuilds taken = new DirtyGuilds(rewriteAll, ids);
    rewriteAll = false;
    dirty.clear();
    return taken;
  }

  /**
   * A guild's checkpoint entry as of upstream {@code seq}, the sequence of the last dispatch applied
   * (see {@link CheckpointEntry}); null if the bot is no longer in it.
   */
  public byte[] checkpointEntry(long guildId, long seq) {
    GuildState guild = guilds.get(guildId);
    return guild == null ? null : CheckpointEntry.encode(guild, seq);
  }

  /** {@link #takeDirty} with every entry encoded at once, as of {@code seq}. */
  public CacheChanges drainChanges(long seq) {
    DirtyGuilds taken = takeDirty();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (long id : taken.ids()) {
      entries.put(Long.toString(id), checkpointEntry(id, seq));
    }
    return new CacheChanges(taken.rewriteAll(), entries);
  }

  /** A checkpoint was not written: what it carried is written with the next one. */
  public void changesNotWritten(CacheChanges changes) {
    if (changes.rewriteAll()) {
      rewriteAll = true;
    }
    changes.entries().keySet().forEach(id -> dirty.add(EntityJson.snowflake(id)));
  }

  /**
   * Rebuilds the cache from a checkpoint: the READY it started from and one {@link CheckpointEntry}
   * per guild, which together reflect every event up to {@code reflectsSeq} (some guilds later ones:
   * a round cut short). Replayed events a guild already reflects are skipped.
   */
  public void restore(JsonObject readyData, Map<String, byte[]> entries, long reflectsSeq) {
    onReady(readyData);
    guilds.clear();
    rewriteAll = false;
    entries.forEach((id, entry) -> {
      GuildState guild = CheckpointEntry.decode(entry, flags, botUserId);
      if (guild != null) {
        guild.appliedThrough(Math.max(guild.appliedThrough(), reflectsSeq));
        guilds.put(guild.id(), guild);
      }
    });
  }

  /**
   * Counts for /metrics (gateway-proxy's gateway_cache_* gauges). Walks every guild: call it on a
   * timer, not per event.
   */
  public io.shardgate.metrics.CacheStats stats() {
    long unavailable = 0;
    long[] counts = new long[GuildCollection.ALL.length];
    java.util.Set<Long> users = new java.util.HashSet<>();
    for (GuildState guild : guilds.values()) {
      if (!guild.available()) {
        unavailable++;
        continue;
      }
      for (GuildCollection collection : GuildCollection.ALL) {
        EntityTable table = guild.table(collection);
        if (table != null) {
          counts[collection.ordinal()] += table.size();
          if (collection == GuildCollection.MEMBERS) {
            users.addAll(table.ids());
          }
        }
      }
    }
    return new io.shardgate.metrics.CacheStats(guilds.size(), unavailable,
        counts[GuildCollection.CHANNELS.ordinal()] + counts[GuildCollection.THREADS.ordinal()],
        counts[GuildCollection.ROLES.ordinal()], counts[GuildCollection.MEMBERS.ordinal()],
        counts[GuildCollection.PRESENCES.ordinal()], users.size(), counts[GuildCollection.EMOJIS.ordinal()],
        counts[GuildCollection.VOICE_STATES.ordinal()], estimatedBytes());
  }

  public int guildCount() {
    return guilds.size();
  }

  /** The bot's user as READY (then USER_UPDATE) gave it, or null before READY. */
  public JsonObject currentUser() {
    return currentUser == null ? null : currentUser.copy();
  }

  /** Dispatches ignored because their payload was not in Discord's shape. */
  public long malformedEvents() {
    return malformedEvents;
  }

  /**
   * Retained bytes, estimated: each guild's stored JSON plus the arrays and indexes holding it, for a
   * 64-bit JVM with compressed references (see {@link EntityTable#estimatedBytes()}), plus the map
   * entry, boxed key and state object per guild. Excludes the JSON of the current user (one per shard).
   */
  public long estimatedBytes() {
    final long perGuildMapEntry = 32 + 16 + 8; // LinkedHashMap entry, boxed Long, table slot
    long bytes = 0;
    for (GuildState guild : guilds.values()) {
      bytes += perGuildMapEntry + guild.estimatedBytes();
    }
    return bytes;
  }

  private void guildCreate(JsonObject data) {
    long id = EntityJson.snowflake(data, "id");
    if (id == EntityJson.NO_ID) {
      throw new IllegalArgumentException("GUILD_CREATE without id");
    }
    GuildState guild = guilds.computeIfAbsent(id, GuildState::new);
    if (alreadyApplied(guild)) {
      return;
    }
    dirty.add(id);
    if (Boolean.TRUE.equals(data.getValue("unavailable"))) {
      guild.markOutage();
    } else {
      guild.load(data, flags, botUserId);
    }
  }

  /** {@code unavailable:true} is an outage: the guild stays, without data. Otherwise the bot left. */
  private void guildDelete(JsonObject data) {
    long id = EntityJson.snowflake(data, "id");
    if (alreadyApplied(guilds.get(id))) {
      return;
    }
    dirty.add(id);
    if (Boolean.TRUE.equals(data.getValue("unavailable"))) {
      GuildState guild = guilds.get(id);
      if (guild != null) {
        guild.markOutage();
      }
    } else {
      guilds.remove(id);
    }
  }

  /** Events of guilds not on this shard, or unavailable, change nothing: their GUILD_CREATE will. */
  private void guildEvent(String eventType, JsonObject data) {
    Object guildId = "GUILD_UPDATE".equals(eventType) ? data.getValue("id") : data.getValue("guild_id");
    GuildState guild = guilds.get(EntityJson.snowflake(guildId));
    if (guild == null || !guild.available() || alreadyApplied(guild)) {
      return;
    }
    dirty.add(guild.id());
    if (!structureEvents.apply(guild, eventType, data)) {
      peopleEvents.apply(guild, eventType, data, botUserId);
    }
  }

  private boolean alreadyApplied(GuildState guild) {
    return guild != null && applyingSeq > 0 && guild.appliedThrough() >= applyingSeq;
  }
}
