package io.shardgate.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.config.CacheConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The simulator's world is the ground truth: a cache fed its READY, GUILD_CREATEs and dispatches must
 * craft, for every guild, the world's current GUILD_CREATE restricted to the enabled flags.
 *
 * <p>One known divergence is normalised away: channels' {@code last_message_id}, which only
 * MESSAGE_CREATE moves and which the cache deliberately does not parse (see {@link CachedEventTypes}).
 */
class ShardCacheGroundTruthTest {
  private static final int SHARDS = 2;
  private static final int GUILDS = 40;
  private static final int EVENTS = 20_000;
  private static final int CHECKPOINT_EVERY = 5_000;
  private static final int VOICE_MOVE_EVERY = 200;
  private static final Set<String> MUST_SEE = Set.of("GUILD_CREATE", "GUILD_DELETE", "GUILD_UPDATE",
      "CHANNEL_CREATE", "CHANNEL_DELETE", "THREAD_UPDATE", "THREAD_DELETE", "GUILD_ROLE_DELETE",
      "GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE", "PRESENCE_UPDATE", "VOICE_STATE_UPDATE");

  static CacheConfig all() {
    return new CacheConfig(true, true, true, true, true, true, true, true, true, true, true);
  }

  /** current_member without members, voice states without members: the subtle combinations. */
  static CacheConfig mixed() {
    return new CacheConfig(false, true, true, true, false, false, false, true, false, false, true);
  }

  static Stream<Arguments> seedsAndFlags() {
    return Stream.of(
        Arguments.of(1L, "all", all()),
        Arguments.of(42L, "all", all()),
        Arguments.of(20_250_101L, "all", all()),
        Arguments.of(1L, "default", CacheConfig.defaults()),
        Arguments.of(7L, "default", CacheConfig.defaults()),
        Arguments.of(3L, "mixed", mixed()));
  }

  @ParameterizedTest(name = "seed {0}, {1} flags")
  @MethodSource("seedsAndFlags")
  void crafted_guild_creates_equal_the_world_restricted_to_the_flags(long seed, String name, CacheConfig flags) {
    CacheWorld sim = new CacheWorld(seed, SHARDS, GUILDS, flags);
    assertMatchesWorld(sim, "after the initial GUILD_CREATEs");
    Random random = new Random(seed * 31 + 7);
    TreeMap<String, Integer> seen = new TreeMap<>();
    for (int i = 1; i <= EVENTS; i++) {
      seen.merge(sim.step(random).type(), 1, Integer::sum);
      if (i % VOICE_MOVE_EVERY == 0) {
        sim.botVoiceMove(random);
      }
      if (i % CHECKPOINT_EVERY == 0) {
        assertMatchesWorld(sim, "after " + i + " events");
      }
    }
    assertTrue(seen.keySet().containsAll(MUST_SEE), "event types seen: " + seen);
    sim.caches.forEach(cache -> assertEquals(0, cache.malformedEvents()));
  }

  static void assertMatchesWorld(CacheWorld sim, String when) {
    long botId = Long.parseLong(sim.world.botUser().getString("id"));
    for (int shard = 0; shard < SHARDS; shard++) {
      ShardCache cache = sim.caches.get(shard);
      // Guilds the bot left are gone, joined ones are there, in the world's order.
      assertEquals(sim.world.guildIds(shard), cache.guildIds(), "guilds of shard " + shard + " " + when);
      for (String id : cache.guildIds()) {
        assertTrue(cache.isAvailable(id));
        JsonObject expected = restrict(sim.world.guildCreate(id), sim.flags, botId);
        JsonObject actual = new JsonObject(cache.guildCreate(id));
        assertSameGuild(withoutLastMessageIds(expected), withoutLastMessageIds(actual), "guild " + id + " " + when);
      }
    }
  }

  /** Key by key first, so a failure names the field instead of printing two whole guilds. */
  static void assertSameGuild(JsonObject expected, JsonObject actual, String what) {
    Set<String> keys = new java.util.TreeSet<>(expected.fieldNames());
    keys.addAll(actual.fieldNames());
    for (String key : keys) {
      assertEquals(expected.getValue(key), actual.getValue(key), what + ", key " + key);
    }
    assertEquals(expected, actual, what);
  }

  /** The world's GUILD_CREATE as the flags keep it: arrays of disabled flags empty, as gateway-proxy sends. */
  static JsonObject restrict(JsonObject guild, CacheConfig flags, long botId) {
    emptyUnless(guild, flags.channels(), "channels", "threads");
    emptyUnless(guild, flags.roles(), "roles");
    emptyUnless(guild, flags.emojis(), "emojis");
    emptyUnless(guild, flags.stickers(), "stickers");
    emptyUnless(guild, flags.presences(), "presences");
    emptyUnless(guild, flags.voiceStates(), "voice_states");
    emptyUnless(guild, flags.stageInstances(), "stage_instances");
    emptyUnless(guild, flags.scheduledEvents(), "guild_scheduled_events");
    if (!flags.members()) {
      JsonArray kept = new JsonArray();
      for (Object member : guild.getJsonArray("members")) {
        JsonObject user = ((JsonObject) member).getJsonObject("user");
        if (flags.currentMember() && Long.parseLong(user.getString("id")) == botId) {
          kept.add(member);
        }
      }
      guild.put("members", kept);
    }
    return guild;
  }

  private static void emptyUnless(JsonObject guild, boolean kept, String... keys) {
    for (String key : keys) {
      if (!kept) {
        guild.put(key, new JsonArray());
      }
    }
  }

  static JsonObject withoutLastMessageIds(JsonObject guild) {
    JsonObject copy = guild.copy();
    copy.getJsonArray("channels").forEach(channel -> ((JsonObject) channel).remove("last_message_id"));
    return copy;
  }
}
