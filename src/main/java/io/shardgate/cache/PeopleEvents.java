package io.shardgate.cache;

import static io.shardgate.cache.GuildCollection.*;

import io.shardgate.config.CacheConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Folds the dispatches about a guild's people into its {@link GuildState}: members and the member
 * count, presences, voice states, and roles leaving members when deleted.
 */
final class PeopleEvents {
  private static final String OFFLINE = "offline";

  private final CacheConfig flags;

  PeopleEvents(CacheConfig flags) {
    this.flags = flags;
  }

  /** Handles {@code eventType} if it is one of these; false when it is not. */
  boolean apply(GuildState guild, String eventType, JsonObject d, long botUserId) {
    switch (eventType) {
      case "GUILD_MEMBER_ADD" -> {
        guild.memberCount(guild.memberCount() + 1);
        guild.upsert(MEMBERS, d, flags, botUserId);
      }
      case "GUILD_MEMBER_UPDATE" -> memberUpdate(guild, d);
      case "GUILD_MEMBER_REMOVE" -> {
        guild.memberCount(Math.max(0, guild.memberCount() - 1));
        long userId = EntityJson.userId(d);
        guild.remove(MEMBERS, userId);
        guild.remove(PRESENCES, userId);
      }
      case "GUILD_MEMBERS_CHUNK" -> membersChunk(guild, d, botUserId);
      case "PRESENCE_UPDATE" -> presence(guild, d);
      case "VOICE_STATE_UPDATE" -> voiceState(guild, d, botUserId);
      case "GUILD_ROLE_DELETE" -> roleDelete(guild, EntityJson.snowflake(d, "role_id"));
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The update carries the member's current fields: merge them over the cached member, if cached. */
  private void memberUpdate(GuildState guild, JsonObject d) {
    EntityTable members = guild.table(MEMBERS);
    long userId = EntityJson.userId(d);
    byte[] stored = members == null ? null : members.get(userId);
    if (stored == null) {
      return; // not cached (or not kept): an update alone is no reason to start caching a member
    }
    JsonObject member = EntityJson.decode(stored);
    EntityJson.shallowCopyWithout(d, "guild_id").forEach(e -> member.put(e.getKey(), e.getValue()));
    members.put(userId, member.toBuffer().getBytes());
  }

  private void membersChunk(GuildState guild, JsonObject d, long botUserId) {
    forEachObject(d.getValue("members"), member -> guild.upsert(MEMBERS, member, flags, botUserId));
    forEachObject(d.getValue("presences"), presence -> presence(guild, presence));
  }

  /** GUILD_CREATE lists no offline presence: going offline removes it. */
  private void presence(GuildState guild, JsonObject presence) {
    if (OFFLINE.equals(presence.getValue("status"))) {
      guild.remove(PRESENCES, EntityJson.userId(presence));
    } else {
      guild.upsert(PRESENCES, presence, flags, 0);
    }
  }

  /** Leaving voice ({@code channel_id} null) removes the state; the member it carries is kept fresh. */
  private void voiceState(GuildState guild, JsonObject d, long botUserId) {
    if (d.getValue("channel_id") == null) {
      guild.remove(VOICE_STATES, EntityJson.snowflake(d, "user_id"));
    } else {
      guild.upsert(VOICE_STATES, d, flags, botUserId);
    }
    guild.upsert(MEMBERS, d.getValue("member"), flags, botUserId);
  }

  /** Members lose a deleted role. Only members whose JSON mentions the id are decoded. */
  private void roleDelete(GuildState guild, long roleId) {
    guild.remove(ROLES, roleId);
    EntityTable members = guild.table(MEMBERS);
    if (members == null || roleId == EntityJson.NO_ID) {
      return;
    }
    byte[] needle = ("\"" + roleId + "\"").getBytes(StandardCharsets.US_ASCII);
    String role = Long.toString(roleId);
    members.forEachWithId((userId, bytes) -> {
      if (contains(bytes, needle)) {
        JsonObject member = EntityJson.decode(bytes);
        if (member.getValue("roles") instanceof JsonArray roles && roles.remove(role)) {
          members.put(userId, member.toBuffer().getBytes()); // replaces in place: safe while iterating
        }
      }
    });
  }

  private static void forEachObject(Object array, java.util.function.Consumer<JsonObject> action) {
    if (array instanceof JsonArray items) {
      for (int i = 0; i < items.size(); i++) {
        if (items.getValue(i) instanceof JsonObject item) {
          action.accept(item);
        }
      }
    }
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
