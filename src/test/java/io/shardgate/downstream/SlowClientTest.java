package io.shardgate.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardgate.protocol.Opcodes;
import io.shardgate.testing.GatewayTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bot that stops reading is closed resumably and gets every event it missed when it RESUMEs. */
@ExtendWith(VertxExtension.class)
class SlowClientTest {

  private static final int EVENTS = 300;
  private static final String PADDING = "x".repeat(64 * 1024);

  private ProxyFixture proxy;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    proxy = ProxyFixture.start(vertx, new JsonObject().put("backpressure", 5));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.stop();
  }

  @Test
  void a_stalled_client_is_closed_with_4000_and_resumes_without_a_gap() throws Exception {
    GatewayTestClient client = proxy.connect();
    String sessionId = client.identifyAndAwaitReady(0, 2, proxy.guildsOn(0)).getString("session_id");
    client.pauseReading();
    for (int n = 1; n <= EVENTS; n++) {
      proxy.inject(0, "TEST_EVENT", new JsonObject().put("n", n).put("padding", PADDING));
    }
    client.resumeReading();
    List<Integer> received = new ArrayList<>();
    long lastS = drainEvents(client, received);
    assertEquals(4000, client.awaitClose(), "closed as too slow, with a resumable code");

    GatewayTestClient again = proxy.connect();
    again.nextOp(Opcodes.HELLO);
    again.resume(sessionId, lastS);
    JsonObject message;
    while (!"RESUMED".equals((message = again.nextOp(0)).getString("t"))) {
      assertEquals(++lastS, message.getLong("s"), "replayed with contiguous s");
      received.add(message.getJsonObject("d").getInteger("n"));
    }
    List<Integer> expected = new ArrayList<>();
    for (int n = 1; n <= EVENTS; n++) {
      expected.add(n);
    }
    assertEquals(expected, received, "every event exactly once, in order, across the two connections");
  }

  /** Reads the test events the server wrote before closing; returns the last s seen. */
  private static long drainEvents(GatewayTestClient client, List<Integer> received) {
    long lastS = -1;
    while (client.hasPendingMessages() || !client.isClosed()) {
      JsonObject message = client.pollWithin(200);
      if (message == null) {
        continue;
      }
      if ("TEST_EVENT".equals(message.getString("t"))) {
        received.add(message.getJsonObject("d").getInteger("n"));
        lastS = message.getLong("s");
      }
    }
    return lastS;
  }
}
