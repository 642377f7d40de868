package io.shardgate.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.Node;
import io.shardgate.config.ConfigLoader;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.testing.Await;
import io.shardgate.testing.GatewayTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lone, unclustered node restarts: with {@code state_file} its shards RESUME their Discord sessions
 * instead of IDENTIFYing, and it answers IDENTIFY from the cache it left on disk at once.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LoneNodeRestartTest {

  private final Vertx simulatorVertx = Vertx.vertx();
  private Vertx restarted;
  private ProxyFixture fixture;

  @TempDir
  Path dir;

  @AfterEach
  void stop() throws Exception {
    if (restarted != null) {
      restarted.close().await(20, TimeUnit.SECONDS);
    }
    if (fixture != null) {
      fixture.simulator.stop().await(10, TimeUnit.SECONDS);
    }
    simulatorVertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void a_restarted_node_resumes_its_shards_from_the_state_file_and_answers_identify_from_it() throws Exception {
    Path stateFile = dir.resolve("state.gz");
    fixture = ProxyFixture.start(simulatorVertx, new JsonObject().put("state_file", stateFile.toString()));
    int shard = 1;
    GatewayTestClient before = fixture.connect();
    before.identifyAndAwaitReady(shard, ProxyFixture.SHARDS, fixture.guildsOn(shard));
    fixture.inject(shard, "TEST_EVENT", new JsonObject().put("n", 1));
    before.nextDispatch("TEST_EVENT");
    fixture.node.stop().await(30, TimeUnit.SECONDS);
    assertTrue(Files.exists(stateFile), "the stopping node wrote its checkpoints");

    // A new process: a Vert.x of its own, with nothing in memory from the first run.
    restarted = Vertx.vertx();
    Node node = Node.start(restarted, config(stateFile)).await(60, TimeUnit.SECONDS);
    Await.blocking("every shard RESUMEd", 30, () -> node.shards().allActive());
    for (int s = 0; s < ProxyFixture.SHARDS; s++) {
      assertEquals(1, fixture.simulator.counters().identifies(s), "shard " + s + " was not identified again");
      assertTrue(fixture.simulator.counters().resumes(s) >= 1, "shard " + s + " resumed");
    }

    GatewayTestClient after = GatewayTestClient.connect(restarted, node.clientPort());
    after.identifyAndAwaitReady(shard, ProxyFixture.SHARDS, fixture.guildsOn(shard));
    fixture.inject(shard, "TEST_EVENT", new JsonObject().put("n", 2));
    assertEquals(2, after.nextDispatch("TEST_EVENT").getJsonObject("d").getInteger("n"));
  }

  private ShardgateConfig config(Path stateFile) throws Exception {
    JsonObject file = new JsonObject()
        .put("token", GatewayTestClient.TOKEN)
        .put("intents", 32511)
        .put("port", 0)
        .put("twilight_http_proxy", "127.0.0.1:" + fixture.simulator.port())
        .put("externally_accessible_url", "ws://127.0.0.1:7878")
        .put("state_file", stateFile.toString());
    return ConfigLoader.load(file, Map.of());
  }
}
