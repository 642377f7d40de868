package io.shardgate.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.protocol.Opcodes;
import io.shardgate.testing.GatewayTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Two bots on one shard ask for members with the SAME nonce: each gets only its own answer. */
@ExtendWith(VertxExtension.class)
class MemberChunkRoutingTest {

  private ProxyFixture proxy;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    proxy = ProxyFixture.start(vertx, new JsonObject());
  }

  @AfterEach
  void stop() throws Exception {
    proxy.stop();
  }

  @Test
  void member_chunks_go_only_to_the_client_whose_nonce_they_answer() throws Exception {
    int guilds = proxy.guildsOn(0);
    String guildId = proxy.twinWorld().guildIds(0).get(0);
    GatewayTestClient asker = proxy.connect();
    GatewayTestClient other = proxy.connect();
    asker.identifyAndAwaitReady(0, 2, guilds);
    other.identifyAndAwaitReady(0, 2, guilds);
    JsonObject request = new JsonObject().put("guild_id", guildId).put("query", "").put("limit", 0)
        .put("nonce", "same");

    asker.send(Opcodes.REQUEST_GUILD_MEMBERS, request);
    JsonObject chunk = asker.nextDispatch("GUILD_MEMBERS_CHUNK");
    assertEquals("same", chunk.getJsonObject("d").getString("nonce"), "the client's own nonce comes back");
    assertEquals(guildId, chunk.getJsonObject("d").getString("guild_id"));
    assertEquals(guilds + 2, chunk.getLong("s"));
    int chunks = chunk.getJsonObject("d").getInteger("chunk_count");
    for (int i = 1; i < chunks; i++) {
      asker.nextDispatch("GUILD_MEMBERS_CHUNK");
    }

    // Discord allows one full member request per guild per 30 s: the second gets RATE_LIMITED.
    other.send(Opcodes.REQUEST_GUILD_MEMBERS, request);
    JsonObject limited = other.nextDispatch("RATE_LIMITED");
    assertEquals("same", limited.getJsonObject("d").getJsonObject("meta").getString("nonce"));
    assertEquals(guilds + 2, limited.getLong("s"), "the other client's chunks took none of its numbers");

    proxy.inject(0, "TEST_EVENT", new JsonObject().put("n", 1));
    assertEquals(guilds + 2 + chunks, asker.nextDispatch("TEST_EVENT").getLong("s"));
    assertEquals(guilds + 3, other.nextDispatch("TEST_EVENT").getLong("s"));
    assertTrue(!asker.hasPendingMessages() && !other.hasPendingMessages(), "nothing else arrived");
  }
}
