package io.shardgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every generated GUILD_CREATE looks like Discord's and is internally consistent. */
class SimWorldGuildShapeTest {
  private static final long DISCORD_EPOCH_MS = 1_420_070_400_000L;
  private static final long YEAR_2026_MS = 1_767_225_600_000L;
  private static final List<String> GUILD_CREATE_KEYS = List.of("id", "name", "icon", "splash", "discovery_splash",
      "owner_id", "afk_channel_id", "afk_timeout", "verification_level", "default_message_notifications",
      "explicit_content_filter", "roles", "emojis", "features", "mfa_level", "application_id", "system_channel_id",
      "system_channel_flags", "rules_channel_id", "vanity_url_code", "description", "banner", "premium_tier",
      "preferred_locale", "public_updates_channel_id", "nsfw_level", "stickers", "premium_progress_bar_enabled",
      "safety_alerts_channel_id", "joined_at", "large", "unavailable", "member_count", "voice_states", "members",
      "channels", "threads", "presences", "stage_instances", "guild_scheduled_events", "soundboard_sounds");
  private static SimWorld world;
  private static List<JsonObject> guilds;

  @BeforeAll
  static void buildWorld() {
    world = new SimWorld(2024, 4, 300);
    guilds = SimWorldDeterminismTest.allGuildIds(world).stream().map(world::guildCreate).toList();
  }

  @Test
  void every_guild_create_has_the_documented_keys_and_is_available() {
    for (JsonObject guild : guilds) {
      for (String key : GUILD_CREATE_KEYS) {
        assertTrue(guild.containsKey(key), "guild " + guild.getString("id") + " lacks " + key);
      }
      assertFalse(guild.getBoolean("unavailable"));
      assertEquals(guild.getJsonArray("members").size(), guild.getInteger("member_count"));
      assertEquals(guild.getInteger("member_count") > 50, guild.getBoolean("large"));
    }
  }

  @Test
  void every_id_is_a_unique_snowflake_of_a_plausible_time() {
    String botId = world.botUser().getString("id");
    Set<String> ids = new HashSet<>();
    for (JsonObject guild : guilds) {
      String guildId = guild.getString("id");
      assertTrue(ids.add(guildId));
      Consumer<String> unique = id -> {
        long ms = (Long.parseLong(id) >> 22) + DISCORD_EPOCH_MS;
        assertTrue(ms > DISCORD_EPOCH_MS && ms < YEAR_2026_MS, "timestamp of " + id);
        assertTrue(ids.add(id), "id " + id + " used twice");
      };
      eachObject(guild, "roles", role -> {
        if (!role.getString("id").equals(guildId)) {
          unique.accept(role.getString("id"));
        }
      });
      eachObject(guild, "channels", channel -> unique.accept(channel.getString("id")));
      eachObject(guild, "threads", thread -> unique.accept(thread.getString("id")));
      eachObject(guild, "emojis", emoji -> unique.accept(emoji.getString("id")));
      eachObject(guild, "stickers", sticker -> unique.accept(sticker.getString("id")));
      eachObject(guild, "stage_instances", stage -> unique.accept(stage.getString("id")));
      eachObject(guild, "guild_scheduled_events", event -> unique.accept(event.getString("id")));
      eachObject(guild, "soundboard_sounds", sound -> unique.accept(sound.getString("sound_id")));
      eachObject(guild, "members", member -> {
        String userId = member.getJsonObject("user").getString("id");
        if (!userId.equals(botId)) {
          unique.accept(userId);
        }
      });
    }
  }

  @Test
  void everyone_role_owner_and_bot_are_where_discord_puts_them() {
    String botId = world.botUser().getString("id");
    for (JsonObject guild : guilds) {
      JsonObject everyone = byKey(guild.getJsonArray("roles"), "id", guild.getString("id"));
      assertNotNull(everyone, "@everyone role");
      assertEquals("@everyone", everyone.getString("name"));
      assertEquals(0, everyone.getInteger("position"));
      Long.parseLong(everyone.getString("permissions"));
      JsonObject bot = member(guild, botId);
      assertNotNull(bot, "bot is a member of " + guild.getString("id"));
      assertTrue(bot.getJsonObject("user").getBoolean("bot"));
      JsonObject botRole = byKey(guild.getJsonArray("roles"), "id", bot.getJsonArray("roles").getString(0));
      assertTrue(botRole.getBoolean("managed"));
      assertEquals(botId, botRole.getJsonObject("tags").getString("bot_id"));
      assertEquals(guild.getString("joined_at"), bot.getString("joined_at"));
      assertNotNull(member(guild, guild.getString("owner_id")), "owner is a member");
    }
  }

  @Test
  void references_inside_a_guild_point_at_existing_objects() {
    for (JsonObject guild : guilds) {
      JsonArray channels = guild.getJsonArray("channels");
      Set<String> roleIds = idsOf(guild.getJsonArray("roles"));
      eachObject(guild, "channels", channel -> {
        assertNull(channel.getValue("guild_id"), "GUILD_CREATE channels carry no guild_id");
        String parent = channel.getString("parent_id");
        if (parent != null) {
          assertEquals(4, byKey(channels, "id", parent).getInteger("type"), "parent is a category");
        }
      });
      eachObject(guild, "members", member -> assertTrue(roleIds.containsAll(member.getJsonArray("roles").getList())));
      eachObject(guild, "threads", thread ->
          assertEquals(0, byKey(channels, "id", thread.getString("parent_id")).getInteger("type")));
      eachObject(guild, "presences", presence -> {
        assertNotNull(member(guild, presence.getJsonObject("user").getString("id")));
        assertFalse("offline".equals(presence.getString("status")));
      });
      eachObject(guild, "voice_states", state -> {
        assertNull(state.getValue("guild_id"), "GUILD_CREATE voice states omit guild_id");
        assertNotNull(state.getString("session_id"));
        assertNotNull(member(guild, state.getString("user_id")));
        int type = byKey(channels, "id", state.getString("channel_id")).getInteger("type");
        assertTrue(type == 2 || type == 13, "voice state in a voice channel");
      });
      eachObject(guild, "stage_instances", stage ->
          assertEquals(13, byKey(channels, "id", stage.getString("channel_id")).getInteger("type")));
      assertNotNull(byKey(channels, "id", guild.getString("system_channel_id")), "system channel exists");
    }
  }

  @Test
  void sizes_vary_with_mostly_small_guilds_and_a_few_large_ones() {
    long small = guilds.stream().filter(g -> g.getInteger("member_count") <= 51).count();
    long large = guilds.stream().filter(g -> g.getInteger("member_count") >= 100).count();
    assertTrue(small > guilds.size() * 3 / 4, small + " small guilds of " + guilds.size());
    assertTrue(large > 0, "some guilds have hundreds of members");
    for (JsonObject guild : guilds) {
      assertTrue(guild.getInteger("member_count") >= 6, "owner, four others and the bot at least");
      int channels = guild.getJsonArray("channels").size();
      assertTrue(channels >= 5 && channels <= 40, channels + " channels");
    }
    assertTrue(guilds.stream().anyMatch(g -> !g.getJsonArray("threads").isEmpty()));
    assertTrue(guilds.stream().anyMatch(g -> !g.getJsonArray("voice_states").isEmpty()));
    assertTrue(guilds.stream().anyMatch(g -> !g.getJsonArray("stage_instances").isEmpty()));
  }

  @Test
  void the_bot_user_and_application_have_discords_shape() {
    JsonObject bot = world.botUser();
    assertEquals("0", bot.getString("discriminator"));
    assertTrue(bot.getBoolean("bot"));
    assertTrue(bot.containsKey("global_name"));
    assertEquals(bot.getString("id"), world.application().getString("id"));
    assertNotNull(world.application().getInteger("flags"));
  }

  private static void eachObject(JsonObject guild, String key, Consumer<JsonObject> check) {
    JsonArray array = guild.getJsonArray(key);
    for (int i = 0; i < array.size(); i++) {
      check.accept(array.getJsonObject(i));
    }
  }

  private static JsonObject member(JsonObject guild, String userId) {
    JsonArray members = guild.getJsonArray("members");
    for (int i = 0; i < members.size(); i++) {
      if (members.getJsonObject(i).getJsonObject("user").getString("id").equals(userId)) {
        return members.getJsonObject(i);
      }
    }
    return null;
  }

  private static JsonObject byKey(JsonArray array, String key, String value) {
    for (int i = 0; i < array.size(); i++) {
      if (value.equals(array.getJsonObject(i).getString(key))) {
        return array.getJsonObject(i);
      }
    }
    return null;
  }

  private static Set<String> idsOf(JsonArray array) {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < array.size(); i++) {
      ids.add(array.getJsonObject(i).getString("id"));
    }
    return ids;
  }
}
