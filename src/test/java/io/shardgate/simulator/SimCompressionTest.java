package io.shardgate.simulator;

import io.shardgate.testing.GatewayTestClient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SimCompressionTest {
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

  @Test
  void zlib_stream_messages_inflate_with_one_context_per_connection() {
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port(),
        "/?v=10&encoding=json&compress=zlib-stream");
    client.identifyAndAwaitReady(0, 2, GUILDS);
    SimTestSupport.inject(vertx, simulator, 0, "TEST_EVENT", new JsonObject().put("k", "v"));
    assertEquals("v", client.nextDispatch("TEST_EVENT").getJsonObject("d").getString("k"));
    client.send(1, null);
    client.nextOp(11);
    assertEquals(0, client.textMessages());
    assertEquals(1 + 1 + GUILDS + 1 + 1, client.binaryMessages()); // HELLO, READY, GUILD_CREATEs, event, ACK
  }

  @Test
  void identify_compress_true_sends_every_later_message_as_a_standalone_zlib_payload() {
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port());
    client.nextOp(10);
    client.send(2, GatewayTestClient.identifyData(0, 2).put("compress", true));
    client.nextDispatch("READY");
    for (int i = 0; i < GUILDS; i++) {
      client.nextDispatch("GUILD_CREATE");
    }
    client.send(1, null);
    client.nextOp(11);
    assertEquals(1, client.textMessages()); // HELLO came before IDENTIFY asked for compression
    assertEquals(1 + GUILDS + 1, client.binaryMessages());
  }

  @Test
  void payload_compression_combined_with_zlib_stream_is_refused() {
    GatewayTestClient client = GatewayTestClient.connect(vertx, simulator.port(),
        "/?v=10&encoding=json&compress=zlib-stream");
    client.nextOp(10);
    client.send(2, GatewayTestClient.identifyData(0, 2).put("compress", true));
    assertEquals(4002, client.awaitClose());
  }

  @Test
  void unsupported_transport_compression_is_closed_with_4002() {
    assertEquals(4002, GatewayTestClient.connect(vertx, simulator.port(), "/?v=10&encoding=json&compress=zstd-stream")
        .awaitClose());
  }
}
