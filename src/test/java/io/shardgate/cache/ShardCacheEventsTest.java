package io.shardgate.cache;

import static io.shardgate.cache.ShardCacheLifecycleTest.guild;
import static io.shardgate.cache.ShardCacheLifecycleTest.member;
import static io.shardgate.cache.ShardCacheLifecycleTest.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.shardgate.config.CacheConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dispatches the simulator does not (yet) generate, checked on a small hand-made guild. */
class ShardCacheEventsTest {
  private static final String GUILD = "11";
  private ShardCache cache;

  private void start(CacheConfig flags, JsonObject guild) {
    cache = new ShardCache(flags);
    cache.onReady(ready(GUILD));
    apply("GUILD_CREATE", guild);
  }

  private void apply(String type, JsonObject data) {
    if (cache.wants(type)) {
      cache.apply(type, data);
    }
  }

  private JsonObject crafted() {
    return new JsonObject(cache.guildCreate(GUILD));
  }

  private List<String> ids(String key, String idKey) {
    return crafted().getJsonArray(key).stream().map(item -> ((JsonObject) item).getString(idKey)).toList();
  }

  @Test
  void emoji_and_sticker_updates_replace_the_whole_list() {
    start(ShardCacheGroundTruthTest.all(), guild(GUILD)
        .put("emojis", new JsonArray().add(emoji("1")).add(emoji("2")))
        .put("stickers", new JsonArray().add(sticker("5"))));
    apply("GUILD_EMOJIS_UPDATE", new JsonObject().put("guild_id", GUILD)
        .put("emojis", new JsonArray().add(emoji("2")).add(emoji("3"))));
    apply("GUILD_STICKERS_UPDATE", new JsonObject().put("guild_id", GUILD).put("stickers", new JsonArray()));
    assertEquals(List.of("2", "3"), ids("emojis", "id"));
    assertEquals(List.of(), ids("stickers", "id"));
  }

  @Test
  void emoji_creators_are_kept_only_with_the_users_flag() {
    JsonObject withCreator = emoji("1").put("user", new JsonObject().put("id", "7"));
    start(CacheConfig.fromJson(new JsonObject().put("emojis", true)), guild(GUILD).put("emojis",
        new JsonArray().add(withCreator)));
    assertEquals(emoji("1"), crafted().getJsonArray("emojis").getJsonObject(0));
    start(CacheConfig.fromJson(new JsonObject().put("emojis", true).put("users", true)), guild(GUILD)
        .put("emojis", new JsonArray().add(withCreator)));
    assertEquals(withCreator, crafted().getJsonArray("emojis").getJsonObject(0));
  }

  @Test
  void stage_instances_and_scheduled_events_follow_create_update_delete() {
    start(ShardCacheGroundTruthTest.all(), guild(GUILD));
    apply("STAGE_INSTANCE_CREATE", new JsonObject().put("id", "30").put("guild_id", GUILD).put("topic", "a"));
    apply("STAGE_INSTANCE_CREATE", new JsonObject().put("id", "31").put("guild_id", GUILD).put("topic", "b"));
    apply("STAGE_INSTANCE_UPDATE", new JsonObject().put("id", "30").put("guild_id", GUILD).put("topic", "c"));
    apply("STAGE_INSTANCE_DELETE", new JsonObject().put("id", "31").put("guild_id", GUILD));
    assertEquals(new JsonArray().add(new JsonObject().put("id", "30").put("guild_id", GUILD).put("topic", "c")),
        crafted().getJsonArray("stage_instances"));
    apply("GUILD_SCHEDULED_EVENT_CREATE", new JsonObject().put("id", "40").put("guild_id", GUILD).put("status", 1));
    apply("GUILD_SCHEDULED_EVENT_UPDATE", new JsonObject().put("id", "40").put("guild_id", GUILD).put("status", 2));
    assertEquals(2, crafted().getJsonArray("guild_scheduled_events").getJsonObject(0).getInteger("status"));
    apply("GUILD_SCHEDULED_EVENT_DELETE", new JsonObject().put("id", "40").put("guild_id", GUILD));
    assertEquals(List.of(), ids("guild_scheduled_events", "id"));
  }

  @Test
  void soundboard_sounds_are_kept_whatever_the_flags() {
    start(CacheConfig.defaults(), guild(GUILD));
    apply("GUILD_SOUNDBOARD_SOUND_CREATE", sound("50"));
    apply("GUILD_SOUNDBOARD_SOUND_CREATE", sound("51"));
    apply("GUILD_SOUNDBOARD_SOUND_DELETE", new JsonObject().put("sound_id", "50").put("guild_id", GUILD));
    assertEquals(List.of("51"), ids("soundboard_sounds", "sound_id"));
    apply("GUILD_SOUNDBOARD_SOUNDS_UPDATE", new JsonObject().put("guild_id", GUILD)
        .put("soundboard_sounds", new JsonArray().add(sound("52"))));
    assertEquals(List.of("52"), ids("soundboard_sounds", "sound_id"));
  }

  @Test
  void deleting_a_channel_deletes_its_threads_and_pins_update_the_channel() {
    start(CacheConfig.defaults(), guild(GUILD));
    apply("CHANNEL_CREATE", channel("20", 0, null));
    apply("CHANNEL_CREATE", channel("21", 0, null));
    apply("THREAD_CREATE", channel("22", 11, "20"));
    apply("THREAD_CREATE", channel("23", 11, "21").put("newly_created", true));
    apply("CHANNEL_PINS_UPDATE", new JsonObject().put("guild_id", GUILD).put("channel_id", "21")
        .put("last_pin_timestamp", "2025-01-01T00:00:00+00:00"));
    apply("CHANNEL_DELETE", channel("20", 0, null));
    assertEquals(List.of("21"), ids("channels", "id"));
    assertEquals(List.of("23"), ids("threads", "id"));
    assertEquals("2025-01-01T00:00:00+00:00",
        crafted().getJsonArray("channels").getJsonObject(0).getString("last_pin_timestamp"));
    JsonObject thread = crafted().getJsonArray("threads").getJsonObject(0);
    assertFalse(thread.containsKey("newly_created"));
    assertFalse(thread.containsKey("guild_id"), "stored in GUILD_CREATE's shape: " + thread);
  }

  @Test
  void thread_list_sync_replaces_the_threads_of_the_synced_channels() {
    start(CacheConfig.defaults(), guild(GUILD));
    apply("THREAD_CREATE", channel("22", 11, "20"));
    apply("THREAD_CREATE", channel("23", 11, "21"));
    apply("THREAD_LIST_SYNC", new JsonObject().put("guild_id", GUILD).put("channel_ids", new JsonArray().add("20"))
        .put("threads", new JsonArray().add(channel("24", 11, "20"))).put("members", new JsonArray()));
    assertEquals(List.of("23", "24"), ids("threads", "id"));
    apply("THREAD_LIST_SYNC", new JsonObject().put("guild_id", GUILD)
        .put("threads", new JsonArray().add(channel("25", 11, "21"))));
    assertEquals(List.of("25"), ids("threads", "id"));
  }

  @Test
  void member_updates_merge_into_the_cached_member_and_skip_unknown_ones() {
    start(ShardCacheGroundTruthTest.all(), guild(GUILD));
    apply("GUILD_MEMBER_UPDATE", new JsonObject().put("guild_id", GUILD)
        .put("user", new JsonObject().put("id", "7").put("username", "u7")).put("nick", "seven")
        .put("roles", new JsonArray()));
    apply("GUILD_MEMBER_UPDATE", member("8").put("guild_id", GUILD));
    JsonObject expected = member("7").put("nick", "seven");
    assertEquals(expected, crafted().getJsonArray("members").getJsonObject(1));
    assertEquals(List.of("100", "7"), memberIds());
  }

  @Test
  void the_current_member_alone_keeps_only_the_bots_member() {
    start(CacheConfig.defaults(), guild(GUILD));
    apply("GUILD_MEMBER_ADD", member("8").put("guild_id", GUILD));
    apply("GUILD_MEMBER_UPDATE", member("100").put("guild_id", GUILD).put("nick", "me"));
    assertEquals(List.of("100"), memberIds());
    assertEquals("me", crafted().getJsonArray("members").getJsonObject(0).getString("nick"));
    assertEquals(3, crafted().getInteger("member_count"));
  }

  @Test
  void member_chunks_add_members_and_presences() {
    start(ShardCacheGroundTruthTest.all(), guild(GUILD));
    apply("GUILD_MEMBERS_CHUNK", new JsonObject().put("guild_id", GUILD).put("chunk_index", 0).put("chunk_count", 1)
        .put("members", new JsonArray().add(member("7")).add(member("9")))
        .put("presences", new JsonArray().add(presence("9", "online")).add(presence("7", "offline"))));
    assertEquals(List.of("100", "7", "9"), memberIds());
    assertEquals(1, crafted().getJsonArray("presences").size());
    assertEquals(2, crafted().getInteger("member_count"), "a chunk lists members, it does not add any");
  }

  @Test
  void presences_name_their_user_by_id_only() {
    start(ShardCacheGroundTruthTest.all(), guild(GUILD));
    JsonObject update = presence("7", "idle").put("guild_id", GUILD);
    update.getJsonObject("user").put("username", "u7").put("avatar", "abc");
    apply("PRESENCE_UPDATE", update);
    assertEquals(presence("7", "idle"), crafted().getJsonArray("presences").getJsonObject(0));
  }

  @Test
  void deleting_a_role_removes_it_from_members_even_without_the_roles_flag() {
    start(CacheConfig.fromJson(new JsonObject().put("roles", false).put("members", true)), guild(GUILD)
        .put("members", new JsonArray().add(member("7").put("roles", new JsonArray().add("60").add("61")))));
    apply("GUILD_ROLE_DELETE", new JsonObject().put("guild_id", GUILD).put("role_id", "60"));
    assertEquals(new JsonArray().add("61"), crafted().getJsonArray("members").getJsonObject(0).getJsonArray("roles"));
    assertEquals(new JsonArray(), crafted().getJsonArray("roles"));
  }

  private List<String> memberIds() {
    return crafted().getJsonArray("members").stream()
        .map(m -> ((JsonObject) m).getJsonObject("user").getString("id")).toList();
  }

  private static JsonObject emoji(String id) {
    return new JsonObject().put("id", id).put("name", "e" + id).put("roles", new JsonArray()).put("animated", false);
  }

  private static JsonObject sticker(String id) {
    return new JsonObject().put("id", id).put("name", "s" + id).put("guild_id", GUILD);
  }

  private static JsonObject sound(String id) {
    return new JsonObject().put("sound_id", id).put("name", "s" + id).put("volume", 1.0).put("guild_id", GUILD);
  }

  private static JsonObject channel(String id, int type, String parentId) {
    return new JsonObject().put("id", id).put("type", type).put("name", "c" + id).put("parent_id", parentId)
        .put("guild_id", GUILD);
  }

  private static JsonObject presence(String userId, String status) {
    return new JsonObject().put("user", new JsonObject().put("id", userId)).put("status", status)
        .put("activities", new JsonArray()).put("client_status", new JsonObject().put("desktop", status));
  }
}
