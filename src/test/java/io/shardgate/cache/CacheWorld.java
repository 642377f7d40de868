package io.shardgate.cache;

import io.shardgate.config.CacheConfig;
import io.shardgate.simulator.SimEvent;
import io.shardgate.simulator.SimWorld;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A {@link SimWorld} with one {@link ShardCache} per shard, fed the way the relay feeds it: READY,
 * the GUILD_CREATEs, then dispatches decoded from their JSON text, and only the types the cache wants.
 */
final class CacheWorld {
  final SimWorld world;
  final CacheConfig flags;
  final List<ShardCache> caches = new ArrayList<>();

  CacheWorld(long seed, int shards, int guilds, CacheConfig flags) {
    this.world = new SimWorld(seed, shards, guilds);
    this.flags = flags;
    for (int shard = 0; shard < shards; shard++) {
      ShardCache cache = new ShardCache(flags);
      cache.onReady(ready(shard));
      for (String id : world.guildIds(shard)) {
        relay(cache, new SimEvent("GUILD_CREATE", world.guildCreate(id), id));
      }
      caches.add(cache);
    }
  }

  /** READY as Discord builds it for this shard: every guild unavailable until its GUILD_CREATE. */
  JsonObject ready(int shard) {
    JsonArray guilds = new JsonArray();
    world.guildIds(shard).forEach(id -> guilds.add(new JsonObject().put("id", id).put("unavailable", true)));
    return new JsonObject().put("v", 10).put("user", world.botUser()).put("guilds", guilds)
        .put("session_id", "s" + shard).put("resume_gateway_url", "wss://example.invalid")
        .put("shard", new JsonArray().add(shard).add(world.shardCount())).put("application", world.application());
  }

  /** Draws one event on a random shard and relays it; returns it. */
  SimEvent step(Random random) {
    int shard = random.nextInt(world.shardCount());
    SimEvent event = world.nextEvent(shard, random);
    relay(caches.get(shard), event);
    return event;
  }

  /** The bot joins or leaves voice in a random guild (op 4), as a client would ask. */
  void botVoiceMove(Random random) {
    int shard = random.nextInt(world.shardCount());
    List<String> guilds = world.guildIds(shard);
    if (guilds.isEmpty()) {
      return;
    }
    String guildId = guilds.get(random.nextInt(guilds.size()));
    String voiceChannel = null;
    for (Object item : world.guildCreate(guildId).getJsonArray("channels")) {
      if (((JsonObject) item).getInteger("type") == 2) {
        voiceChannel = ((JsonObject) item).getString("id");
      }
    }
    JsonObject op4 = new JsonObject().put("guild_id", guildId)
        .put("channel_id", random.nextBoolean() ? voiceChannel : null)
        .put("self_mute", random.nextBoolean()).put("self_deaf", false);
    world.voiceStateUpdate(shard, op4, "upstream-session").forEach(event -> relay(caches.get(shard), event));
  }

  static void relay(ShardCache cache, SimEvent event) {
    if (cache.wants(event.type())) {
      cache.apply(event.type(), new JsonObject(event.data().encode()));
    }
  }
}
