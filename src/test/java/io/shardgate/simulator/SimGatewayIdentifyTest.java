package io.shardgate.simulator;

import io.shardgate.testing.GatewayTestClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SimGatewayIdentifyTest {
  private Vertx vertx;
  private DiscordSimulator simulator;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    simulator = SimTestSupport.start(vertx, SimTestSupport.options().disallowedIntents(1L << 1));
  }

  @AfterEach
  void stop() {
    SimTestSupport.await(simulator.stop());
  }

  private GatewayTestClient connect() {
    return GatewayTestClient.connect(vertx, simulator.port());
  }

  @Test
  void hello_carries_the_heartbeat_interval_and_heartbeats_are_acked() {
    GatewayTestClient client = connect();
    JsonObject hello = client.nextOp(10);
    assertEquals(60_000, hello.getJsonObject("d").getLong("heartbeat_interval"));
    client.send(1, null);
    JsonObject ack = client.nextOp(11);
    assertNull(ack.getValue("s"));
    assertNull(ack.getValue("t"));
  }

  @Test
  void identify_gets_ready_then_one_guild_create_per_guild_with_contiguous_s() {
    GatewayTestClient client = connect();
    client.nextOp(10);
    client.identify(1, SimTestSupport.SHARDS);
    JsonObject ready = client.nextDispatch("READY");
    assertEquals(1, ready.getLong("s"));
    JsonObject d = ready.getJsonObject("d");
    assertEquals(10, d.getInteger("v"));
    assertTrue(d.getString("session_id").matches("[0-9a-f]{32}"), d.getString("session_id"));
    assertEquals(simulator.resumeGatewayUrl(), d.getString("resume_gateway_url"));
    assertEquals(new JsonArray().add(1).add(SimTestSupport.SHARDS), d.getJsonArray("shard"));
    assertTrue(d.getJsonObject("user").getBoolean("bot"));
    assertTrue(d.getJsonObject("application").containsKey("id"));
    assertTrue(d.getJsonObject("application").containsKey("flags"));
    assertEquals(new JsonArray().add("simulator"), d.getJsonArray("_trace"));
    JsonArray guilds = d.getJsonArray("guilds");
    assertEquals(SimTestSupport.GUILDS_PER_SHARD, guilds.size());
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < guilds.size(); i++) {
      assertTrue(guilds.getJsonObject(i).getBoolean("unavailable"));
      expected.add(guilds.getJsonObject(i).getString("id"));
    }
    Set<String> created = new HashSet<>();
    for (int i = 0; i < guilds.size(); i++) {
      JsonObject guildCreate = client.nextDispatch("GUILD_CREATE");
      assertEquals(2 + i, guildCreate.getLong("s"));
      created.add(guildCreate.getJsonObject("d").getString("id"));
    }
    assertEquals(expected, created);
    assertEquals(1, simulator.counters().identifies(1));
  }

  @Test
  void identify_accepts_a_bot_prefixed_token() {
    GatewayTestClient client = connect();
    client.nextOp(10);
    client.send(2, GatewayTestClient.identifyData(0, SimTestSupport.SHARDS).put("token", "Bot " + GatewayTestClient.TOKEN));
    client.nextDispatch("READY");
  }

  private short closeCodeFor(JsonObject identify) {
    GatewayTestClient client = connect();
    client.nextOp(10);
    client.send(2, identify);
    return client.awaitClose();
  }

  @Test
  void bad_token_is_closed_with_4004() {
    assertEquals(4004, closeCodeFor(GatewayTestClient.identifyData(0, 2).put("token", "wrong")));
  }

  @Test
  void shard_count_other_than_the_recommended_one_or_id_out_of_range_is_closed_with_4010() {
    assertEquals(4010, closeCodeFor(GatewayTestClient.identifyData(0, 3)));
    assertEquals(4010, closeCodeFor(GatewayTestClient.identifyData(2, 2)));
    assertEquals(4010, closeCodeFor(GatewayTestClient.identifyData(-1, 2)));
    assertEquals(4010, closeCodeFor(GatewayTestClient.identifyData(0, 2).put("shard", "0,2")));
  }

  @Test
  void missing_shard_on_a_sharded_bot_is_closed_with_4011() {
    JsonObject identify = GatewayTestClient.identifyData(0, 2);
    identify.remove("shard");
    assertEquals(4011, closeCodeFor(identify));
  }

  @Test
  void unknown_or_non_integer_intents_are_closed_with_4013() {
    assertEquals(4013, closeCodeFor(GatewayTestClient.identifyData(0, 2).put("intents", 1L << 30)));
    assertEquals(4013, closeCodeFor(GatewayTestClient.identifyData(0, 2).put("intents", "513")));
    assertEquals(4013, closeCodeFor(GatewayTestClient.identifyData(0, 2).put("intents", 1.5)));
  }

  @Test
  void disallowed_intents_are_closed_with_4014() {
    assertEquals(4014, closeCodeFor(GatewayTestClient.identifyData(0, 2).put("intents", 513 | 2)));
  }

  @Test
  void token_is_checked_before_shard_and_intents() {
    assertEquals(4004, closeCodeFor(GatewayTestClient.identifyData(5, 9).put("token", "wrong").put("intents", "x")));
  }

  @Test
  void invalid_presence_in_identify_is_closed_with_4002() {
    assertEquals(4002, closeCodeFor(GatewayTestClient.identifyData(0, 2)
        .put("presence", new JsonObject().put("status", "sleeping").put("activities", new JsonArray()))));
  }

  @Test
  void a_command_before_identify_is_closed_with_4003() {
    GatewayTestClient client = connect();
    client.nextOp(10);
    client.send(3, new JsonObject().put("status", "online").put("activities", new JsonArray()).put("afk", false));
    assertEquals(4003, client.awaitClose());
  }

  @Test
  void a_second_identify_is_closed_with_4005() {
    GatewayTestClient client = connect();
    client.identifyAndAwaitReady(0, 2, SimTestSupport.GUILDS_PER_SHARD);
    client.identify(0, 2);
    assertEquals(4005, client.awaitClose());
  }

  @Test
  void an_unknown_opcode_is_closed_with_4001() {
    GatewayTestClient client = connect();
    client.nextOp(10);
    client.send(5, null);
    assertEquals(4001, client.awaitClose());
  }

  @Test
  void invalid_json_is_closed_with_4002() {
    GatewayTestClient client = connect();
    client.nextOp(10);
    client.sendText("{\"op\": 1, ");
    assertEquals(4002, client.awaitClose());
  }

  @Test
  void a_payload_over_4096_bytes_is_closed_with_4002() {
    GatewayTestClient client = connect();
    client.nextOp(10);
    client.send(1, null);
    client.nextOp(11);
    client.send(new JsonObject().put("op", 1).put("d", null).put("padding", "x".repeat(4100)));
    assertEquals(4002, client.awaitClose());
  }

  @Test
  void the_121st_payload_within_60_seconds_is_closed_with_4008() {
    GatewayTestClient client = connect();
    client.nextOp(10);
    for (int i = 0; i < SimCommandLimiter.MAX_COMMANDS; i++) {
      client.send(1, null);
    }
    for (int i = 0; i < SimCommandLimiter.MAX_COMMANDS; i++) {
      client.nextOp(11);
    }
    client.send(1, null);
    assertEquals(4008, client.awaitClose());
    assertFalse(client.hasPendingMessages(), "the 121st heartbeat must not be acked");
  }

  @Test
  void wrong_api_version_is_closed_with_4012_and_other_encodings_with_4002() {
    assertEquals(4012, GatewayTestClient.connect(vertx, simulator.port(), "/?v=9&encoding=json").awaitClose());
    assertEquals(4012, GatewayTestClient.connect(vertx, simulator.port(), "/").awaitClose());
    assertEquals(4002, GatewayTestClient.connect(vertx, simulator.port(), "/?v=10&encoding=etf").awaitClose());
  }
}
