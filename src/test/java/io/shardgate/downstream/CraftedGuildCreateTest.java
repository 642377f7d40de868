package io.shardgate.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardgate.config.CacheConfig;
import io.shardgate.protocol.Opcodes;
import io.shardgate.testing.GatewayTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * After a stream of updates, a bot identifying through shardgate gets the same GUILD_CREATEs that
 * Discord (the simulator, asked directly) sends a fresh session.
 */
@ExtendWith(VertxExtension.class)
class CraftedGuildCreateTest {

  private ProxyFixture proxy;

  @AfterEach
  void stop() throws Exception {
    proxy.stop();
  }

  @Test
  void crafted_guild_creates_equal_discords_after_updates_with_every_cache_type(Vertx vertx) throws Exception {
    JsonObject allFlags = new JsonObject();
    CacheConfig.FLAG_NAMES.forEach(flag -> allFlags.put(flag, true));
    proxy = ProxyFixture.start(vertx, new JsonObject().put("cache", allFlags));
    int guilds = proxy.guildsOn(0);

    // A watcher sees the whole stream; once it has the marker, the cache has applied everything before it.
    GatewayTestClient watcher = proxy.connect();
    watcher.identifyAndAwaitReady(0, 2, guilds);
    proxy.control.rate(400).await(10, TimeUnit.SECONDS);
    long deadline = System.currentTimeMillis() + 30_000;
    while (proxy.simulator.counters().dispatchesSent(0) < 2_000 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    proxy.control.rate(0).await(10, TimeUnit.SECONDS);
    proxy.inject(0, "MARKER", new JsonObject());
    JsonObject message;
    do {
      message = watcher.next();
    } while (!"MARKER".equals(message.getString("t")));

    Map<String, JsonObject> crafted = guildCreates(proxy.connect());
    GatewayTestClient direct = GatewayTestClient.connect(vertx, proxy.simulator.port());
    Map<String, JsonObject> discord = guildCreates(direct);

    assertEquals(discord.keySet(), crafted.keySet(), "the same guilds (joins and leaves included)");
    for (String id : discord.keySet()) {
      assertEquals(comparable(discord.get(id)), comparable(crafted.get(id)), "guild " + id);
    }
  }

  /** HELLO, IDENTIFY on shard 0, READY, then every GUILD_CREATE listed in READY, by guild id. */
  private static Map<String, JsonObject> guildCreates(GatewayTestClient client) {
    client.nextOp(Opcodes.HELLO);
    client.identify(0, 2);
    JsonArray listed = client.nextDispatch("READY").getJsonObject("d").getJsonArray("guilds");
    Map<String, JsonObject> byId = new HashMap<>();
    for (int i = 0; i < listed.size(); i++) {
      JsonObject guild = client.nextDispatch("GUILD_CREATE").getJsonObject("d");
      byId.put(guild.getString("id"), guild);
    }
    return byId;
  }

  /**
   * Channels' last_message_id moves with every MESSAGE_CREATE, which no cache parses (gateway-proxy
   * included): it is the one field a crafted GUILD_CREATE may have stale.
   */
  private static JsonObject comparable(JsonObject guild) {
    JsonObject copy = guild.copy();
    for (String key : new String[] {"channels", "threads"}) {
      copy.getJsonArray(key, new JsonArray()).forEach(c -> ((JsonObject) c).remove("last_message_id"));
    }
    return copy;
  }
}
