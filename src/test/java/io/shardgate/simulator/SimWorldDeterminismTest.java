package io.shardgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Same seed, same world; and guilds land on the shard Discord's formula gives. */
class SimWorldDeterminismTest {
  private static final int SHARDS = 3;
  private static final int GUILDS = 200;

  @Test
  void worlds_with_the_same_seed_hold_byte_identical_guilds_whatever_the_build_order() {
    SimWorld first = new SimWorld(7, SHARDS, GUILDS);
    SimWorld second = new SimWorld(7, SHARDS, GUILDS);
    List<String> ids = allGuildIds(first);
    List<String> reversed = new ArrayList<>(allGuildIds(second));
    Collections.reverse(reversed);
    assertEquals(ids, allGuildIds(second));
    reversed.forEach(second::guildCreate); // build the second world's guilds in the opposite order
    for (String id : ids) {
      assertEquals(first.guildCreate(id).encode(), second.guildCreate(id).encode(), "guild " + id);
    }
    assertEquals(first.botUser(), second.botUser());
    assertEquals(first.application(), second.application());
  }

  @Test
  void worlds_with_the_same_seed_emit_the_same_events() {
    SimWorld first = new SimWorld(11, SHARDS, 30);
    SimWorld second = new SimWorld(11, SHARDS, 30);
    Random firstRandom = new Random(5);
    Random secondRandom = new Random(5);
    for (int i = 0; i < 3_000; i++) {
      int shard = i % SHARDS;
      assertEquals(first.nextEvent(shard, firstRandom), second.nextEvent(shard, secondRandom), "event " + i);
    }
    for (String id : allGuildIds(first)) {
      assertEquals(first.guildCreate(id).encode(), second.guildCreate(id).encode());
    }
  }

  @Test
  void worlds_with_different_seeds_differ() {
    SimWorld first = new SimWorld(1, SHARDS, GUILDS);
    SimWorld second = new SimWorld(2, SHARDS, GUILDS);
    assertNotEquals(first.botUser(), second.botUser());
    Set<String> shared = new HashSet<>(allGuildIds(first));
    shared.retainAll(allGuildIds(second));
    assertTrue(shared.isEmpty(), "guild ids shared by two seeds: " + shared);
    String firstGuild = first.guildIds(0).get(0);
    String secondGuild = second.guildIds(0).get(0);
    assertNotEquals(first.guildCreate(firstGuild).getString("name") + first.guildCreate(firstGuild).getInteger("member_count"),
        second.guildCreate(secondGuild).getString("name") + second.guildCreate(secondGuild).getInteger("member_count"));
  }

  @Test
  void guild_i_lands_on_shard_i_mod_shard_count_and_the_shards_partition_the_guilds() {
    int shards = 7;
    int guilds = 100;
    SimWorld world = new SimWorld(3, shards, guilds);
    Set<String> seen = new HashSet<>();
    for (int shard = 0; shard < shards; shard++) {
      List<String> ids = world.guildIds(shard);
      int expected = guilds / shards + (shard < guilds % shards ? 1 : 0);
      assertEquals(expected, ids.size(), "guilds on shard " + shard);
      for (String id : ids) {
        assertEquals(shard, (Long.parseLong(id) >> 22) % shards, "Discord's formula for " + id);
        assertEquals(shard, world.shardOf(id));
        assertTrue(seen.add(id), "guild " + id + " is on two shards");
      }
    }
    assertEquals(guilds, seen.size());
  }

  @Test
  void a_single_shard_world_holds_every_guild_and_an_empty_world_holds_none() {
    assertEquals(25, new SimWorld(4, 1, 25).guildIds(0).size());
    assertTrue(new SimWorld(4, 2, 0).guildIds(1).isEmpty());
  }

  @Test
  void invalid_sizes_and_unknown_ids_are_refused_with_a_clear_error() {
    assertThrows(IllegalArgumentException.class, () -> new SimWorld(1, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new SimWorld(1, 1, -1));
    SimWorld world = new SimWorld(1, 2, 4);
    assertThrows(IllegalArgumentException.class, () -> world.guildIds(2));
    assertThrows(IllegalArgumentException.class, () -> world.guildCreate("12345"));
    assertThrows(IllegalArgumentException.class, () -> world.nextEvent(-1, new Random()));
  }

  @Test
  void a_world_of_ten_thousand_guilds_starts_at_once() {
    long start = System.nanoTime();
    SimWorld world = new SimWorld(9, 16, 10_000);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertEquals(625, world.guildIds(15).size());
    assertTrue(elapsedMs < 2_000, "building the world took " + elapsedMs + " ms");
  }

  static List<String> allGuildIds(SimWorld world) {
    List<String> ids = new ArrayList<>();
    for (int shard = 0; shard < world.shardCount(); shard++) {
      ids.addAll(world.guildIds(shard));
    }
    return ids;
  }
}
