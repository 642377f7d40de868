package io.shardgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The world's events, folded into its earlier GUILD_CREATEs, must give its current GUILD_CREATEs. */
class SimWorldConsistencyTest {
  private static final int SHARDS = 4;
  private static final int GUILDS = 40;
  private static final int EVENTS = 20_000;
  private static final int CHECKPOINT_EVERY = 5_000;
  private static final int COMMAND_EVERY = 250;
  private static final Set<String> EXPECTED_TYPES = Set.of("MESSAGE_CREATE", "TYPING_START", "PRESENCE_UPDATE",
      "GUILD_UPDATE", "CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE", "GUILD_ROLE_CREATE",
      "GUILD_ROLE_UPDATE", "GUILD_ROLE_DELETE", "GUILD_MEMBER_ADD", "GUILD_MEMBER_UPDATE", "GUILD_MEMBER_REMOVE",
      "THREAD_CREATE", "THREAD_UPDATE", "THREAD_DELETE", "VOICE_STATE_UPDATE", "GUILD_CREATE", "GUILD_DELETE");

  @ParameterizedTest
  @ValueSource(longs = {1L, 42L, 20_250_101L})
  void applying_every_event_to_the_first_guild_creates_reproduces_the_world(long seed) {
    SimWorld world = new SimWorld(seed, SHARDS, GUILDS);
    SimWorldApplier cache = new SimWorldApplier();
    for (int shard = 0; shard < SHARDS; shard++) {
      world.guildIds(shard).forEach(id -> cache.put(world.guildCreate(id)));
    }
    Random random = new Random(seed);
    TreeMap<String, Integer> seen = new TreeMap<>();
    for (int i = 1; i <= EVENTS; i++) {
      int shard = random.nextInt(SHARDS);
      SimEvent event = world.nextEvent(shard, random);
      assertRoutedTo(world, shard, event);
      applyOverTheWire(cache, event);
      seen.merge(event.type(), 1, Integer::sum);
      if (i % COMMAND_EVERY == 0) {
        botCommands(world, cache, random);
      }
      if (i % CHECKPOINT_EVERY == 0) {
        assertCacheMatches(world, cache, "after " + i + " events");
      }
    }
    assertTrue(seen.keySet().containsAll(EXPECTED_TYPES), "event types seen: " + seen);
  }

  /** The bot's own commands change state too: op 4 voice moves and control-API messages. */
  private static void botCommands(SimWorld world, SimWorldApplier cache, Random random) {
    int shard = random.nextInt(SHARDS);
    List<String> guilds = world.guildIds(shard);
    if (guilds.isEmpty()) {
      return;
    }
    String guildId = guilds.get(random.nextInt(guilds.size()));
    JsonObject guild = world.guildCreate(guildId);
    String voiceChannel = null;
    String textChannel = null;
    for (Object item : guild.getJsonArray("channels")) {
      JsonObject channel = (JsonObject) item;
      int type = channel.getInteger("type");
      if (type == 2) {
        voiceChannel = channel.getString("id");
      } else if (type == 0) {
        textChannel = channel.getString("id");
      }
    }
    String target = random.nextBoolean() ? voiceChannel : null;
    JsonObject op4 = new JsonObject().put("guild_id", guildId).put("channel_id", target)
        .put("self_mute", random.nextBoolean()).put("self_deaf", false);
    world.voiceStateUpdate(shard, op4, "session-" + shard).forEach(event -> applyOverTheWire(cache, event));
    applyOverTheWire(cache, world.messageCreate(textChannel, "hello from the control API"));
  }

  private static void assertRoutedTo(SimWorld world, int shard, SimEvent event) {
    if (event.guildId() == null) {
      assertEquals(0, shard, "events without a guild belong to shard 0: " + event);
      assertNull(event.data().getValue("guild_id"));
    } else {
      assertEquals(shard, world.shardOf(event.guildId()), "event routed to the guild's shard: " + event);
    }
  }

  /** Events reach a cache as text: decode them again so numbers and nulls are what a client sees. */
  private static void applyOverTheWire(SimWorldApplier cache, SimEvent event) {
    cache.apply(new SimEvent(event.type(), new JsonObject(event.data().encode()), event.guildId()));
  }

  private static void assertCacheMatches(SimWorld world, SimWorldApplier cache, String when) {
    Set<String> worldGuilds = new HashSet<>();
    for (int shard = 0; shard < SHARDS; shard++) {
      worldGuilds.addAll(world.guildIds(shard));
    }
    assertEquals(worldGuilds, cache.guildIds(), "guild set " + when);
    for (String id : worldGuilds) {
      assertEquals(world.guildCreate(id), cache.guild(id), "guild " + id + " " + when);
    }
  }
}
