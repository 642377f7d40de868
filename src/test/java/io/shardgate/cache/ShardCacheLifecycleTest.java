package io.shardgate.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.config.CacheConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** READY, outages, leaving and joining: which guilds a client is told about, and how. */
class ShardCacheLifecycleTest {
  private static final String BOT = "100";
  private final ShardCache cache = new ShardCache(CacheConfig.defaults());

  @Test
  void ready_lists_every_guild_as_unavailable_until_its_guild_create() {
    cache.onReady(ready("11", "12", "13"));
    assertEquals(List.of("11", "12", "13"), cache.guildIds());
    assertEquals(3, cache.guildCount());
    assertFalse(cache.isAvailable("12"));
    cache.apply("GUILD_CREATE", guild("12"));
    assertTrue(cache.isAvailable("12"));
    assertFalse(cache.isAvailable("11"));
    assertEquals(readyGuilds("11", "12", "13"), cache.readyGuilds());
  }

  @Test
  void an_unavailable_guild_is_crafted_as_guild_delete_data() {
    cache.onReady(ready("11"));
    assertEquals(new JsonObject().put("id", "11").put("unavailable", true), new JsonObject(cache.guildCreate("11")));
  }

  @Test
  void an_outage_keeps_the_guild_unavailable_and_its_return_brings_it_back() {
    cache.onReady(ready("11", "12"));
    cache.apply("GUILD_CREATE", guild("11"));
    cache.apply("GUILD_CREATE", guild("12"));
    cache.apply("GUILD_DELETE", new JsonObject().put("id", "11").put("unavailable", true));
    assertEquals(List.of("11", "12"), cache.guildIds());
    assertFalse(cache.isAvailable("11"));
    assertEquals(readyGuilds("11", "12"), cache.readyGuilds());
    long whileOut = cache.estimatedBytes();
    cache.apply("GUILD_CREATE", guild("11").put("name", "back"));
    assertTrue(cache.isAvailable("11"));
    assertTrue(cache.estimatedBytes() > whileOut, "an outage frees the guild's data");
    assertEquals("back", new JsonObject(cache.guildCreate("11")).getString("name"));
    assertEquals(List.of("11", "12"), cache.guildIds(), "a guild keeps its place across an outage");
  }

  @Test
  void an_unavailable_guild_create_marks_the_guild_unavailable() {
    cache.onReady(ready("11"));
    cache.apply("GUILD_CREATE", guild("11"));
    cache.apply("GUILD_CREATE", new JsonObject().put("id", "11").put("unavailable", true));
    assertFalse(cache.isAvailable("11"));
  }

  @Test
  void leaving_a_guild_forgets_it_and_joining_appends_it() {
    cache.onReady(ready("11", "12"));
    cache.apply("GUILD_CREATE", guild("11"));
    cache.apply("GUILD_DELETE", new JsonObject().put("id", "11"));
    cache.apply("GUILD_CREATE", guild("15"));
    assertEquals(List.of("12", "15"), cache.guildIds());
    assertThrows(IllegalArgumentException.class, () -> cache.guildCreate("11"));
    cache.apply("CHANNEL_CREATE", new JsonObject().put("id", "900").put("type", 0).put("guild_id", "11"));
    assertEquals(List.of("12", "15"), cache.guildIds(), "events of a left guild do not bring it back");
  }

  @Test
  void a_new_ready_forgets_the_previous_session_guilds() {
    cache.onReady(ready("11", "12"));
    cache.apply("GUILD_CREATE", guild("11"));
    cache.onReady(ready("13"));
    assertEquals(List.of("13"), cache.guildIds());
  }

  @Test
  void events_of_an_unavailable_guild_change_nothing() {
    cache.onReady(ready("11"));
    cache.apply("GUILD_MEMBER_ADD", member("5").put("guild_id", "11"));
    cache.apply("GUILD_CREATE", guild("11"));
    assertEquals(2, new JsonObject(cache.guildCreate("11")).getInteger("member_count"));
  }

  @Test
  void user_update_refreshes_the_current_user() {
    assertNull(cache.currentUser());
    cache.onReady(ready());
    assertEquals(BOT, cache.currentUser().getString("id"));
    cache.apply("USER_UPDATE", new JsonObject().put("id", BOT).put("username", "renamed"));
    assertEquals("renamed", cache.currentUser().getString("username"));
  }

  @Test
  void malformed_payloads_are_counted_and_change_nothing() {
    cache.onReady(ready("11"));
    cache.apply("GUILD_CREATE", guild("11"));
    String before = cache.guildCreate("11").toString();
    cache.apply("GUILD_CREATE", new JsonObject().put("name", "no id"));
    cache.apply("GUILD_UPDATE", new JsonObject().put("id", "11").put("roles", "not an array"));
    cache.apply("GUILD_MEMBER_ADD", new JsonObject().put("guild_id", "11").put("user", 5));
    assertEquals(1, cache.malformedEvents());
    assertEquals(1, cache.guildCount());
    assertEquals(new JsonObject(before).getInteger("member_count") + 1,
        new JsonObject(cache.guildCreate("11")).getInteger("member_count"));
  }

  static JsonObject ready(String... guildIds) {
    return new JsonObject().put("v", 10).put("user", new JsonObject().put("id", BOT).put("username", "bot"))
        .put("guilds", readyGuilds(guildIds)).put("session_id", "abc");
  }

  static JsonArray readyGuilds(String... guildIds) {
    JsonArray guilds = new JsonArray();
    for (String id : guildIds) {
      guilds.add(new JsonObject().put("id", id).put("unavailable", true));
    }
    return guilds;
  }

  /** A small GUILD_CREATE: the bot and one human. */
  static JsonObject guild(String id) {
    return new JsonObject().put("id", id).put("name", "guild " + id).put("unavailable", false)
        .put("member_count", 2).put("joined_at", "2024-01-01T00:00:00.000000+00:00").put("large", false)
        .put("roles", new JsonArray().add(new JsonObject().put("id", id).put("name", "@everyone")))
        .put("members", new JsonArray().add(member(BOT)).add(member("7")))
        .put("channels", new JsonArray()).put("threads", new JsonArray()).put("presences", new JsonArray())
        .put("voice_states", new JsonArray()).put("emojis", new JsonArray()).put("stickers", new JsonArray())
        .put("stage_instances", new JsonArray()).put("guild_scheduled_events", new JsonArray())
        .put("soundboard_sounds", new JsonArray());
  }

  static JsonObject member(String userId) {
    return new JsonObject().put("user", new JsonObject().put("id", userId).put("username", "u" + userId))
        .put("nick", null).put("roles", new JsonArray()).put("joined_at", "2024-01-01T00:00:00.000000+00:00");
  }
}
