package io.shardgate.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A reference cache, written independently of {@link SimWorld}: it keeps one GUILD_CREATE per guild and
 * folds dispatches into it the way a gateway cache (shardgate's included) must. The rules, per event:
 *
 * <ul>
 *   <li>GUILD_CREATE: store {@code d}. GUILD_DELETE without {@code unavailable}: forget the guild.</li>
 *   <li>GUILD_UPDATE: overwrite the guild's top-level fields with those of {@code d}.</li>
 *   <li>CHANNEL_CREATE / UPDATE / DELETE: append / replace in place / remove the channel by id.</li>
 *   <li>THREAD_CREATE: append; THREAD_UPDATE: replace, or remove when it is now archived (GUILD_CREATE
 *       lists active threads only); THREAD_DELETE: remove by id.</li>
 *   <li>GUILD_ROLE_CREATE / UPDATE: append / replace {@code d.role}; GUILD_ROLE_DELETE: remove it and
 *       strip its id from every member's roles.</li>
 *   <li>GUILD_MEMBER_ADD: append, member_count + 1; GUILD_MEMBER_UPDATE: merge into the member;
 *       GUILD_MEMBER_REMOVE: remove the member and its presence, member_count - 1. After either,
 *       {@code large} = member_count &gt; 50 (the default large_threshold).</li>
 *   <li>PRESENCE_UPDATE: status offline removes the presence, anything else replaces it (or appends).</li>
 *   <li>VOICE_STATE_UPDATE: channel_id null removes the user's voice state, else replaces or appends it
 *       (without {@code member}).</li>
 *   <li>MESSAGE_CREATE in a guild: the channel's last_message_id becomes the message id.</li>
 * </ul>
 * Objects stored inside a guild never carry {@code guild_id} (nor THREAD_CREATE's {@code newly_created}),
 * except stickers, stage instances, scheduled events and sounds, which Discord sends with it.
 */
final class SimWorldApplier {
  private static final int LARGE_THRESHOLD = 50;
  private final Map<String, JsonObject> guilds = new HashMap<>();

  JsonObject guild(String id) {
    return guilds.get(id);
  }

  Set<String> guildIds() {
    return guilds.keySet();
  }

  void put(JsonObject guildCreate) {
    guilds.put(guildCreate.getString("id"), guildCreate.copy());
  }

  void apply(SimEvent event) {
    JsonObject d = event.data();
    JsonObject guild = event.guildId() == null ? null : guilds.get(event.guildId());
    switch (event.type()) {
      case "GUILD_CREATE" -> put(d);
      case "GUILD_DELETE" -> {
        if (!d.getBoolean("unavailable", false)) {
          guilds.remove(d.getString("id"));
        }
      }
      case "GUILD_UPDATE" -> d.forEach(entry -> guild.put(entry.getKey(), entry.getValue()));
      case "CHANNEL_CREATE" -> guild.getJsonArray("channels").add(stripped(d));
      case "CHANNEL_UPDATE" -> replace(guild.getJsonArray("channels"), byId(d.getString("id")), stripped(d));
      case "CHANNEL_DELETE" -> removeExisting(guild.getJsonArray("channels"), byId(d.getString("id")));
      case "THREAD_CREATE" -> guild.getJsonArray("threads").add(stripped(d));
      case "THREAD_UPDATE" -> threadUpdate(guild, d);
      case "THREAD_DELETE" -> removeExisting(guild.getJsonArray("threads"), byId(d.getString("id")));
      case "GUILD_ROLE_CREATE" -> guild.getJsonArray("roles").add(d.getJsonObject("role").copy());
      case "GUILD_ROLE_UPDATE" -> replace(guild.getJsonArray("roles"),
          byId(d.getJsonObject("role").getString("id")), d.getJsonObject("role").copy());
      case "GUILD_ROLE_DELETE" -> roleDelete(guild, d.getString("role_id"));
      case "GUILD_MEMBER_ADD" -> {
        if (find(guild.getJsonArray("members"), byUser(d.getJsonObject("user").getString("id"))) != null) {
          throw new AssertionError("GUILD_MEMBER_ADD for a member already cached: " + d.encode());
        }
        guild.getJsonArray("members").add(stripped(d));
        countMembers(guild, 1);
      }
      case "GUILD_MEMBER_UPDATE" -> memberUpdate(guild, d);
      case "GUILD_MEMBER_REMOVE" -> memberRemove(guild, d.getJsonObject("user").getString("id"));
      case "PRESENCE_UPDATE" -> presenceUpdate(guild, d);
      case "VOICE_STATE_UPDATE" -> voiceStateUpdate(guild, d);
      case "MESSAGE_CREATE" -> {
        if (guild != null) {
          existing(guild.getJsonArray("members"), byUser(d.getJsonObject("author").getString("id")));
          existing(guild.getJsonArray("channels"), byId(d.getString("channel_id")))
              .put("last_message_id", d.getString("id"));
        }
      }
      case "TYPING_START" -> {
        if (guild != null) {
          existing(guild.getJsonArray("members"), byUser(d.getString("user_id")));
          existing(guild.getJsonArray("channels"), byId(d.getString("channel_id")));
        }
      }
      case "VOICE_SERVER_UPDATE", "GUILD_MEMBERS_CHUNK" -> {
        // no cached state changes
      }
      default -> throw new AssertionError("the applier does not know " + event.type());
    }
  }

  private static void threadUpdate(JsonObject guild, JsonObject d) {
    JsonArray threads = guild.getJsonArray("threads");
    if (d.getJsonObject("thread_metadata").getBoolean("archived")) {
      remove(threads, byId(d.getString("id")));
    } else if (find(threads, byId(d.getString("id"))) != null) {
      replace(threads, byId(d.getString("id")), stripped(d));
    } else {
      threads.add(stripped(d));
    }
  }

  private static void roleDelete(JsonObject guild, String roleId) {
    removeExisting(guild.getJsonArray("roles"), byId(roleId));
    JsonArray members = guild.getJsonArray("members");
    for (int i = 0; i < members.size(); i++) {
      members.getJsonObject(i).getJsonArray("roles").remove(roleId);
    }
  }

  private static void memberUpdate(JsonObject guild, JsonObject d) {
    JsonObject member = existing(guild.getJsonArray("members"), byUser(d.getJsonObject("user").getString("id")));
    stripped(d).forEach(entry -> member.put(entry.getKey(), entry.getValue()));
  }

  private static void memberRemove(JsonObject guild, String userId) {
    removeExisting(guild.getJsonArray("members"), byUser(userId));
    remove(guild.getJsonArray("presences"), byUser(userId));
    countMembers(guild, -1);
  }

  /** A guild is large when it has more members than the default large_threshold (50). */
  private static void countMembers(JsonObject guild, int delta) {
    int count = guild.getInteger("member_count") + delta;
    guild.put("member_count", count).put("large", count > LARGE_THRESHOLD);
  }

  private static void presenceUpdate(JsonObject guild, JsonObject d) {
    JsonArray presences = guild.getJsonArray("presences");
    Predicate<JsonObject> sameUser = byUser(d.getJsonObject("user").getString("id"));
    if ("offline".equals(d.getString("status"))) {
      remove(presences, sameUser);
    } else {
      upsert(presences, sameUser, stripped(d));
    }
  }

  private static void voiceStateUpdate(JsonObject guild, JsonObject d) {
    JsonArray states = guild.getJsonArray("voice_states");
    String userId = d.getString("user_id");
    Predicate<JsonObject> sameUser = state -> userId.equals(state.getString("user_id"));
    if (d.getString("channel_id") == null) {
      remove(states, sameUser);
    } else {
      JsonObject state = stripped(d);
      state.remove("member");
      upsert(states, sameUser, state);
    }
  }

  private static JsonObject stripped(JsonObject d) {
    JsonObject copy = d.copy();
    copy.remove("guild_id");
    copy.remove("newly_created");
    return copy;
  }

  private static Predicate<JsonObject> byId(String id) {
    return item -> id.equals(item.getString("id"));
  }

  private static Predicate<JsonObject> byUser(String userId) {
    return item -> userId.equals(item.getJsonObject("user").getString("id"));
  }

  private static JsonObject find(JsonArray array, Predicate<JsonObject> predicate) {
    for (int i = 0; i < array.size(); i++) {
      if (predicate.test(array.getJsonObject(i))) {
        return array.getJsonObject(i);
      }
    }
    return null;
  }

  private static JsonObject existing(JsonArray array, Predicate<JsonObject> predicate) {
    JsonObject item = find(array, predicate);
    if (item == null) {
      throw new AssertionError("an event refers to something the cache does not hold");
    }
    return item;
  }

  private static void removeExisting(JsonArray array, Predicate<JsonObject> predicate) {
    existing(array, predicate);
    remove(array, predicate);
  }

  private static void replace(JsonArray array, Predicate<JsonObject> predicate, JsonObject replacement) {
    for (int i = 0; i < array.size(); i++) {
      if (predicate.test(array.getJsonObject(i))) {
        array.set(i, replacement);
        return;
      }
    }
    throw new AssertionError("nothing to replace in " + array.size() + " items with " + replacement.encode());
  }

  private static void upsert(JsonArray array, Predicate<JsonObject> predicate, JsonObject replacement) {
    if (find(array, predicate) != null) {
      replace(array, predicate, replacement);
    } else {
      array.add(replacement);
    }
  }

  private static void remove(JsonArray array, Predicate<JsonObject> predicate) {
    for (int i = 0; i < array.size(); i++) {
      if (predicate.test(array.getJsonObject(i))) {
        array.remove(i);
        return;
      }
    }
  }
}
