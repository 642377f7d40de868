package io.shardgate.simulator;

import io.shardgate.testing.GatewayTestClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Heartbeat timeout, identify buckets, session start limit and event tagging, on a real gateway. */
@ExtendWith(VertxExtension.class)
class SimTimingTest {
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

  @Test
  void a_connection_that_stops_heartbeating_is_closed_with_4009_and_its_session_forgotten(Vertx vertx) {
    start(vertx, SimTestSupport.options().heartbeatIntervalMs(200));
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port());
    String sessionId = client.identifyAndAwaitReady(0, 2, GUILDS).getString("session_id");
    assertEquals(4009, client.awaitClose());
    GatewayTestClient resumer = GatewayTestClient.connect(vertx, simulator.port());
    resumer.nextOp(10);
    resumer.resume(sessionId, 1);
    assertEquals(false, resumer.nextOp(9).getBoolean("d"));
  }

  @Test
  void a_second_identify_in_the_same_bucket_within_the_window_gets_op_9_and_is_counted(Vertx vertx) {
    start(vertx, SimTestSupport.options().maxConcurrency(2).identifyWindowMs(60_000));
    GatewayTestClient shard0 = GatewayTestClient.connect(vertx, simulator.port());
    shard0.identifyAndAwaitReady(0, 2, GUILDS);
    GatewayTestClient shard1 = GatewayTestClient.connect(vertx, simulator.port());
    shard1.identifyAndAwaitReady(1, 2, GUILDS); // bucket 1: allowed
    GatewayTestClient again = GatewayTestClient.connect(vertx, simulator.port());
    again.nextOp(10);
    again.identify(0, 2);
    assertEquals(false, again.nextOp(9).getBoolean("d"));
    assertEquals(1, simulator.counters().bucketViolations());
    List<SimIdentifyRecord> identifies = simulator.identifies();
    assertEquals(List.of(0, 1, 0), identifies.stream().map(SimIdentifyRecord::shard).toList());
    assertEquals(List.of(0, 1, 0), identifies.stream().map(SimIdentifyRecord::bucket).toList());
    assertEquals(SimIdentifyBuckets.Decision.BUCKET_VIOLATION, identifies.get(2).decision());
    assertTrue(identifies.get(0).timeMs() <= identifies.get(2).timeMs());
  }

  @Test
  void an_identify_with_no_session_starts_left_gets_op_9_and_is_counted(Vertx vertx) {
    start(vertx, SimTestSupport.options().sessionStartTotal(1));
    GatewayTestClient first = GatewayTestClient.connect(vertx, simulator.port());
    first.identifyAndAwaitReady(0, 2, GUILDS);
    GatewayTestClient second = GatewayTestClient.connect(vertx, simulator.port());
    second.nextOp(10);
    second.identify(1, 2);
    assertEquals(false, second.nextOp(9).getBoolean("d"));
    assertEquals(1, simulator.counters().sessionStartRejections());
    SimTestSupport.Response gatewayBot = SimTestSupport.request(vertx, io.vertx.core.http.HttpMethod.GET,
        simulator.port(), "/api/v10/gateway/bot", "Bot " + GatewayTestClient.TOKEN, null);
    assertEquals(0, gatewayBot.json().getJsonObject("session_start_limit").getInteger("remaining"));
  }

  @Test
  void tagged_events_carry_the_shard_event_number_and_a_send_timestamp(Vertx vertx) {
    start(vertx, SimTestSupport.options().tagEvents(true));
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port());
    client.identifyAndAwaitReady(0, 2, GUILDS);
    long before = System.currentTimeMillis() * 1000;
    SimTestSupport.inject(vertx, simulator, 0, "FIRST", new JsonObject());
    SimTestSupport.inject(vertx, simulator, 0, "SECOND", new JsonObject());
    JsonObject first = client.nextDispatch("FIRST").getJsonObject("d").getJsonObject("_sim");
    JsonObject second = client.nextDispatch("SECOND").getJsonObject("d").getJsonObject("_sim");
    assertEquals(1, first.getLong("n"));
    assertEquals(2, second.getLong("n"));
    assertTrue(first.getLong("ts") >= before && second.getLong("ts") >= first.getLong("ts"));
    assertEquals(List.of(new SimShardEventLog.Entry(1, "FIRST"), new SimShardEventLog.Entry(2, "SECOND")),
        simulator.eventLog(0).entries());
  }

  @Test
  void the_stream_sends_about_the_configured_rate_to_each_shard(Vertx vertx) {
    start(vertx, SimTestSupport.options().rate(200));
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port());
    client.identifyAndAwaitReady(1, 2, GUILDS);
    long started = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      assertEquals(GUILDS + 2 + i, client.nextOp(0).getLong("s"));
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    assertTrue(seconds > 0.3, "100 events at 200/s took only " + seconds + " s");
    assertEquals(0, simulator.eventLog(0).entries().size(), "shard 0 has no session: no stream");
  }
}
