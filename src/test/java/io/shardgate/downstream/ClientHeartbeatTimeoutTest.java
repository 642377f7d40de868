package io.shardgate.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardgate.protocol.GatewayFrameCodec;
import io.shardgate.protocol.Opcodes;
import io.shardgate.testing.GatewayTestClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bot that stops heartbeating is closed with a resumable code, as a zombie connection. */
@ExtendWith(VertxExtension.class)
class ClientHeartbeatTimeoutTest {

  /** Long enough that a loaded CI machine does not delay the test's one heartbeat past the grace. */
  private static final int HEARTBEAT_MS = 3_000;

  @Test
  void a_client_that_stops_heartbeating_is_closed_resumably(Vertx vertx) throws Exception {
    GatewayFrameCodec.register(vertx.eventBus());
    ClientGatewayOptions options = new ClientGatewayOptions("ws://127.0.0.1:1", null, 1, 100, HEARTBEAT_MS, 60_000, 100);
    ClientGatewayVerticle gateway = new ClientGatewayVerticle(options, ServedShardSet.range(0, 1), true, "test-node",
        "127.0.0.1", 0,
        request -> request.response().setStatusCode(404).end());
    vertx.deployVerticle(gateway).await(10, TimeUnit.SECONDS);

    GatewayTestClient client = GatewayTestClient.connect(vertx, gateway.actualPort());
    assertEquals(HEARTBEAT_MS, client.nextOp(Opcodes.HELLO).getJsonObject("d").getInteger("heartbeat_interval"));
    client.send(Opcodes.HEARTBEAT, null);
    client.nextOp(Opcodes.HEARTBEAT_ACK);
    assertEquals(4000, client.awaitClose(), "no heartbeat for 1.5 intervals");
  }
}
