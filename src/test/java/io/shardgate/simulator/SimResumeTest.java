package io.shardgate.simulator;

import io.shardgate.testing.GatewayTestClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SimResumeTest {
  private static final int GUILDS = SimTestSupport.GUILDS_PER_SHARD;
  private Vertx vertx;
  private DiscordSimulator simulator;

  private void start(Vertx vertx, SimulatorOptions options) {
    this.vertx = vertx;
    simulator = SimTestSupport.start(vertx, options);
  }

  @AfterEach
  void stop() {
    SimTestSupport.await(simulator.stop());
  }

  private GatewayTestClient resumeConnection() {
    return GatewayTestClient.connect(vertx, simulator.port(), "/resume?v=10&encoding=json");
  }

  private void injectNumbered(int shard, int from, int to) {
    for (int i = from; i <= to; i++) {
      SimTestSupport.inject(vertx, simulator, shard, "TEST_EVENT", new JsonObject().put("i", i));
    }
  }

  @Test
  void resume_replays_missed_events_exactly_once_in_order_then_resumed(Vertx vertx) {
    start(vertx, SimTestSupport.options());
    GatewayTestClient first = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = first.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    injectNumbered(0, 1, 2);
    assertEquals(1, first.nextDispatch("TEST_EVENT").getJsonObject("d").getInteger("i"));
    JsonObject second = first.nextDispatch("TEST_EVENT");
    long lastSeen = second.getLong("s");
    first.close(4000);
    first.awaitClose();
    injectNumbered(0, 3, 5);

    GatewayTestClient resumed = resumeConnection();
    resumed.nextOp(10);
    resumed.resume(sessionId, lastSeen);
    for (int i = 3; i <= 5; i++) {
      JsonObject replayed = resumed.nextDispatch("TEST_EVENT");
      assertEquals(i, replayed.getJsonObject("d").getInteger("i"));
      assertEquals(lastSeen + i - 2, replayed.getLong("s"));
    }
    JsonObject resumedEvent = resumed.nextDispatch("RESUMED");
    assertEquals(lastSeen + 4, resumedEvent.getLong("s"));
    injectNumbered(0, 6, 6);
    JsonObject live = resumed.nextDispatch("TEST_EVENT");
    assertEquals(6, live.getJsonObject("d").getInteger("i"));
    assertEquals(lastSeen + 5, live.getLong("s"));
    assertEquals(1, simulator.counters().resumes(0));
    assertEquals(1, simulator.counters().resumesVia("/resume"));
    assertEquals(1, simulator.counters().connectionsOpened("/resume"));
    assertEquals(1, simulator.counters().connectionsOpened("/"));
  }

  @Test
  void resume_from_an_older_seq_replays_the_guild_creates_too(Vertx vertx) {
    start(vertx, SimTestSupport.options());
    GatewayTestClient first = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = first.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    first.close(4000);
    first.awaitClose();
    GatewayTestClient resumed = resumeConnection();
    resumed.nextOp(10);
    resumed.resume(sessionId, 1);
    for (int i = 0; i < GUILDS; i++) {
      assertEquals(2 + i, resumed.nextDispatch("GUILD_CREATE").getLong("s"));
    }
    resumed.nextDispatch("RESUMED");
  }

  @Test
  void resume_of_an_unknown_session_gets_op_9_false_and_may_identify_after(Vertx vertx) {
    start(vertx, SimTestSupport.options());
    GatewayTestClient client = resumeConnection();
    client.nextOp(10);
    client.resume("0123456789abcdef0123456789abcdef", 3);
    assertEquals(false, client.nextOp(9).getBoolean("d"));
    client.identify(0, 2);
    client.nextDispatch("READY");
  }

  @Test
  void resume_with_a_seq_ahead_of_the_session_is_closed_with_4007_and_forgets_it(Vertx vertx) {
    start(vertx, SimTestSupport.options());
    GatewayTestClient first = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = first.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    first.close(4000);
    first.awaitClose();
    GatewayTestClient resumed = resumeConnection();
    resumed.nextOp(10);
    resumed.resume(sessionId, 1 + GUILDS + 10);
    assertEquals(4007, resumed.awaitClose());
    GatewayTestClient again = resumeConnection();
    again.nextOp(10);
    again.resume(sessionId, 1);
    assertEquals(false, again.nextOp(9).getBoolean("d"));
  }

  @Test
  void resume_with_a_bad_token_is_closed_with_4004(Vertx vertx) {
    start(vertx, SimTestSupport.options());
    GatewayTestClient client = resumeConnection();
    client.nextOp(10);
    client.send(6, new JsonObject().put("token", "nope").put("session_id", "x").put("seq", 1));
    assertEquals(4004, client.awaitClose());
  }

  @Test
  void resume_from_a_seq_the_log_no_longer_reaches_gets_op_9_false(Vertx vertx) {
    start(vertx, SimTestSupport.options().replayLogSize(4));
    GatewayTestClient first = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = first.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    first.close(4000);
    first.awaitClose();
    injectNumbered(0, 1, 4); // the log now holds s = 5..8 only
    GatewayTestClient resumed = resumeConnection();
    resumed.nextOp(10);
    resumed.resume(sessionId, 3);
    assertEquals(false, resumed.nextOp(9).getBoolean("d"));
  }

  @Test
  void resuming_a_session_that_is_still_connected_closes_the_old_connection(Vertx vertx) {
    start(vertx, SimTestSupport.options());
    GatewayTestClient first = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = first.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    GatewayTestClient second = resumeConnection();
    second.nextOp(10);
    second.resume(sessionId, 1 + GUILDS);
    short oldClose = first.awaitClose();
    assertTrue(oldClose != 1000 && oldClose != GatewayTestClient.NO_CLOSE_FRAME, "old connection closed with " + oldClose);
    second.nextDispatch("RESUMED");
    injectNumbered(0, 1, 1);
    assertEquals(1, second.nextDispatch("TEST_EVENT").getJsonObject("d").getInteger("i"));
  }

  @Test
  void a_client_close_with_1000_ends_the_session(Vertx vertx) {
    start(vertx, SimTestSupport.options());
    GatewayTestClient first = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = first.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    first.close(1000);
    first.awaitClose();
    GatewayTestClient resumed = resumeConnection();
    resumed.nextOp(10);
    resumed.resume(sessionId, 1);
    assertEquals(false, resumed.nextOp(9).getBoolean("d"));
  }

  @Test
  void a_detached_session_is_forgotten_after_the_resume_timeout(Vertx vertx) {
    start(vertx, SimTestSupport.options().sessionResumeTimeoutMs(200));
    GatewayTestClient first = GatewayTestClient.connect(vertx, simulator.port());
    first.identifyAndAwaitReady(0, 2, GUILDS);
    first.close(4000);
    first.awaitClose();
    assertEquals(1, sessions().size());
    long deadline = System.currentTimeMillis() + GatewayTestClient.TIMEOUT_SECONDS * 1000;
    // Each poll is a control API round trip; the expiry timer fires after 200 ms.
    while (!sessions().isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(sessions().isEmpty(), "session still there: " + sessions());
  }

  private JsonArray sessions() {
    SimTestSupport.Response response = SimTestSupport.request(vertx, HttpMethod.GET,
        simulator.port(), "/control/sessions", null, null);
    return response.body().toJsonArray();
  }

  @Test
  void every_session_of_a_shard_gets_live_events_with_its_own_seq(Vertx vertx) {
    start(vertx, SimTestSupport.options());
    GatewayTestClient a = GatewayTestClient.connect(vertx, simulator.port());
    a.identifyAndAwaitReady(0, 2, GUILDS);
    a.send(1, null);
    a.nextOp(11);
    GatewayTestClient b = GatewayTestClient.connect(vertx, simulator.port());
    b.identifyAndAwaitReady(0, 2, GUILDS);
    GatewayTestClient other = GatewayTestClient.connect(vertx, simulator.port());
    other.identifyAndAwaitReady(1, 2, GUILDS);
    SimTestSupport.inject(vertx, simulator, 0, "TEST_EVENT", new JsonObject());
    assertEquals(2 + GUILDS, a.nextDispatch("TEST_EVENT").getLong("s"));
    assertEquals(2 + GUILDS, b.nextDispatch("TEST_EVENT").getLong("s"));
    other.send(1, null);
    other.nextOp(11);
    assertFalse(other.hasPendingMessages(), "shard 1 must not get shard 0's events");
  }
}
