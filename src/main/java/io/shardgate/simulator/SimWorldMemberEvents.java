package io.shardgate.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;

/**
 * Events about people and roles: members, presences, voice, roles and the guild itself. Each method
 * mutates the guild state and returns the dispatch describing the change, or null when nothing fits.
 * The bot's own member, the owner and managed roles are left alone: Discord would not change them here.
 */
final class SimWorldMemberEvents {
  private static final int SESSION_ID_LENGTH = 32;
  private static final int[] ROLE_COLORS = {0x11806a, 0x206694, 0x71368a, 0xad1457, 0xc27c0e, 0xa84300};

  private SimWorldMemberEvents() {
  }

  static SimEvent memberAdd(SimWorldGuild guild, Random random, long nowMs) {
    String id = guild.newId(nowMs);
    JsonObject member = SimWorldPeopleFactory.human(random, id, guild.nextUserSerial(), SimWorldIds.millisOf(id),
        new JsonArray());
    guild.members().add(member);
    adjustMemberCount(guild, 1);
    return new SimEvent("GUILD_MEMBER_ADD", member.copy().put("guild_id", guild.id()), guild.id());
  }

  /** Gives or takes a role, or changes the nickname. */
  static SimEvent memberUpdate(SimWorldGuild guild, Random random, String botId) {
    JsonObject member = randomHuman(guild, random, botId);
    if (member == null) {
      return null;
    }
    JsonArray roles = member.getJsonArray("roles");
    List<JsonObject> assignable = SimWorldGuild.filter(guild.roles(),
        role -> !role.getBoolean("managed") && !role.getString("id").equals(guild.id()));
    if (random.nextBoolean() && !assignable.isEmpty()) {
      String roleId = SimWorldNames.pick(random, assignable).getString("id");
      if (!roles.remove(roleId)) {
        roles.add(roleId);
      }
    } else {
      member.put("nick", random.nextBoolean() ? SimWorldNames.globalName(random) : null);
    }
    return new SimEvent("GUILD_MEMBER_UPDATE", member.copy().put("guild_id", guild.id()), guild.id());
  }

  /** A member leaves: not the owner, not the bot, not someone in voice (that would need two events). */
  static SimEvent memberRemove(SimWorldGuild guild, Random random, String botId) {
    JsonObject member = randomHuman(guild, random, botId);
    if (member == null) {
      return null;
    }
    JsonObject user = member.getJsonObject("user");
    String userId = user.getString("id");
    if (userId.equals(guild.ownerId()) || guild.voiceState(userId) != null) {
      return null;
    }
    SimWorldGuild.remove(guild.members(), m -> m == member);
    SimWorldGuild.remove(guild.presences(), p -> userId.equals(p.getJsonObject("user").getString("id")));
    adjustMemberCount(guild, -1);
    JsonObject data = new JsonObject().put("guild_id", guild.id()).put("user", user.copy());
    return new SimEvent("GUILD_MEMBER_REMOVE", data, guild.id());
  }

  /** A human comes online, changes activity, or goes offline (offline presences are not listed). */
  static SimEvent presenceUpdate(SimWorldGuild guild, Random random, String botId, long nowMs) {
    JsonObject member = randomHuman(guild, random, botId);
    if (member == null) {
      return null;
    }
    String userId = member.getJsonObject("user").getString("id");
    JsonObject current = guild.presence(userId);
    JsonObject presence;
    if (current != null && random.nextInt(5) == 0) {
      presence = SimWorldShapes.presence(userId, "offline", new JsonArray(), "desktop");
      presence.put("client_status", new JsonObject());
      SimWorldGuild.remove(guild.presences(), p -> p == current);
    } else {
      presence = SimWorldPeopleFactory.presence(random, userId, nowMs);
      replaceOrAppend(guild.presences(), current, presence);
    }
    return new SimEvent("PRESENCE_UPDATE", presence.copy().put("guild_id", guild.id()), guild.id());
  }

  /** A human joins, moves between or leaves voice channels. */
  static SimEvent voiceMove(SimWorldGuild guild, Random random, String botId) {
    List<JsonObject> voice = SimWorldGuild.filter(guild.channels(), SimWorldPeopleFactory::isVoice);
    JsonObject member = randomHuman(guild, random, botId);
    if (voice.isEmpty() || member == null) {
      return null;
    }
    String userId = member.getJsonObject("user").getString("id");
    JsonObject current = guild.voiceState(userId);
    String sessionId = current != null ? current.getString("session_id") : SimWorldNames.hex(random, SESSION_ID_LENGTH);
    JsonObject channel = current != null && random.nextBoolean() ? null : SimWorldNames.pick(random, voice);
    return voiceStateChange(guild, member, channel, sessionId, random.nextInt(3) == 0, false);
  }

  /**
   * Puts {@code member} in {@code channel} (null: out of voice) and returns the VOICE_STATE_UPDATE.
   * Shared by random moves and the bot's own op 4.
   */
  static SimEvent voiceStateChange(SimWorldGuild guild, JsonObject member, JsonObject channel, String sessionId,
      boolean selfMute, boolean selfDeaf) {
    String userId = member.getJsonObject("user").getString("id");
    JsonObject current = guild.voiceState(userId);
    boolean stage = channel != null && channel.getInteger("type") == SimWorldShapes.GUILD_STAGE_VOICE;
    JsonObject state = SimWorldShapes.voiceState(channel == null ? null : channel.getString("id"), userId,
        sessionId, selfMute, selfDeaf, stage);
    if (channel == null) {
      SimWorldGuild.remove(guild.voiceStates(), v -> v == current);
    } else {
      replaceOrAppend(guild.voiceStates(), current, state);
    }
    JsonObject data = state.copy().put("guild_id", guild.id()).put("member", member.copy());
    return new SimEvent("VOICE_STATE_UPDATE", data, guild.id());
  }

  static SimEvent guildUpdate(SimWorldGuild guild, Random random) {
    guild.state().put("name", SimWorldNames.guildName(random));
    return new SimEvent("GUILD_UPDATE", guild.guildUpdatePayload(), guild.id());
  }

  /** New roles land just above @everyone, as Discord places them. */
  static SimEvent roleCreate(SimWorldGuild guild, Random random, long nowMs) {
    JsonObject role = SimWorldShapes.role(guild.newId(nowMs), "new role",
        ROLE_COLORS[random.nextInt(ROLE_COLORS.length)], 0, 1);
    guild.roles().add(role);
    return roleEvent("GUILD_ROLE_CREATE", guild, role);
  }

  static SimEvent roleUpdate(SimWorldGuild guild, Random random) {
    List<JsonObject> editable = SimWorldGuild.filter(guild.roles(), role -> !role.getBoolean("managed"));
    JsonObject role = SimWorldNames.pick(random, editable);
    if (role.getString("id").equals(guild.id())) {
      long permissions = Long.parseLong(role.getString("permissions")) ^ SimWorldShapes.ADD_REACTIONS;
      role.put("permissions", Long.toString(permissions));
    } else {
      int color = ROLE_COLORS[random.nextInt(ROLE_COLORS.length)];
      role.put("name", SimWorldNames.roleName(random)).put("color", color)
          .getJsonObject("colors").put("primary_color", color);
      role.put("hoist", random.nextBoolean());
    }
    return roleEvent("GUILD_ROLE_UPDATE", guild, role);
  }

  /** Deletes a role no channel overwrite names; members lose it. */
  static SimEvent roleDelete(SimWorldGuild guild, Random random) {
    List<JsonObject> deletable = SimWorldGuild.filter(guild.roles(), role -> !role.getBoolean("managed")
        && !role.getString("id").equals(guild.id()) && !inOverwrites(guild, role.getString("id")));
    if (deletable.isEmpty()) {
      return null;
    }
    String roleId = SimWorldNames.pick(random, deletable).getString("id");
    SimWorldGuild.remove(guild.roles(), role -> SimWorldGuild.hasId(role, roleId));
    JsonArray members = guild.members();
    for (int i = 0; i < members.size(); i++) {
      members.getJsonObject(i).getJsonArray("roles").remove(roleId);
    }
    JsonObject data = new JsonObject().put("guild_id", guild.id()).put("role_id", roleId);
    return new SimEvent("GUILD_ROLE_DELETE", data, guild.id());
  }

  private static SimEvent roleEvent(String type, SimWorldGuild guild, JsonObject role) {
    return new SimEvent(type, new JsonObject().put("guild_id", guild.id()).put("role", role.copy()), guild.id());
  }

  private static boolean inOverwrites(SimWorldGuild guild, String roleId) {
    return SimWorldGuild.find(guild.channels(), channel ->
        SimWorldGuild.find(channel.getJsonArray("permission_overwrites"),
            overwrite -> SimWorldGuild.hasId(overwrite, roleId)) != null) != null;
  }

  private static JsonObject randomHuman(SimWorldGuild guild, Random random, String botId) {
    JsonObject member = SimWorldChatEvents.randomMember(guild, random);
    return botId.equals(member.getJsonObject("user").getString("id")) ? null : member;
  }

  /** Replaces {@code current} where it stands (as a cache would), or appends when there is none. */
  private static void replaceOrAppend(JsonArray array, JsonObject current, JsonObject replacement) {
    int index = -1;
    for (int i = 0; current != null && i < array.size(); i++) {
      if (array.getJsonObject(i) == current) {
        index = i;
      }
    }
    if (index >= 0) {
      array.set(index, replacement);
    } else {
      array.add(replacement);
    }
  }

  /** member_count follows the members, and "large" follows member_count as a fresh GUILD_CREATE would. */
  private static void adjustMemberCount(SimWorldGuild guild, int delta) {
    JsonObject state = guild.state();
    int count = state.getInteger("member_count") + delta;
    state.put("member_count", count).put("large", count > SimWorldGuildFactory.LARGE_THRESHOLD);
  }
}
