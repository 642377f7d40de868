package io.shardgate.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Builders for Discord API v10 objects, in the shape a GUILD_CREATE carries them (no {@code guild_id}
 * on channels, roles, members, presences and voice states; stickers, stage instances, scheduled events
 * and soundboard sounds keep theirs, as Discord sends them).
 */
final class SimWorldShapes {
  static final int GUILD_TEXT = 0;
  static final int GUILD_VOICE = 2;
  static final int GUILD_CATEGORY = 4;
  static final int GUILD_ANNOUNCEMENT = 5;
  static final int PUBLIC_THREAD = 11;
  static final int GUILD_STAGE_VOICE = 13;
  static final int GUILD_FORUM = 15;

  static final int OVERWRITE_ROLE = 0;
  static final int OVERWRITE_MEMBER = 1;

  static final long CREATE_INSTANT_INVITE = 1L;
  static final long KICK_MEMBERS = 1L << 1;
  static final long BAN_MEMBERS = 1L << 2;
  static final long ADMINISTRATOR = 1L << 3;
  static final long MANAGE_CHANNELS = 1L << 4;
  static final long ADD_REACTIONS = 1L << 6;
  static final long STREAM = 1L << 9;
  static final long VIEW_CHANNEL = 1L << 10;
  static final long SEND_MESSAGES = 1L << 11;
  static final long MANAGE_MESSAGES = 1L << 13;
  static final long EMBED_LINKS = 1L << 14;
  static final long ATTACH_FILES = 1L << 15;
  static final long READ_MESSAGE_HISTORY = 1L << 16;
  static final long USE_EXTERNAL_EMOJIS = 1L << 18;
  static final long CONNECT = 1L << 20;
  static final long SPEAK = 1L << 21;
  static final long MUTE_MEMBERS = 1L << 22;
  static final long MOVE_MEMBERS = 1L << 24;
  static final long USE_VAD = 1L << 25;
  static final long CHANGE_NICKNAME = 1L << 26;
  static final long MANAGE_NICKNAMES = 1L << 27;
  static final long MANAGE_ROLES = 1L << 28;
  static final long USE_APPLICATION_COMMANDS = 1L << 31;
  static final long MANAGE_THREADS = 1L << 34;
  static final long CREATE_PUBLIC_THREADS = 1L << 35;
  static final long SEND_MESSAGES_IN_THREADS = 1L << 38;
  static final long MODERATE_MEMBERS = 1L << 40;

  static final long EVERYONE_PERMISSIONS = CREATE_INSTANT_INVITE | ADD_REACTIONS | STREAM | VIEW_CHANNEL
      | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY | USE_EXTERNAL_EMOJIS | CONNECT
      | SPEAK | USE_VAD | CHANGE_NICKNAME | USE_APPLICATION_COMMANDS | CREATE_PUBLIC_THREADS
      | SEND_MESSAGES_IN_THREADS;
  static final long MODERATOR_PERMISSIONS = EVERYONE_PERMISSIONS | KICK_MEMBERS | BAN_MEMBERS
      | MANAGE_MESSAGES | MUTE_MEMBERS | MOVE_MEMBERS | MANAGE_NICKNAMES | MANAGE_THREADS | MODERATE_MEMBERS;
  static final long BOT_PERMISSIONS = EVERYONE_PERMISSIONS | MANAGE_CHANNELS | MANAGE_ROLES | MANAGE_MESSAGES;

  private SimWorldShapes() {
  }

  static JsonObject user(String id, String username, String globalName, String avatar, boolean bot) {
    JsonObject user = new JsonObject()
        .put("id", id)
        .put("username", username)
        .put("discriminator", "0")
        .put("global_name", globalName)
        .put("avatar", avatar)
        .putNull("avatar_decoration_data")
        .put("public_flags", 0)
        .put("flags", 0);
    if (bot) {
      user.put("bot", true);
    }
    return user;
  }

  static JsonObject member(JsonObject user, JsonArray roles, String joinedAt, String nick) {
    return new JsonObject()
        .put("user", user)
        .put("nick", nick)
        .putNull("avatar")
        .putNull("banner")
        .put("roles", roles)
        .put("joined_at", joinedAt)
        .putNull("premium_since")
        .put("deaf", false)
        .put("mute", false)
        .put("pending", false)
        .put("flags", 0)
        .putNull("communication_disabled_until");
  }

  static JsonObject role(String id, String name, int color, long permissions, int position) {
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("color", color)
        .put("colors", new JsonObject().put("primary_color", color).putNull("secondary_color")
            .putNull("tertiary_color"))
        .put("hoist", false)
        .putNull("icon")
        .putNull("unicode_emoji")
        .put("position", position)
        .put("permissions", Long.toString(permissions))
        .put("managed", false)
        .put("mentionable", false)
        .put("flags", 0);
  }

  static JsonObject overwrite(String id, int type, long allow, long deny) {
    return new JsonObject().put("id", id).put("type", type)
        .put("allow", Long.toString(allow)).put("deny", Long.toString(deny));
  }

  /** The fields every guild channel has; callers add the ones of its type. */
  static JsonObject channel(String id, int type, String name, int position, String parentId,
      JsonArray overwrites) {
    return new JsonObject()
        .put("id", id)
        .put("type", type)
        .put("name", name)
        .put("position", position)
        .put("parent_id", parentId)
        .put("permission_overwrites", overwrites)
        .put("nsfw", false)
        .put("flags", 0);
  }

  static JsonObject textChannel(JsonObject base, String topic, String lastMessageId, int slowmode) {
    return base.put("topic", topic).put("rate_limit_per_user", slowmode)
        .put("last_message_id", lastMessageId).put("default_auto_archive_duration", 1440);
  }

  static JsonObject voiceChannel(JsonObject base, int bitrate, int userLimit) {
    return base.put("bitrate", bitrate).put("user_limit", userLimit).putNull("rtc_region")
        .put("rate_limit_per_user", 0).putNull("last_message_id");
  }

  static JsonObject thread(String id, String name, String parentId, String ownerId, String createdAt,
      int messageCount) {
    return new JsonObject()
        .put("id", id)
        .put("type", PUBLIC_THREAD)
        .put("name", name)
        .put("parent_id", parentId)
        .put("owner_id", ownerId)
        .putNull("last_message_id")
        .put("message_count", messageCount)
        .put("member_count", 1 + Math.min(messageCount, 20))
        .put("total_message_sent", messageCount)
        .put("rate_limit_per_user", 0)
        .put("flags", 0)
        .put("thread_metadata", new JsonObject()
            .put("archived", false)
            .put("auto_archive_duration", 1440)
            .put("archive_timestamp", createdAt)
            .put("locked", false)
            .put("create_timestamp", createdAt));
  }

  static JsonObject presence(String userId, String status, JsonArray activities, String platform) {
    return new JsonObject()
        .put("user", new JsonObject().put("id", userId))
        .put("status", status)
        .put("activities", activities)
        .put("client_status", new JsonObject().put(platform, status));
  }

  static JsonObject playingActivity(String game, long createdAtMs) {
    return new JsonObject().put("name", game).put("type", 0).put("created_at", createdAtMs);
  }

  static JsonObject customStatus(String text, String emoji, long createdAtMs) {
    return new JsonObject().put("name", "Custom Status").put("type", 4).put("state", text)
        .put("emoji", new JsonObject().put("name", emoji)).put("created_at", createdAtMs);
  }

  /** A voice state as GUILD_CREATE lists it (no guild_id, no member). */
  static JsonObject voiceState(String channelId, String userId, String sessionId, boolean selfMute,
      boolean selfDeaf, boolean suppress) {
    return new JsonObject()
        .put("channel_id", channelId)
        .put("user_id", userId)
        .put("session_id", sessionId)
        .put("deaf", false)
        .put("mute", false)
        .put("self_deaf", selfDeaf)
        .put("self_mute", selfMute)
        .put("self_video", false)
        .put("suppress", suppress)
        .putNull("request_to_speak_timestamp");
  }

  static JsonObject message(String id, String channelId, JsonObject author, String content,
      String timestamp, int channelType) {
    return new JsonObject()
        .put("id", id)
        .put("type", 0)
        .put("channel_id", channelId)
        .put("author", author)
        .put("content", content)
        .put("timestamp", timestamp)
        .putNull("edited_timestamp")
        .put("tts", false)
        .put("mention_everyone", false)
        .put("mentions", new JsonArray())
        .put("mention_roles", new JsonArray())
        .put("attachments", new JsonArray())
        .put("embeds", new JsonArray())
        .put("components", new JsonArray())
        .put("pinned", false)
        .put("flags", 0)
        .put("channel_type", channelType);
  }
}
