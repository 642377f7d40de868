package io.shardgate.cache;

import static io.shardgate.cache.ShardCacheLifecycleTest.guild;
import static io.shardgate.cache.ShardCacheLifecycleTest.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.config.CacheConfig;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a checkpoint writes of the cache, and a cache rebuilt from it by the shard's next owner. */
class ShardCacheCheckpointTest {

  private final ShardCache cache = new ShardCache(CacheConfig.defaults());

  @Test
  void after_ready_every_guild_is_written_and_other_entries_are_stale() {
    cache.onReady(ready("11", "12"));
    cache.apply("GUILD_CREATE", guild("11"), 2);
    CacheChanges changes = cache.drainChanges(2);
    assertTrue(changes.rewriteAll());
    assertEquals(Set.of("11", "12"), changes.entries().keySet());
    assertEquals("available", entry(changes, "11").getString("state"));
    assertEquals("loading", entry(changes, "12").getString("state"));
    assertEquals(2, entry(changes, "11").getLong("seq"));
  }

  @Test
  void later_checkpoints_write_only_the_guilds_that_changed_and_null_for_a_guild_left() {
    cache.onReady(ready("11", "12", "13"));
    cache.apply("GUILD_CREATE", guild("11"), 2);
    cache.apply("GUILD_CREATE", guild("12"), 3);
    cache.drainChanges(3);
    assertEquals(Map.of(), cache.drainChanges(3).entries(), "nothing changed");

    cache.apply("GUILD_UPDATE", guild("11").put("name", "renamed"), 4);
    cache.apply("GUILD_DELETE", new JsonObject().put("id", "12"), 5);
    CacheChanges changes = cache.drainChanges(5);
    assertFalse(changes.rewriteAll());
    assertEquals(Set.of("11", "12"), changes.entries().keySet());
    assertNull(changes.entries().get("12"), "the bot left 12");
  }

  @Test
  void changes_not_written_are_written_with_the_next_checkpoint() {
    cache.onReady(ready("11", "12"));
    cache.drainChanges(1);
    cache.apply("GUILD_CREATE", guild("11"), 2);
    CacheChanges failed = cache.drainChanges(2);
    cache.changesNotWritten(failed);
    assertEquals(Set.of("11"), cache.drainChanges(2).entries().keySet());
  }

  @Test
  void a_restored_cache_crafts_what_the_previous_owner_crafted() {
    cache.onReady(ready("11", "12", "13"));
    cache.apply("GUILD_CREATE", guild("11"), 2);
    cache.apply("GUILD_CREATE", guild("12"), 3);
    cache.apply("GUILD_DELETE", new JsonObject().put("id", "12").put("unavailable", true), 4);
    Map<String, byte[]> directory = new HashMap<>(cache.drainChanges(4).deflated().entries());

    ShardCache next = new ShardCache(CacheConfig.defaults());
    next.restore(ready("11", "12", "13"), directory, 0);
    assertEquals(cache.guildCreate("11"), next.guildCreate("11"));
    assertFalse(next.isAvailable("12"));
    assertFalse(next.isLoading("12"), "an outage stays an outage");
    assertTrue(next.isLoading("13"), "a guild still loading stays loading: its GUILD_CREATE comes live");
    assertEquals(Set.copyOf(cache.guildIds()), Set.copyOf(next.guildIds()));
  }

  @Test
  void a_restored_cache_skips_replayed_events_up_to_the_head_it_reflects() {
    cache.onReady(ready("11"));
    cache.apply("GUILD_CREATE", guild("11"), 2);
    cache.drainChanges(2);
    cache.apply("GUILD_UPDATE", guild("11").put("name", "renamed at 3"), 3);
    cache.apply("TYPING_START", new JsonObject().put("guild_id", "11"), 4);
    // Written at 3, the checkpoint says the cache reflects 4; the next owner replays from 1.
    Map<String, byte[]> directory = new HashMap<>(cache.drainChanges(3).deflated().entries());

    ShardCache next = new ShardCache(CacheConfig.defaults());
    next.restore(ready("11"), directory, 4);
    next.apply("GUILD_UPDATE", guild("11").put("name", "guild 11"), 2);
    next.apply("GUILD_UPDATE", guild("11").put("name", "renamed at 3"), 3);
    assertEquals("renamed at 3", new JsonObject(next.guildCreate("11")).getString("name"));
    next.apply("GUILD_UPDATE", guild("11").put("name", "new at 5"), 5);
    assertEquals("new at 5", new JsonObject(next.guildCreate("11")).getString("name"));
  }

  @Test
  void a_restored_guild_ahead_of_the_checkpoint_skips_the_replayed_events_it_already_holds() {
    cache.onReady(ready("11", "12"));
    cache.apply("GUILD_CREATE", guild("11"), 2);
    cache.apply("GUILD_CREATE", guild("12"), 3);
    Map<String, byte[]> directory = new HashMap<>(cache.drainChanges(3).deflated().entries());
    cache.apply("GUILD_UPDATE", guild("11").put("name", "seen at 4"), 4);
    // The next round wrote guild 11 at seq 4 but not its checkpoint: the next owner resumes from
    // seq 3, and Discord replays event 4.
    directory.putAll(cache.drainChanges(4).deflated().entries());

    ShardCache next = new ShardCache(CacheConfig.defaults());
    next.restore(ready("11", "12"), directory, 3);
    next.apply("GUILD_UPDATE", guild("11").put("name", "replayed"), 4);
    assertEquals("seen at 4", new JsonObject(next.guildCreate("11")).getString("name"),
        "event 4 is already in guild 11's entry");
    next.apply("GUILD_UPDATE", guild("12").put("name", "12 at 4"), 4);
    assertEquals("12 at 4", new JsonObject(next.guildCreate("12")).getString("name"),
        "guild 12's entry is from seq 3: event 4 is new to it");
    next.apply("GUILD_UPDATE", guild("11").put("name", "new at 5"), 5);
    assertEquals("new at 5", new JsonObject(next.guildCreate("11")).getString("name"));
  }

  private static JsonObject entry(CacheChanges changes, String guildId) {
    return new JsonObject(io.vertx.core.buffer.Buffer.buffer(changes.entries().get(guildId)));
  }
}
