package io.shardgate.simulator;

import static io.shardgate.simulator.SimWorldShapes.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds one guild's GUILD_CREATE from its own seed, so a guild comes out the same whenever (and
 * whether or not other guilds are) built: worlds can build guilds lazily and stay deterministic.
 * One factory instance builds one guild.
 */
final class SimWorldGuildFactory {
  /** Discord's default IDENTIFY large_threshold: above it a guild is "large". */
  static final int LARGE_THRESHOLD = 50;
  private static final long FIRST_GUILD_CREATED_MS = 1_451_606_400_000L; // 2016-01-01
  private static final long LAST_GUILD_CREATED_MS = 1_704_067_200_000L;  // 2024-01-01
  private static final int[] ROLE_COLORS = {0x1abc9c, 0x2ecc71, 0x3498db, 0x9b59b6, 0xe91e63, 0xf1c40f,
      0xe67e22, 0xe74c3c, 0x95a5a6, 0x607d8b};
  private static final int MAX_EXTRA_ROLES = 10;
  /** Sizes: 90% of guilds have 5-50 members, 9% 50-300, 1% 300-1500. */
  private static final double SMALL_SHARE = 0.90;
  private static final double MEDIUM_SHARE = 0.09;
  private static final int BITRATE = 64_000;

  private final Random random;
  private final SimWorldIds ids;
  private final String guildId;
  private final long maxGapMs;
  private final JsonObject botUser;
  private final long botJoinedMs;
  private final long nowMs;
  private final boolean community;
  private final int humanCount;
  private final int channelBudget;
  private final int boosts;
  private final JsonObject guild = new JsonObject();
  private final JsonArray roles = new JsonArray();
  private final JsonArray channels = new JsonArray();
  private String moderatorRoleId;
  private String botRoleId;

  private SimWorldGuildFactory(Random random, SimWorldIds ids, String guildId, long worldStartMs,
      JsonObject botUser, Long joinedNowMs) {
    this.random = random;
    this.ids = ids;
    this.guildId = guildId;
    this.botUser = botUser;
    this.humanCount = memberCount(random);
    this.channelBudget = humanCount > 200 ? 15 + random.nextInt(26) : 5 + random.nextInt(16);
    this.community = random.nextDouble() < 0.6;
    this.boosts = random.nextInt(4) == 0 ? random.nextInt(30) : 0;
    long createdMs = SimWorldIds.millisOf(guildId);
    long historyMs = Math.max(1, worldStartMs - createdMs);
    int expectedIds = 2 * (humanCount + channelBudget + MAX_EXTRA_ROLES + 40);
    this.maxGapMs = Math.max(1, historyMs / expectedIds);
    this.botJoinedMs = joinedNowMs != null ? joinedNowMs : createdMs + (long) (random.nextDouble() * historyMs);
    this.nowMs = joinedNowMs != null ? joinedNowMs : worldStartMs;
  }

  /**
   * The guild id for guild {@code index}: created at a seeded time, nudged by a few milliseconds so that
   * {@code (id >> 22) % shardCount == shardId}.
   */
  static String guildId(Random random, int index, int shardId, int shardCount) {
    long createdMs = FIRST_GUILD_CREATED_MS
        + (long) (random.nextDouble() * (LAST_GUILD_CREATED_MS - FIRST_GUILD_CREATED_MS));
    long offset = createdMs - SimWorldIds.DISCORD_EPOCH_MS;
    offset = offset - offset % shardCount + shardId;
    return Long.toString(SimWorldIds.snowflake(offset + SimWorldIds.DISCORD_EPOCH_MS, index));
  }

  /**
   * Builds the guild. {@code joinedNowMs} is null for guilds the bot was in before the world started
   * (it joined at a seeded moment of the guild's history), else the moment it joins.
   */
  static SimWorldGuild build(Random random, int index, String guildId, long worldStartMs,
      JsonObject botUser, Long joinedNowMs) {
    SimWorldIds ids = new SimWorldIds(index, SimWorldIds.millisOf(guildId));
    return new SimWorldGuildFactory(random, ids, guildId, worldStartMs, botUser, joinedNowMs).build();
  }

  private static int memberCount(Random random) {
    double size = random.nextDouble();
    if (size < SMALL_SHARE) {
      return 5 + random.nextInt(46);
    } else if (size < SMALL_SHARE + MEDIUM_SHARE) {
      return 50 + random.nextInt(250);
    }
    return 300 + random.nextInt(1200);
  }

  private SimWorldGuild build() {
    String ownerId = ids.nextAfterGap(random, maxGapMs);
    addRoles();
    addChannels();
    SimWorldPeopleFactory people = new SimWorldPeopleFactory(random, ids, maxGapMs, nowMs);
    JsonArray members = people.members(ownerId, humanCount, roles, botUser, botRoleId, botJoinedMs);
    SimWorldExtrasFactory extras = new SimWorldExtrasFactory(random, ids, maxGapMs, guildId, nowMs);
    putGuildFields(ownerId, extras.emojis(roles), extras.stickers(community));
    stampLastMessages();
    guild.put("joined_at", SimWorldIds.iso(botJoinedMs))
        .put("large", members.size() > LARGE_THRESHOLD)
        .put("unavailable", false)
        .put("member_count", members.size())
        .put("voice_states", people.voiceStates(members, channels))
        .put("members", members)
        .put("channels", channels)
        .put("threads", extras.threads(channels, members))
        .put("presences", people.presences(members, botUser.getString("id")))
        .put("stage_instances", extras.stageInstances(channels))
        .put("guild_scheduled_events", extras.scheduledEvents(channels, ownerId))
        .put("soundboard_sounds", extras.soundboardSounds(boosts));
    return new SimWorldGuild(guildId, ids, guild, people.userSerial());
  }

  /** Text channels have had messages: their last_message_id is among the guild's newest ids. */
  private void stampLastMessages() {
    for (JsonObject channel : SimWorldGuild.filter(channels, SimWorldGuildFactory::isMessageChannel)) {
      if (random.nextInt(5) != 0) {
        channel.put("last_message_id", ids.nextAfterGap(random, maxGapMs));
      }
    }
  }

  static boolean isMessageChannel(JsonObject channel) {
    int type = channel.getInteger("type");
    return type == GUILD_TEXT || type == GUILD_ANNOUNCEMENT;
  }

  private void addRoles() {
    roles.add(role(guildId, "@everyone", 0, EVERYONE_PERMISSIONS, 0));
    int extra = 2 + random.nextInt(MAX_EXTRA_ROLES - 1);
    for (int position = 1; position <= extra; position++) {
      String id = ids.nextAfterGap(random, maxGapMs);
      boolean moderator = position == extra;
      JsonObject role = role(id, moderator ? "Moderator" : SimWorldNames.roleName(random),
          ROLE_COLORS[random.nextInt(ROLE_COLORS.length)], moderator ? MODERATOR_PERMISSIONS : 0, position);
      role.put("hoist", moderator || random.nextBoolean()).put("mentionable", random.nextBoolean());
      roles.add(role);
      if (moderator) {
        moderatorRoleId = id;
      }
    }
    // The role Discord creates for the bot when it joins: managed, tagged with the bot's id.
    botRoleId = ids.nextAfterGap(random, maxGapMs);
    roles.add(role(botRoleId, botUser.getString("username"), 0, BOT_PERMISSIONS, extra + 1)
        .put("managed", true).put("tags", new JsonObject().put("bot_id", botUser.getString("id"))));
  }

  private void addChannels() {
    int categories = 1 + random.nextInt(Math.min(4, channelBudget / 4 + 1));
    List<String> categoryIds = new ArrayList<>();
    for (int i = 0; i < categories; i++) {
      String id = ids.nextAfterGap(random, maxGapMs);
      boolean staff = i == categories - 1 && categories > 1;
      JsonArray overwrites = staff ? staffOverwrites() : new JsonArray();
      channels.add(channel(id, GUILD_CATEGORY, staff ? "Staff" : SimWorldNames.categoryName(random), i,
          null, overwrites));
      categoryIds.add(id);
    }
    int textPosition = 0;
    int voicePosition = 0;
    int remaining = channelBudget - categories;
    int voiceCount = Math.max(1, remaining / 3);
    for (int i = 0; i < remaining; i++) {
      String id = ids.nextAfterGap(random, maxGapMs);
      String parent = categoryIds.get(random.nextInt(categoryIds.size()));
      if (i == remaining - 1) {
        // Every guild keeps a plain #general: the system channel, and somewhere to talk.
        channels.add(textChannel(channel(id, GUILD_TEXT, "general", textPosition++, parent, new JsonArray()),
            null, null, 0));
      } else if (i < voiceCount) {
        channels.add(voiceChannel(channel(id, GUILD_VOICE, SimWorldNames.voiceChannelName(random),
            voicePosition++, parent, new JsonArray()), BITRATE, random.nextInt(3) == 0 ? 10 : 0));
      } else if (community && i == voiceCount) {
        channels.add(voiceChannel(channel(id, GUILD_STAGE_VOICE, "Stage", voicePosition++, parent,
            new JsonArray()), BITRATE, 10_000).put("topic", (String) null));
      } else if (community && i == voiceCount + 1) {
        channels.add(forum(id, textPosition++, parent));
      } else {
        int type = community && i == voiceCount + 2 ? GUILD_ANNOUNCEMENT : GUILD_TEXT;
        channels.add(textChannel(channel(id, type, SimWorldNames.textChannelName(random), textPosition++, parent,
            new JsonArray()), random.nextInt(4) == 0 ? SimWorldNames.words(random, 4) : null, null,
            random.nextInt(5) == 0 ? 5 : 0));
      }
    }
  }

  private JsonArray staffOverwrites() {
    return new JsonArray()
        .add(overwrite(guildId, OVERWRITE_ROLE, 0, VIEW_CHANNEL))
        .add(overwrite(moderatorRoleId, OVERWRITE_ROLE, VIEW_CHANNEL, 0))
        .add(overwrite(botRoleId, OVERWRITE_ROLE, VIEW_CHANNEL | SEND_MESSAGES, 0));
  }

  private JsonObject forum(String id, int position, String parent) {
    JsonArray tags = new JsonArray();
    for (String name : List.of("question", "solved", "idea")) {
      tags.add(new JsonObject().put("id", ids.nextAfterGap(random, maxGapMs)).put("name", name)
          .put("moderated", false).putNull("emoji_id").put("emoji_name", SimWorldNames.unicodeEmoji(random)));
    }
    return channel(id, GUILD_FORUM, "forum", position, parent, new JsonArray())
        .put("topic", "Ask and share").put("rate_limit_per_user", 0).putNull("last_message_id")
        .put("default_auto_archive_duration", 4320).put("available_tags", tags)
        .putNull("default_reaction_emoji").put("default_thread_rate_limit_per_user", 0)
        .putNull("default_sort_order").put("default_forum_layout", 0);
  }

  private void putGuildFields(String ownerId, JsonArray emojis, JsonArray stickers) {
    List<JsonObject> texts = SimWorldGuild.filter(channels, c -> c.getInteger("type") == GUILD_TEXT);
    String systemChannel = texts.isEmpty() ? null : texts.get(texts.size() - 1).getString("id");
    JsonArray features = new JsonArray();
    if (community) {
      features.add("COMMUNITY").add("NEWS").add("WELCOME_SCREEN_ENABLED");
    }
    if (boosts >= 2) {
      features.add("ANIMATED_ICON").add("INVITE_SPLASH");
    }
    if (boosts >= 7) {
      features.add("BANNER");
    }
    guild.put("id", guildId)
        .put("name", SimWorldNames.guildName(random))
        .put("icon", random.nextInt(5) == 0 ? null : SimWorldNames.hex(random, 32))
        .put("description", community ? SimWorldNames.words(random, 6) : null)
        .putNull("splash").putNull("discovery_splash")
        .put("banner", boosts >= 7 ? SimWorldNames.hex(random, 32) : null)
        .put("features", features)
        .put("owner_id", ownerId)
        .putNull("application_id")
        .putNull("afk_channel_id").put("afk_timeout", 300)
        .put("system_channel_id", systemChannel).put("system_channel_flags", 0)
        .put("widget_enabled", false).putNull("widget_channel_id")
        .put("verification_level", community ? 1 : random.nextInt(3))
        .put("roles", roles)
        .put("emojis", emojis)
        .put("stickers", stickers)
        .put("default_message_notifications", random.nextInt(2))
        .put("mfa_level", 0)
        .put("explicit_content_filter", community ? 2 : 0)
        .putNull("max_presences").put("max_members", 500_000)
        .put("max_video_channel_users", 25).put("max_stage_video_channel_users", 50)
        .putNull("vanity_url_code")
        .put("premium_tier", boosts >= 14 ? 3 : boosts >= 7 ? 2 : boosts >= 2 ? 1 : 0)
        .put("premium_subscription_count", boosts)
        .put("preferred_locale", "en-US")
        .put("rules_channel_id", community ? systemChannel : null)
        .put("public_updates_channel_id", community ? systemChannel : null)
        .putNull("safety_alerts_channel_id")
        .put("nsfw", false).put("nsfw_level", 0)
        .put("premium_progress_bar_enabled", false)
        .putNull("incidents_data");
  }
}
