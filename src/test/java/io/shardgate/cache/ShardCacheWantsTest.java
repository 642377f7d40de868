package io.shardgate.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.config.CacheConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardCacheWantsTest {
  private static final CacheConfig NOTHING =
      new CacheConfig(false, false, false, false, false, false, false, false, false, false, false);
  private static final CacheConfig ALL = ShardCacheGroundTruthTest.all();

  @ParameterizedTest
  @ValueSource(strings = {"MESSAGE_CREATE", "MESSAGE_UPDATE", "MESSAGE_DELETE", "TYPING_START",
      "MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE", "INTERACTION_CREATE", "VOICE_SERVER_UPDATE",
      "RESUMED", "READY", "SOME_FUTURE_EVENT", ""})
  void chat_and_unknown_events_are_never_wanted(String type) {
    assertFalse(new ShardCache(ALL).wants(type));
    assertFalse(new ShardCache(CacheConfig.defaults()).wants(type));
  }

  @Test
  void null_type_is_not_wanted() {
    assertFalse(new ShardCache(ALL).wants(null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE", "GUILD_MEMBER_ADD",
      "GUILD_MEMBER_REMOVE", "USER_UPDATE", "GUILD_SOUNDBOARD_SOUNDS_UPDATE"})
  void guild_lifecycle_and_member_count_events_are_wanted_even_with_every_flag_off(String type) {
    assertTrue(new ShardCache(NOTHING).wants(type));
  }

  @Test
  void presence_updates_are_wanted_only_with_presences() {
    assertFalse(new ShardCache(CacheConfig.defaults()).wants("PRESENCE_UPDATE"));
    assertTrue(new ShardCache(with(NOTHING, "presences")).wants("PRESENCE_UPDATE"));
  }

  @Test
  void each_flag_brings_its_own_events() {
    assertWantedOnlyWith("channels", "CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE", "THREAD_CREATE",
        "THREAD_UPDATE", "THREAD_DELETE", "THREAD_LIST_SYNC", "CHANNEL_PINS_UPDATE");
    assertWantedOnlyWith("roles", "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE");
    assertWantedOnlyWith("emojis", "GUILD_EMOJIS_UPDATE");
    assertWantedOnlyWith("stickers", "GUILD_STICKERS_UPDATE");
    assertWantedOnlyWith("voice_states", "VOICE_STATE_UPDATE");
    assertWantedOnlyWith("stage_instances", "STAGE_INSTANCE_CREATE", "STAGE_INSTANCE_UPDATE",
        "STAGE_INSTANCE_DELETE");
    assertWantedOnlyWith("scheduled_events", "GUILD_SCHEDULED_EVENT_CREATE", "GUILD_SCHEDULED_EVENT_UPDATE",
        "GUILD_SCHEDULED_EVENT_DELETE");
  }

  @Test
  void member_updates_are_wanted_with_members_or_the_current_member() {
    assertFalse(new ShardCache(NOTHING).wants("GUILD_MEMBER_UPDATE"));
    assertTrue(new ShardCache(with(NOTHING, "members")).wants("GUILD_MEMBER_UPDATE"));
    assertTrue(new ShardCache(with(NOTHING, "current_member")).wants("GUILD_MEMBER_UPDATE"));
  }

  @Test
  void role_deletes_are_wanted_by_roles_and_by_members_who_lose_the_role() {
    assertFalse(new ShardCache(NOTHING).wants("GUILD_ROLE_DELETE"));
    assertTrue(new ShardCache(with(NOTHING, "roles")).wants("GUILD_ROLE_DELETE"));
    assertTrue(new ShardCache(with(NOTHING, "members")).wants("GUILD_ROLE_DELETE"));
    assertFalse(new ShardCache(with(NOTHING, "members")).wants("GUILD_ROLE_CREATE"));
  }

  @Test
  void member_chunks_are_wanted_with_members_or_presences_but_not_the_current_member_alone() {
    assertFalse(new ShardCache(with(NOTHING, "current_member")).wants("GUILD_MEMBERS_CHUNK"));
    assertTrue(new ShardCache(with(NOTHING, "members")).wants("GUILD_MEMBERS_CHUNK"));
    assertTrue(new ShardCache(with(NOTHING, "presences")).wants("GUILD_MEMBERS_CHUNK"));
  }

  private static void assertWantedOnlyWith(String flag, String... types) {
    for (String type : types) {
      assertFalse(new ShardCache(NOTHING).wants(type), type + " without " + flag);
      assertTrue(new ShardCache(with(NOTHING, flag)).wants(type), type + " with " + flag);
    }
  }

  static CacheConfig with(CacheConfig base, String flag) {
    return CacheConfig.fromJson(base.toJson().put(flag, true));
  }
}
