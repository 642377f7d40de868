package io.shardgate.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.protocol.Opcodes;
import io.shardgate.testing.GatewayTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bots connected to shardgate as to Discord, end to end on loopback against the simulator. */
@ExtendWith(VertxExtension.class)
class ClientGatewayTest {

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
  void two_clients_on_one_shard_get_every_event_with_contiguous_s() throws Exception {
    int guilds = proxy.guildsOn(0);
    GatewayTestClient first = proxy.connect();
    GatewayTestClient second = proxy.connect();
    JsonObject readyFirst = first.identifyAndAwaitReady(0, 2, guilds);
    JsonObject readySecond = second.identifyAndAwaitReady(0, 2, guilds);
    assertNotEquals(readyFirst.getString("session_id"), readySecond.getString("session_id"));
    for (int n = 1; n <= 20; n++) {
      proxy.inject(0, "TEST_EVENT", new JsonObject().put("n", n));
    }
    for (GatewayTestClient client : List.of(first, second)) {
      for (int n = 1; n <= 20; n++) {
        JsonObject event = client.nextDispatch("TEST_EVENT");
        assertEquals(n, event.getJsonObject("d").getInteger("n"), "in order");
        assertEquals(guilds + 1 + n, event.getLong("s"), "s contiguous after READY and the GUILD_CREATEs");
      }
    }
  }

  @Test
  void ready_is_crafted_per_client_in_discords_shape() {
    GatewayTestClient client = proxy.connect();
    client.nextOp(Opcodes.HELLO);
    client.identify(1, 2);
    JsonObject ready = client.nextDispatch("READY");
    assertEquals(1, ready.getLong("s"));
    JsonObject d = ready.getJsonObject("d");
    assertEquals("ws://127.0.0.1:7878", d.getString("resume_gateway_url"));
    assertEquals(new JsonArray().add(1).add(2), d.getJsonArray("shard"));
    assertEquals(32, d.getString("session_id").length());
    List<String> expected = proxy.twinWorld().guildIds(1);
    List<String> listed = new ArrayList<>();
    d.getJsonArray("guilds").forEach(g -> {
      listed.add(((JsonObject) g).getString("id"));
      assertEquals(Boolean.TRUE, ((JsonObject) g).getBoolean("unavailable"));
    });
    assertEquals(expected, listed);
    for (int i = 0; i < expected.size(); i++) {
      JsonObject guild = client.nextDispatch("GUILD_CREATE");
      assertEquals(i + 2, guild.getLong("s"));
      assertEquals(expected.get(i), guild.getJsonObject("d").getString("id"));
    }
  }

  @Test
  void heartbeats_are_acknowledged_at_once() {
    GatewayTestClient client = proxy.connect();
    JsonObject hello = client.nextOp(Opcodes.HELLO);
    assertEquals(41_250, hello.getJsonObject("d").getInteger("heartbeat_interval"));
    client.send(Opcodes.HEARTBEAT, null);
    client.nextOp(Opcodes.HEARTBEAT_ACK);
  }

  @Test
  void wrong_token_is_closed_with_4004() {
    GatewayTestClient client = proxy.connect();
    client.nextOp(Opcodes.HELLO);
    client.send(Opcodes.IDENTIFY, GatewayTestClient.identifyData(0, 2).put("token", "not-the-token"));
    assertEquals(4004, client.awaitClose());
  }

  @Test
  void a_bot_prefix_on_the_token_is_accepted() {
    GatewayTestClient client = proxy.connect();
    client.nextOp(Opcodes.HELLO);
    client.send(Opcodes.IDENTIFY, GatewayTestClient.identifyData(0, 2).put("token", "Bot " + GatewayTestClient.TOKEN));
    client.nextDispatch("READY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[0,3]", "[2,2]", "[-1,2]", "[0]", "\"zero\""})
  void a_wrong_shard_is_closed_with_4010(String shard) {
    GatewayTestClient client = proxy.connect();
    client.nextOp(Opcodes.HELLO);
    client.send(Opcodes.IDENTIFY, GatewayTestClient.identifyData(0, 2).put("shard", new JsonObject("{\"v\":" + shard + "}").getValue("v")));
    assertEquals(4010, client.awaitClose());
  }

  @Test
  void missing_shard_on_a_sharded_bot_is_closed_with_4011() {
    GatewayTestClient client = proxy.connect();
    client.nextOp(Opcodes.HELLO);
    JsonObject identify = GatewayTestClient.identifyData(0, 2);
    identify.remove("shard");
    client.send(Opcodes.IDENTIFY, identify);
    assertEquals(4011, client.awaitClose());
  }

  @Test
  void a_command_before_identify_is_closed_with_4003() {
    GatewayTestClient client = proxy.connect();
    client.nextOp(Opcodes.HELLO);
    client.send(Opcodes.PRESENCE_UPDATE, new JsonObject().put("status", "dnd").put("activities", new JsonArray())
        .put("afk", false).put("since", (Object) null));
    assertEquals(4003, client.awaitClose());
  }

  @Test
  void a_second_identify_is_closed_with_4005() {
    GatewayTestClient client = proxy.connect();
    client.identifyAndAwaitReady(0, 2, proxy.guildsOn(0));
    client.identify(0, 2);
    assertEquals(4005, client.awaitClose());
  }

  @Test
  void an_unknown_opcode_is_closed_with_4001() {
    GatewayTestClient client = proxy.connect();
    client.nextOp(Opcodes.HELLO);
    client.send(5, new JsonObject());
    assertEquals(4001, client.awaitClose());
  }

  @Test
  void invalid_json_is_closed_with_4002() {
    GatewayTestClient client = proxy.connect();
    client.nextOp(Opcodes.HELLO);
    client.sendText("{\"op\":1,\"d\":");
    assertEquals(4002, client.awaitClose());
  }

  @Test
  void a_payload_over_4096_bytes_is_closed_with_4002() {
    GatewayTestClient client = proxy.connect();
    client.nextOp(Opcodes.HELLO);
    client.send(Opcodes.HEARTBEAT, "x".repeat(4100));
    assertEquals(4002, client.awaitClose());
  }

  @Test
  void more_than_120_payloads_a_minute_is_closed_with_4008() {
    GatewayTestClient client = proxy.connect();
    client.nextOp(Opcodes.HELLO);
    for (int i = 0; i < 121; i++) {
      client.send(Opcodes.HEARTBEAT, null);
    }
    assertEquals(4008, client.awaitClose());
  }

  @Test
  void an_unsupported_encoding_is_refused_with_a_reason() {
    GatewayTestClient client = proxy.connect("/?v=10&encoding=etf");
    assertEquals(4002, client.awaitClose());
  }

  @Test
  void commands_reach_the_shard_upstream() throws Exception {
    GatewayTestClient client = proxy.connect();
    client.identifyAndAwaitReady(1, 2, proxy.guildsOn(1));
    client.send(Opcodes.PRESENCE_UPDATE, new JsonObject().put("status", "dnd").put("activities", new JsonArray())
        .put("afk", false).put("since", (Object) null));
    long deadline = System.currentTimeMillis() + 10_000;
    while (proxy.simulator.counters().commands(1, Opcodes.PRESENCE_UPDATE) < 1) {
      assertTrue(System.currentTimeMillis() < deadline, "op 3 never reached the simulator");
      Thread.sleep(10);
    }
  }

  @Test
  void zlib_stream_clients_get_one_compressed_stream() throws Exception {
    GatewayTestClient client = proxy.connect("/?v=10&encoding=json&compress=zlib-stream");
    client.identifyAndAwaitReady(0, 2, proxy.guildsOn(0));
    proxy.inject(0, "TEST_EVENT", new JsonObject().put("n", 1));
    assertEquals(1, client.nextDispatch("TEST_EVENT").getJsonObject("d").getInteger("n"));
    assertEquals(0, client.textMessages(), "everything arrived compressed");
  }

  @Test
  void identify_compress_true_compresses_each_payload() throws Exception {
    GatewayTestClient client = proxy.connect();
    client.nextOp(Opcodes.HELLO);
    client.send(Opcodes.IDENTIFY, GatewayTestClient.identifyData(0, 2).put("compress", true));
    client.nextDispatch("READY");
    int textBefore = client.textMessages();
    proxy.inject(0, "TEST_EVENT", new JsonObject().put("n", 1));
    for (int i = 0; i < proxy.guildsOn(0); i++) {
      client.nextDispatch("GUILD_CREATE");
    }
    assertEquals(1, client.nextDispatch("TEST_EVENT").getJsonObject("d").getInteger("n"));
    assertEquals(textBefore, client.textMessages());
    assertTrue(client.binaryMessages() > 0);
  }

  @Test
  void resume_of_a_known_session_replays_what_the_client_missed() throws Exception {
    int guilds = proxy.guildsOn(0);
    GatewayTestClient client = proxy.connect();
    String sessionId = client.identifyAndAwaitReady(0, 2, guilds).getString("session_id");
    proxy.inject(0, "TEST_EVENT", new JsonObject().put("n", 1));
    long seq = client.nextDispatch("TEST_EVENT").getLong("s");
    client.close(4000);
    client.awaitClose();
    proxy.inject(0, "TEST_EVENT", new JsonObject().put("n", 2));
    proxy.inject(0, "TEST_EVENT", new JsonObject().put("n", 3));

    GatewayTestClient again = proxy.connect();
    again.nextOp(Opcodes.HELLO);
    again.resume(sessionId, seq);
    JsonObject two = again.nextDispatch("TEST_EVENT");
    assertEquals(2, two.getJsonObject("d").getInteger("n"));
    assertEquals(seq + 1, two.getLong("s"));
    assertEquals(seq + 2, again.nextDispatch("TEST_EVENT").getLong("s"));
    assertEquals(seq + 3, again.nextDispatch("RESUMED").getLong("s"));
    proxy.inject(0, "TEST_EVENT", new JsonObject().put("n", 4));
    JsonObject four = again.nextDispatch("TEST_EVENT");
    assertEquals(4, four.getJsonObject("d").getInteger("n"));
    assertEquals(seq + 4, four.getLong("s"));
  }

  @Test
  void shard_count_and_metrics_are_served_on_the_client_port() throws Exception {
    GatewayTestClient client = proxy.connect();
    client.identifyAndAwaitReady(0, 2, proxy.guildsOn(0));
    proxy.inject(0, "TEST_EVENT", new JsonObject().put("n", 1));
    client.nextDispatch("TEST_EVENT");
    assertEquals("2", io.shardgate.testing.HttpGet.text(proxy.node.clientPort(), "/shard-count").trim());
    String metrics = io.shardgate.testing.HttpGet.text(proxy.node.clientPort(), "/metrics");
    assertTrue(metrics.contains("gateway_shard_events{event_type=\"TEST_EVENT\",shard=\"0\"} 1")
        || metrics.contains("gateway_shard_events{shard=\"0\",event_type=\"TEST_EVENT\"} 1"), metrics);
    assertTrue(metrics.contains("gateway_shard_status"), "shard status exported");
  }

  @Test
  void resume_of_an_unknown_session_is_told_to_identify() {
    GatewayTestClient client = proxy.connect();
    client.nextOp(Opcodes.HELLO);
    client.resume("0123456789abcdef0123456789abcdef", 3);
    assertEquals(Boolean.FALSE, client.nextOp(Opcodes.INVALID_SESSION).getValue("d"));
  }
}
