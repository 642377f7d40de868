package io.shardgate.config;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Which Discord resources the guild cache keeps, so READY and GUILD_CREATE can be crafted for clients.
 * The flag names and defaults are gateway-proxy's: only channels, roles and the current member are
 * cached unless the operator asks for more, because every enabled type costs memory per guild.
 */
public record CacheConfig(
    boolean channels,
    boolean presences,
    boolean emojis,
    boolean currentMember,
    boolean members,
    boolean roles,
    boolean scheduledEvents,
    boolean stageInstances,
    boolean stickers,
    boolean users,
    boolean voiceStates) {

  public static final boolean DEFAULT_CHANNELS = true;
  public static final boolean DEFAULT_PRESENCES = false;
  public static final boolean DEFAULT_EMOJIS = false;
  public static final boolean DEFAULT_CURRENT_MEMBER = true;
  public static final boolean DEFAULT_MEMBERS = false;
  public static final boolean DEFAULT_ROLES = true;
  public static final boolean DEFAULT_SCHEDULED_EVENTS = false;
  public static final boolean DEFAULT_STAGE_INSTANCES = false;
  public static final boolean DEFAULT_STICKERS = false;
  public static final boolean DEFAULT_USERS = false;
  public static final boolean DEFAULT_VOICE_STATES = false;

  /** The JSON names of the flags, in gateway-proxy's order. */
  public static final List<String> FLAG_NAMES = List.of(
      "channels", "presences", "emojis", "current_member", "members", "roles",
      "scheduled_events", "stage_instances", "stickers", "users", "voice_states");

  public static CacheConfig defaults() {
    return new CacheConfig(DEFAULT_CHANNELS, DEFAULT_PRESENCES, DEFAULT_EMOJIS,
        DEFAULT_CURRENT_MEMBER, DEFAULT_MEMBERS, DEFAULT_ROLES, DEFAULT_SCHEDULED_EVENTS,
        DEFAULT_STAGE_INSTANCES, DEFAULT_STICKERS, DEFAULT_USERS, DEFAULT_VOICE_STATES);
  }

  /**
   * Reads the {@code cache} object; an absent flag keeps its default. (gateway-proxy rejects a
   * partial cache object; accepting it changes no config that gateway-proxy accepts.)
   */
  public static CacheConfig fromJson(JsonObject json) {
    CacheConfig d = defaults();
    if (json == null) {
      return d;
    }
    return new CacheConfig(
        flag(json, "channels", d.channels),
        flag(json, "presences", d.presences),
        flag(json, "emojis", d.emojis),
        flag(json, "current_member", d.currentMember),
        flag(json, "members", d.members),
        flag(json, "roles", d.roles),
        flag(json, "scheduled_events", d.scheduledEvents),
        flag(json, "stage_instances", d.stageInstances),
        flag(json, "stickers", d.stickers),
        flag(json, "users", d.users),
        flag(json, "voice_states", d.voiceStates));
  }

  /** An absent or null flag keeps its default; the validator has already rejected non-booleans. */
  private static boolean flag(JsonObject json, String name, boolean defaultValue) {
    return json.getValue(name) instanceof Boolean value ? value : defaultValue;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("channels", channels)
        .put("presences", presences)
        .put("emojis", emojis)
        .put("current_member", currentMember)
        .put("members", members)
        .put("roles", roles)
        .put("scheduled_events", scheduledEvents)
        .put("stage_instances", stageInstances)
        .put("stickers", stickers)
        .put("users", users)
        .put("voice_states", voiceStates);
  }
}
