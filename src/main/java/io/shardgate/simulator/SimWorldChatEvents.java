package io.shardgate.simulator;

import static io.shardgate.simulator.SimWorldShapes.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Events about channels, threads and messages. Each method mutates the guild state first and returns
 * the dispatch describing the change, or null when the guild offers nothing it could act on.
 */
final class SimWorldChatEvents {
  /** Guild fields that point at a channel: such a channel is never deleted. */
  private static final Set<String> CHANNEL_REFERENCES = Set.of("afk_channel_id", "system_channel_id",
      "rules_channel_id", "public_updates_channel_id", "safety_alerts_channel_id", "widget_channel_id");
  private static final int BITRATE = 64_000;

  private SimWorldChatEvents() {
  }

  static SimEvent messageCreate(SimWorldGuild guild, JsonObject channel, JsonObject author, String content,
      long nowMs) {
    String id = guild.newId(nowMs);
    JsonObject message = message(id, channel.getString("id"), author.getJsonObject("user").copy(), content,
        SimWorldIds.iso(SimWorldIds.millisOf(id)), channel.getInteger("type"));
    JsonObject member = author.copy();
    member.remove("user");
    message.put("guild_id", guild.id()).put("member", member);
    channel.put("last_message_id", id);
    return new SimEvent("MESSAGE_CREATE", message, guild.id());
  }

  static SimEvent randomMessage(SimWorldGuild guild, Random random, long nowMs) {
    List<JsonObject> channels = guild.channelsOfType(GUILD_TEXT, GUILD_ANNOUNCEMENT);
    if (channels.isEmpty()) {
      return null;
    }
    return messageCreate(guild, SimWorldNames.pick(random, channels), randomMember(guild, random),
        SimWorldNames.messageContent(random), nowMs);
  }

  static SimEvent typingStart(SimWorldGuild guild, Random random, long nowMs) {
    List<JsonObject> channels = guild.channelsOfType(GUILD_TEXT, GUILD_ANNOUNCEMENT);
    if (channels.isEmpty()) {
      return null;
    }
    JsonObject member = randomMember(guild, random);
    JsonObject data = new JsonObject()
        .put("channel_id", SimWorldNames.pick(random, channels).getString("id"))
        .put("guild_id", guild.id())
        .put("user_id", member.getJsonObject("user").getString("id"))
        .put("timestamp", nowMs / 1000)
        .put("member", member.copy());
    return new SimEvent("TYPING_START", data, guild.id());
  }

  static SimEvent channelCreate(SimWorldGuild guild, Random random, long nowMs) {
    List<JsonObject> categories = guild.channelsOfType(GUILD_CATEGORY);
    String parent = categories.isEmpty() || random.nextInt(5) == 0 ? null
        : SimWorldNames.pick(random, categories).getString("id");
    boolean voice = random.nextInt(10) < 3;
    int position = nextPosition(guild, voice);
    String id = guild.newId(nowMs);
    JsonObject channel = voice
        ? voiceChannel(channel(id, GUILD_VOICE, SimWorldNames.voiceChannelName(random), position, parent,
            new JsonArray()), BITRATE, 0)
        : textChannel(channel(id, GUILD_TEXT, SimWorldNames.textChannelName(random), position, parent,
            new JsonArray()), null, null, 0);
    guild.channels().add(channel);
    return channelEvent("CHANNEL_CREATE", guild, channel);
  }

  static SimEvent channelUpdate(SimWorldGuild guild, Random random) {
    JsonArray channels = guild.channels();
    JsonObject channel = channels.getJsonObject(random.nextInt(channels.size()));
    switch (channel.getInteger("type")) {
      case GUILD_TEXT, GUILD_ANNOUNCEMENT, GUILD_FORUM -> channel.put("topic", SimWorldNames.words(random, 5));
      case GUILD_VOICE, GUILD_STAGE_VOICE -> channel.put("name", SimWorldNames.voiceChannelName(random));
      default -> channel.put("name", SimWorldNames.categoryName(random));
    }
    return channelEvent("CHANNEL_UPDATE", guild, channel);
  }

  /** Deletes a channel nothing points at, and never the last plain text channel. */
  static SimEvent channelDelete(SimWorldGuild guild, Random random) {
    boolean lastText = guild.channelsOfType(GUILD_TEXT).size() <= 1;
    List<JsonObject> deletable = SimWorldGuild.filter(guild.channels(), channel ->
        !isReferenced(guild, channel.getString("id"))
            && !(lastText && channel.getInteger("type") == GUILD_TEXT));
    if (deletable.isEmpty()) {
      return null;
    }
    JsonObject channel = SimWorldNames.pick(random, deletable);
    SimWorldGuild.remove(guild.channels(), c -> c == channel);
    return channelEvent("CHANNEL_DELETE", guild, channel);
  }

  static SimEvent threadCreate(SimWorldGuild guild, Random random, long nowMs) {
    List<JsonObject> parents = guild.channelsOfType(GUILD_TEXT);
    if (parents.isEmpty()) {
      return null;
    }
    String id = guild.newId(nowMs);
    String owner = randomMember(guild, random).getJsonObject("user").getString("id");
    JsonObject thread = thread(id, SimWorldNames.threadName(random),
        SimWorldNames.pick(random, parents).getString("id"), owner, SimWorldIds.iso(SimWorldIds.millisOf(id)), 0);
    guild.threads().add(thread);
    JsonObject data = thread.copy().put("guild_id", guild.id()).put("newly_created", true);
    return new SimEvent("THREAD_CREATE", data, guild.id());
  }

  /** Renames an active thread, or archives it (then it leaves GUILD_CREATE's active threads). */
  static SimEvent threadUpdate(SimWorldGuild guild, Random random, long nowMs) {
    JsonArray threads = guild.threads();
    if (threads.isEmpty()) {
      return null;
    }
    JsonObject thread = threads.getJsonObject(random.nextInt(threads.size()));
    if (random.nextInt(10) < 3) {
      thread.getJsonObject("thread_metadata").put("archived", true)
          .put("archive_timestamp", SimWorldIds.iso(nowMs));
      SimWorldGuild.remove(threads, t -> t == thread);
    } else {
      thread.put("name", SimWorldNames.threadName(random));
    }
    return new SimEvent("THREAD_UPDATE", thread.copy().put("guild_id", guild.id()), guild.id());
  }

  static SimEvent threadDelete(SimWorldGuild guild, Random random) {
    JsonArray threads = guild.threads();
    if (threads.isEmpty()) {
      return null;
    }
    JsonObject thread = (JsonObject) threads.remove(random.nextInt(threads.size()));
    JsonObject data = new JsonObject().put("id", thread.getString("id")).put("guild_id", guild.id())
        .put("parent_id", thread.getString("parent_id")).put("type", thread.getInteger("type"));
    return new SimEvent("THREAD_DELETE", data, guild.id());
  }

  static JsonObject randomMember(SimWorldGuild guild, Random random) {
    JsonArray members = guild.members();
    return members.getJsonObject(random.nextInt(members.size()));
  }

  private static SimEvent channelEvent(String type, SimWorldGuild guild, JsonObject channel) {
    return new SimEvent(type, channel.copy().put("guild_id", guild.id()), guild.id());
  }

  /** Text-like channels share one position sequence, voice-like ones another (as Discord sorts them). */
  private static int nextPosition(SimWorldGuild guild, boolean voice) {
    int max = -1;
    for (JsonObject channel : guild.channelsOfType(GUILD_TEXT, GUILD_ANNOUNCEMENT, GUILD_FORUM,
        GUILD_VOICE, GUILD_STAGE_VOICE)) {
      if (SimWorldPeopleFactory.isVoice(channel) == voice) {
        max = Math.max(max, channel.getInteger("position"));
      }
    }
    return max + 1;
  }

  private static boolean isReferenced(SimWorldGuild guild, String channelId) {
    JsonObject state = guild.state();
    for (String field : CHANNEL_REFERENCES) {
      if (channelId.equals(state.getString(field))) {
        return true;
      }
    }
    return SimWorldGuild.find(guild.channels(), c -> channelId.equals(c.getString("parent_id"))) != null
        || SimWorldGuild.find(guild.threads(), t -> channelId.equals(t.getString("parent_id"))) != null
        || SimWorldGuild.find(guild.voiceStates(), v -> channelId.equals(v.getString("channel_id"))) != null
        || SimWorldGuild.find(state.getJsonArray("stage_instances"),
            s -> channelId.equals(s.getString("channel_id"))) != null
        || SimWorldGuild.find(state.getJsonArray("guild_scheduled_events"),
            e -> channelId.equals(e.getString("channel_id"))) != null;
  }
}
