package io.shardgate.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardgate.Node;
import io.shardgate.config.ConfigLoader;
import io.shardgate.protocol.Opcodes;
import io.shardgate.simulator.DiscordSimulator;
import io.shardgate.simulator.SimWorld;
import io.shardgate.simulator.SimulatorOptions;
import io.shardgate.testing.GatewayTestClient;
import io.shardgate.upstream.ShardState;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A bot that connects before its shard is READY upstream waits, heartbeating, and then gets READY. */
@ExtendWith(VertxExtension.class)
class ShardNotReadyTest {

  @Test
  void a_client_waits_for_its_shard_and_heartbeats_meanwhile(Vertx vertx) throws Exception {
    // max_concurrency 1: shard 1 identifies a whole identify window after shard 0.
    DiscordSimulator simulator = new DiscordSimulator(new SimulatorOptions().token(GatewayTestClient.TOKEN)
        .shards(2).guilds(4).rate(0).maxConcurrency(1));
    simulator.start(vertx).await(10, TimeUnit.SECONDS);
    JsonObject file = new JsonObject().put("token", GatewayTestClient.TOKEN).put("intents", 1).put("port", 0)
        .put("twilight_http_proxy", "127.0.0.1:" + simulator.port())
        .put("externally_accessible_url", "ws://127.0.0.1:7878");
    Node node = Node.start(vertx, ConfigLoader.load(file, Map.of())).await(10, TimeUnit.SECONDS);
    try {
      // Whichever shard got the first identify permit, the other waits a whole window.
      while (node.shards().snapshot().values().stream().noneMatch(s -> s.state() == ShardState.ACTIVE)) {
        Thread.sleep(10);
      }
      int late = node.shards().get(0).orElseThrow().state() == ShardState.ACTIVE ? 1 : 0;
      GatewayTestClient client = GatewayTestClient.connect(vertx, node.clientPort());
      client.nextOp(Opcodes.HELLO);
      client.identify(late, 2);
      client.send(Opcodes.HEARTBEAT, null);
      client.nextOp(Opcodes.HEARTBEAT_ACK);
      assertEquals(ShardState.IDENTIFYING, node.shards().get(late).orElseThrow().state(),
          "the heartbeat was answered while the shard was not READY yet");
      JsonObject ready = client.nextDispatch("READY");
      assertEquals(1, ready.getLong("s"));
      int guilds = new SimWorld(simulator.options().seed(), 2, 4).guildIds(late).size();
      for (int i = 0; i < guilds; i++) {
        client.nextDispatch("GUILD_CREATE");
      }
    } finally {
      node.stop().await(10, TimeUnit.SECONDS);
      simulator.stop().await(10, TimeUnit.SECONDS);
    }
  }
}
