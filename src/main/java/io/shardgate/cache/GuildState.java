package io.shardgate.cache;

import io.shardgate.config.CacheConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the cache holds of one guild: its own fields (one compact JSON object), its member count, and
 * one {@link EntityTable} per {@link GuildCollection} the flags keep. An unavailable guild (outage, or
 * not yet received after READY) holds nothing but its id.
 */
final class GuildState {
  /** Keys of GUILD_CREATE that are not the guild's own fields: the arrays, and the live member count. */
  static final String[] NOT_OWN_FIELDS = notOwnFields();
  /** This object, its table array and the fields array's header, with compressed references. */
  private static final int FIXED_BYTES = 32 + 16 + GuildCollection.ALL.length * 4 + 16;

  private final long id;
  private final EntityTable[] tables = new EntityTable[GuildCollection.ALL.length];
  /** The guild's own fields as a JSON object; null while unavailable. */
  private byte[] fields;
  private int memberCount;
  private boolean outage;
  /**
   * The upstream {@code seq} this state already reflects when it came from a checkpoint written
   * ahead of the one being resumed from: replayed events up to it are not applied twice. 0 otherwise.
   */
  private long appliedThrough;

  GuildState(long id) {
    this.id = id;
  }

  long id() {
    return id;
  }

  boolean available() {
    return fields != null;
  }

  /**
   * Unavailable because Discord said so (GUILD_DELETE or GUILD_CREATE with unavailable:true), as
   * opposed to not loaded yet after READY.
   */
  boolean inOutage() {
    return outage;
  }

  void markOutage() {
    markUnavailable();
    outage = true;
  }

  /** Forgets everything but the id: the guild's next GUILD_CREATE brings it all again. */
  void markUnavailable() {
    fields = null;
    memberCount = 0;
    java.util.Arrays.fill(tables, null);
  }

  /** Replaces everything with a GUILD_CREATE's content, keeping only what {@code flags} keep. */
  void load(JsonObject guildCreate, CacheConfig flags, long botUserId) {
    markUnavailable();
    outage = false;
    fields = EntityJson.encodeWithout(guildCreate, NOT_OWN_FIELDS);
    memberCount = guildCreate.getValue("member_count") instanceof Number count ? count.intValue() : 0;
    for (GuildCollection collection : GuildCollection.ALL) {
      if (collection.keptWith(flags)) {
        tables[collection.ordinal()] = new EntityTable();
        replaceAll(collection, guildCreate.getValue(collection.key), flags, botUserId);
      }
    }
  }

  /**
   * Replaces a collection's items with those of {@code items} (a JSON array), as GUILD_EMOJIS_UPDATE
   * and friends require. Only the bot's member is kept when members are not cached but it is.
   */
  void replaceAll(GuildCollection collection, Object items, CacheConfig flags, long botUserId) {
    EntityTable table = table(collection);
    if (table == null || !(items instanceof JsonArray array)) {
      return;
    }
    table.clear();
    for (int i = 0; i < array.size(); i++) {
      if (array.getValue(i) instanceof JsonObject item) {
        long itemId = collection.idOf(item);
        if (itemId != EntityJson.NO_ID && keeps(collection, itemId, flags, botUserId)) {
          table.put(itemId, collection.encode(item, flags));
        }
      }
    }
  }

  /** Adds or replaces one item of a kept collection; ignored when the flags do not keep it. */
  void upsert(GuildCollection collection, Object item, CacheConfig flags, long botUserId) {
    EntityTable table = table(collection);
    if (table == null || !(item instanceof JsonObject object)) {
      return;
    }
    long itemId = collection.idOf(object);
    if (itemId != EntityJson.NO_ID && keeps(collection, itemId, flags, botUserId)) {
      table.put(itemId, collection.encode(object, flags));
    }
  }

  void remove(GuildCollection collection, long itemId) {
    EntityTable table = table(collection);
    if (table != null) {
      table.remove(itemId);
    }
  }

  /** Whether an item of a kept collection is kept: every one, except members under current_member. */
  static boolean keeps(GuildCollection collection, long itemId, CacheConfig flags, long botUserId) {
    return collection != GuildCollection.MEMBERS || flags.members() || itemId == botUserId;
  }

  /** The table of a collection the flags keep, or null. */
  EntityTable table(GuildCollection collection) {
    return tables[collection.ordinal()];
  }

  long appliedThrough() {
    return appliedThrough;
  }

  void appliedThrough(long seq) {
    this.appliedThrough = seq;
  }

  byte[] fields() {
    return fields;
  }

  void fields(byte[] fields) {
    this.fields = fields;
  }

  int memberCount() {
    return memberCount;
  }

  void memberCount(int memberCount) {
    this.memberCount = memberCount;
  }

  /** Retained bytes, estimated as {@link EntityTable#estimatedBytes()} explains. */
  long estimatedBytes() {
    long bytes = FIXED_BYTES + (fields == null ? 0 : fields.length);
    for (EntityTable table : tables) {
      if (table != null) {
        bytes += table.estimatedBytes();
      }
    }
    return bytes;
  }

  private static String[] notOwnFields() {
    String[] keys = new String[GuildCollection.ALL.length + 2];
    for (GuildCollection collection : GuildCollection.ALL) {
      keys[collection.ordinal()] = collection.key;
    }
    keys[GuildCollection.ALL.length] = "member_count";
    // "large" depends on the receiving session's large_threshold: written per client.
    keys[GuildCollection.ALL.length + 1] = "large";
    return keys;
  }
}
