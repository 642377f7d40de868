package io.shardgate.simulator;

import io.shardgate.testing.GatewayTestClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SimControlApiTest {
  private static final int GUILDS = SimTestSupport.GUILDS_PER_SHARD;
  private Vertx vertx;
  private DiscordSimulator simulator;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    simulator = SimTestSupport.start(vertx, SimTestSupport.options());
  }

  @AfterEach
  void stop() {
    SimTestSupport.await(simulator.stop());
  }

  private GatewayTestClient identified(int shard) {
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port());
    client.identifyAndAwaitReady(shard, 2, GUILDS);
    return client;
  }

  private JsonObject post(String uri) {
    return SimTestSupport.post(vertx, simulator, uri);
  }

  private void assertResumes(String sessionId, long seq) {
    GatewayTestClient resumed = GatewayTestClient.connect(vertx, simulator.port(), "/resume?v=10&encoding=json");
    resumed.nextOp(10);
    resumed.resume(sessionId, seq);
    resumed.nextDispatch("RESUMED");
  }

  @Test
  void reconnect_sends_op_7_to_the_shards_connections() {
    GatewayTestClient client = identified(0);
    assertEquals(1, post("/control/shards/0/reconnect").getInteger("connections"));
    JsonObject reconnect = client.nextOp(7);
    assertNull(reconnect.getValue("d"));
  }

  @Test
  void drop_with_close_frame_closes_with_the_code_and_keeps_the_session_resumable() {
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = client.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    JsonObject done = post("/control/shards/0/drop?close_frame=true&code=4000");
    assertEquals(1, done.getInteger("connections"));
    assertEquals(4000, client.awaitClose());
    assertResumes(sessionId, 1 + GUILDS);
  }

  @Test
  void drop_without_close_frame_ends_tcp_without_one_and_keeps_the_session_resumable() {
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = client.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    post("/control/shards/0/drop?close_frame=false");
    short code = client.awaitClose();
    assertTrue(code == GatewayTestClient.NO_CLOSE_FRAME || code == 1006, "close code " + code);
    assertResumes(sessionId, 1 + GUILDS);
  }

  @Test
  void invalidate_not_resumable_sends_op_9_false_and_forgets_the_sessions() {
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = client.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    JsonObject done = post("/control/shards/0/invalidate?resumable=false");
    assertEquals(1, done.getInteger("sessions_forgotten"));
    assertEquals(false, client.nextOp(9).getBoolean("d"));
    client.identify(0, 2); // the connection is unauthenticated again: a new IDENTIFY is no 4005
    client.nextDispatch("READY");
    GatewayTestClient resumer = GatewayTestClient.connect(vertx, simulator.port());
    resumer.nextOp(10);
    resumer.resume(sessionId, 1);
    assertEquals(false, resumer.nextOp(9).getBoolean("d"));
  }

  @Test
  void invalidate_resumable_sends_op_9_true_and_keeps_the_session() {
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = client.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    post("/control/shards/0/invalidate?resumable=true");
    assertEquals(true, client.nextOp(9).getBoolean("d"));
    client.close(4000);
    client.awaitClose();
    assertResumes(sessionId, 1 + GUILDS);
  }

  @Test
  void close_with_a_session_ending_code_forgets_the_session() {
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = client.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    assertEquals(1, post("/control/shards/0/close?code=4009").getInteger("sessions_forgotten"));
    assertEquals(4009, client.awaitClose());
    GatewayTestClient resumer = GatewayTestClient.connect(vertx, simulator.port());
    resumer.nextOp(10);
    resumer.resume(sessionId, 1);
    assertEquals(false, resumer.nextOp(9).getBoolean("d"));
  }

  @Test
  void close_with_a_resumable_code_keeps_the_session() {
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = client.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    assertEquals(0, post("/control/shards/0/close?code=4008").getInteger("sessions_forgotten"));
    assertEquals(4008, client.awaitClose());
    assertResumes(sessionId, 1 + GUILDS);
  }

  @Test
  void close_with_an_unsendable_code_is_a_400() {
    SimTestSupport.Response response = SimTestSupport.request(vertx, HttpMethod.POST, simulator.port(),
        "/control/shards/0/close?code=1006", null, null);
    assertEquals(400, response.status());
    assertEquals(400, SimTestSupport.request(vertx, HttpMethod.POST, simulator.port(),
        "/control/shards/7/reconnect", null, null).status());
  }

  @Test
  void disabled_heartbeat_acks_are_not_sent_until_enabled_again() {
    GatewayTestClient client = identified(0);
    post("/control/shards/0/heartbeat-acks?enabled=false");
    client.send(1, 1 + GUILDS);
    // Messages of one connection are handled in order: an ACK would arrive before this close.
    client.send(3, new JsonObject().put("status", "sleepy"));
    assertEquals(4002, client.awaitClose());
    assertTrue(!client.hasPendingMessages(), "no ACK may have been sent");

    post("/control/shards/0/heartbeat-acks?enabled=true");
    GatewayTestClient again = identified(0);
    again.send(1, null);
    again.nextOp(11);
  }

  @Test
  void inject_sends_a_raw_dispatch_to_every_session_of_the_shard() {
    GatewayTestClient a = identified(0);
    GatewayTestClient b = identified(0);
    JsonObject done = SimTestSupport.inject(vertx, simulator, 0, "CUSTOM", new JsonObject().put("x", 1));
    assertEquals(2, done.getInteger("sessions"));
    assertEquals(new JsonObject().put("x", 1), a.nextDispatch("CUSTOM").getJsonObject("d"));
    assertEquals(new JsonObject().put("x", 1), b.nextDispatch("CUSTOM").getJsonObject("d"));
  }

  @Test
  void message_creates_a_message_create_in_a_guild_of_the_shard() {
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port());
    JsonObject ready = client.identifyAndAwaitReady(1, 2, GUILDS);
    JsonObject done = SimTestSupport.post(vertx, simulator, "/control/shards/1/message",
        new JsonObject().put("content", "hello shard 1"));
    assertEquals(1, done.getInteger("sessions"));
    JsonObject message = client.nextDispatch("MESSAGE_CREATE").getJsonObject("d");
    assertEquals("hello shard 1", message.getString("content"));
    JsonArray guilds = ready.getJsonArray("guilds");
    boolean onShard = false;
    for (int i = 0; i < guilds.size(); i++) {
      onShard |= guilds.getJsonObject(i).getString("id").equals(message.getString("guild_id"));
    }
    assertTrue(onShard, "guild " + message.getString("guild_id") + " is not on shard 1");
  }

  @Test
  void rate_starts_and_pauses_the_stream() {
    GatewayTestClient client = identified(0);
    assertEquals(500.0, SimTestSupport.post(vertx, simulator, "/control/rate?rate=500").getDouble("rate"));
    JsonObject first = client.nextOp(0);
    assertEquals(2 + GUILDS, first.getLong("s"));
    JsonObject second = client.nextOp(0);
    assertEquals(3 + GUILDS, second.getLong("s"));
    post("/control/rate?rate=0");
    assertTrue(simulator.eventLog(0).entries().size() >= 2);
    assertEquals(400, SimTestSupport.request(vertx, HttpMethod.POST, simulator.port(), "/control/rate?rate=-1", null,
        null).status());
  }

  @Test
  void counters_identifies_and_sessions_describe_what_happened() {
    GatewayTestClient client = identified(1);
    client.send(1, null);
    client.nextOp(11);
    JsonObject counters = SimTestSupport.control(vertx, simulator, HttpMethod.GET, "/control/counters", null);
    assertEquals(1, counters.getJsonObject("identifies_per_shard").getInteger("1"));
    assertEquals(1, counters.getJsonObject("commands_per_shard_per_op").getJsonObject("1").getInteger("1"));
    assertEquals(GUILDS + 1, counters.getJsonObject("dispatches_sent_per_shard").getInteger("1"));
    assertEquals(GUILDS + 1, counters.getInteger("dispatches_sent"));
    assertEquals(1, counters.getJsonObject("connections_per_path").getInteger("/"));
    assertEquals(0, counters.getInteger("bucket_violations"));

    SimTestSupport.Response identifies = SimTestSupport.request(vertx, HttpMethod.GET, simulator.port(),
        "/control/identifies", null, null);
    JsonObject record = identifies.body().toJsonArray().getJsonObject(0);
    assertEquals(1, record.getInteger("shard"));
    assertEquals(0, record.getInteger("bucket"));
    assertEquals("ALLOWED", record.getString("decision"));

    JsonArray sessions = SimTestSupport.request(vertx, HttpMethod.GET, simulator.port(), "/control/sessions", null,
        null).body().toJsonArray();
    assertEquals(1, sessions.size());
    assertEquals(true, sessions.getJsonObject(0).getBoolean("connected"));
    assertEquals(GUILDS + 1, sessions.getJsonObject(0).getInteger("seq"));
  }
}
