package io.shardgate.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One guild's current state, kept as the very GUILD_CREATE {@code d} Discord would send now, plus the
 * id allocator for objects created in it. Events mutate this JSON in place; {@link #guildCreate()} hands
 * out deep copies so no caller can corrupt it.
 */
final class SimWorldGuild {
  /** Keys GUILD_CREATE adds to the guild object; GUILD_UPDATE carries everything else. */
  static final Set<String> GUILD_CREATE_EXTRAS = Set.of("joined_at", "large", "unavailable",
      "member_count", "voice_states", "members", "channels", "threads", "presences", "stage_instances",
      "guild_scheduled_events", "soundboard_sounds");

  private final String id;
  private final SimWorldIds ids;
  private final JsonObject state;
  private int userSerial;

  SimWorldGuild(String id, SimWorldIds ids, JsonObject state, int userSerial) {
    this.id = id;
    this.ids = ids;
    this.state = state;
    this.userSerial = userSerial;
  }

  String id() {
    return id;
  }

  JsonObject state() {
    return state;
  }

  JsonObject guildCreate() {
    return state.copy();
  }

  /** The guild object as GUILD_UPDATE carries it: GUILD_CREATE without its extra fields. */
  JsonObject guildUpdatePayload() {
    JsonObject guild = new JsonObject();
    state.forEach(entry -> {
      if (!GUILD_CREATE_EXTRAS.contains(entry.getKey())) {
        guild.put(entry.getKey(), entry.getValue());
      }
    });
    return guild.copy();
  }

  String newId(long nowMs) {
    return ids.next(nowMs);
  }

  int nextUserSerial() {
    return ++userSerial;
  }

  JsonArray members() {
    return state.getJsonArray("members");
  }

  JsonArray roles() {
    return state.getJsonArray("roles");
  }

  JsonArray channels() {
    return state.getJsonArray("channels");
  }

  JsonArray threads() {
    return state.getJsonArray("threads");
  }

  JsonArray presences() {
    return state.getJsonArray("presences");
  }

  JsonArray voiceStates() {
    return state.getJsonArray("voice_states");
  }

  String ownerId() {
    return state.getString("owner_id");
  }

  JsonObject member(String userId) {
    return find(members(), member -> userId.equals(member.getJsonObject("user").getString("id")));
  }

  JsonObject presence(String userId) {
    return find(presences(), presence -> userId.equals(presence.getJsonObject("user").getString("id")));
  }

  JsonObject voiceState(String userId) {
    return find(voiceStates(), state -> userId.equals(state.getString("user_id")));
  }

  JsonObject channel(String channelId) {
    return find(channels(), channel -> channelId.equals(channel.getString("id")));
  }

  JsonObject role(String roleId) {
    return find(roles(), role -> roleId.equals(role.getString("id")));
  }

  List<JsonObject> channelsOfType(int... types) {
    return filter(channels(), channel -> {
      int type = channel.getInteger("type");
      for (int wanted : types) {
        if (type == wanted) {
          return true;
        }
      }
      return false;
    });
  }

  static JsonObject find(JsonArray array, Predicate<JsonObject> predicate) {
    for (int i = 0; i < array.size(); i++) {
      JsonObject item = array.getJsonObject(i);
      if (predicate.test(item)) {
        return item;
      }
    }
    return null;
  }

  static List<JsonObject> filter(JsonArray array, Predicate<JsonObject> predicate) {
    List<JsonObject> matches = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonObject item = array.getJsonObject(i);
      if (predicate.test(item)) {
        matches.add(item);
      }
    }
    return matches;
  }

  /** Removes the first item matching, keeping the order of the others (as a cache would). */
  static boolean remove(JsonArray array, Predicate<JsonObject> predicate) {
    for (int i = 0; i < array.size(); i++) {
      if (predicate.test(array.getJsonObject(i))) {
        array.remove(i);
        return true;
      }
    }
    return false;
  }

  static boolean hasId(JsonObject item, String id) {
    return id.equals(item.getString("id"));
  }
}
