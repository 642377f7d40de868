package io.shardgate.cache;

import io.shardgate.config.CacheConfig;
import io.vertx.core.json.JsonObject;

/**
 * The arrays of a GUILD_CREATE the cache keeps, each tied to the cache flag that keeps it (as
 * gateway-proxy ties them), with how its items are keyed and stored.
 *
 * <p>Items are stored in the shape GUILD_CREATE carries them: channels, threads, roles, members,
 * presences and voice states lose the {@code guild_id} their own events add (and THREAD_CREATE's
 * {@code newly_created}, VOICE_STATE_UPDATE's {@code member}); stickers, stage instances, scheduled
 * events and soundboard sounds keep theirs, as Discord sends them.
 */
enum GuildCollection {
  ROLES("roles"),
  EMOJIS("emojis"),
  STICKERS("stickers"),
  CHANNELS("channels"),
  /** Active threads only: GUILD_CREATE lists no archived thread. Kept by the channels flag. */
  THREADS("threads"),
  /** All members with the members flag; only the bot's own with current_member alone. */
  MEMBERS("members"),
  PRESENCES("presences"),
  VOICE_STATES("voice_states"),
  STAGE_INSTANCES("stage_instances"),
  SCHEDULED_EVENTS("guild_scheduled_events"),
  /** No gateway-proxy flag covers sounds; they are few (boosted guilds, a handful each): always kept. */
  SOUNDBOARD_SOUNDS("soundboard_sounds");

  static final GuildCollection[] ALL = values();

  private static final String GUILD_ID = "guild_id";

  /** The array's key in GUILD_CREATE. */
  final String key;

  GuildCollection(String key) {
    this.key = key;
  }

  boolean keptWith(CacheConfig flags) {
    return switch (this) {
      case ROLES -> flags.roles();
      case EMOJIS -> flags.emojis();
      case STICKERS -> flags.stickers();
      case CHANNELS, THREADS -> flags.channels();
      case MEMBERS -> flags.members() || flags.currentMember();
      case PRESENCES -> flags.presences();
      case VOICE_STATES -> flags.voiceStates();
      case STAGE_INSTANCES -> flags.stageInstances();
      case SCHEDULED_EVENTS -> flags.scheduledEvents();
      case SOUNDBOARD_SOUNDS -> true;
    };
  }

  /** The snowflake an item is keyed by, or {@link EntityJson#NO_ID}. */
  long idOf(JsonObject item) {
    return switch (this) {
      case MEMBERS, PRESENCES -> EntityJson.userId(item);
      case VOICE_STATES -> EntityJson.snowflake(item, "user_id");
      case SOUNDBOARD_SOUNDS -> EntityJson.snowflake(item, "sound_id");
      default -> EntityJson.snowflake(item, "id");
    };
  }

  /** The item as stored: GUILD_CREATE's shape, compact JSON. */
  byte[] encode(JsonObject item, CacheConfig flags) {
    return switch (this) {
      case CHANNELS, ROLES, MEMBERS -> EntityJson.encodeWithout(item, GUILD_ID);
      case THREADS -> EntityJson.encodeWithout(item, GUILD_ID, "newly_created");
      case VOICE_STATES -> EntityJson.encodeWithout(item, GUILD_ID, "member");
      case PRESENCES -> presence(item);
      // The users flag keeps the creator of emojis and stickers (gateway-proxy fills them from its
      // user cache); members always carry their user, which Discord's member shape requires.
      case EMOJIS, STICKERS -> flags.users() ? EntityJson.encodeWithout(item)
          : EntityJson.encodeWithout(item, "user");
      case STAGE_INSTANCES, SCHEDULED_EVENTS, SOUNDBOARD_SOUNDS -> EntityJson.encodeWithout(item);
    };
  }

  /** GUILD_CREATE's presences name their user by id only; PRESENCE_UPDATE may carry more of it. */
  private static byte[] presence(JsonObject item) {
    JsonObject copy = EntityJson.shallowCopyWithout(item, GUILD_ID);
    if (copy.getValue("user") instanceof JsonObject user && user.size() != 1) {
      copy.put("user", new JsonObject().put("id", user.getValue("id")));
    }
    return copy.toBuffer().getBytes();
  }
}
