package io.shardgate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.Node;
import io.shardgate.config.ConfigLoader;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.protocol.Opcodes;
import io.shardgate.simulator.DiscordSimulator;
import io.shardgate.simulator.SimWorld;
import io.shardgate.simulator.SimulatorOptions;
import io.shardgate.testing.GatewayTestClient;
import io.shardgate.testing.SimControl;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three clustered nodes in one JVM act as one proxy: A and B both cover every shard (B is A's
 * standby where A got there first), C only faces clients. A bot may use any node for any shard.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterNodesTest {

  private static final int SHARDS = 4;
  private static final int GUILDS = 8;
  private static final String TOKEN = GatewayTestClient.TOKEN;

  private Vertx simVertx;
  private DiscordSimulator simulator;
  private SimControl control;
  private LocalCluster cluster;
  private final List<Node> nodes = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    simVertx = Vertx.vertx();
    simulator = new DiscordSimulator(new SimulatorOptions().token(TOKEN).shards(SHARDS).guilds(GUILDS).rate(0)
        .maxConcurrency(2));
    simulator.start(simVertx).await(10, TimeUnit.SECONDS);
    control = new SimControl(simVertx, simulator.port());
    cluster = new LocalCluster(3);
    for (int i = 0; i < 3; i++) {
      Vertx vertx = cluster.start(i).await(60, TimeUnit.SECONDS);
      nodes.add(Node.start(vertx, config(i, i == 2 ? "clients" : "all")).await(30, TimeUnit.SECONDS));
    }
    awaitAllShardsActive();
  }

  @AfterEach
  void stop() throws Exception {
    for (Node node : nodes) {
      try {
        node.stop().await(20, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // a node may already be gone
      }
    }
    cluster.close();
    simulator.stop().await(10, TimeUnit.SECONDS);
    simVertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void overlapping_ranges_identify_each_shard_once_and_without_bucket_violations() {
    Set<Integer> owned = new TreeSet<>();
    for (int i = 0; i < 2; i++) {
      Set<Integer> ofNode = nodes.get(i).upstream().ownedShards();
      ofNode.forEach(shard -> assertTrue(owned.add(shard), "shard " + shard + " owned twice"));
    }
    assertEquals(Set.of(0, 1, 2, 3), owned);
    assertEquals(null, nodes.get(2).upstream(), "the clients-only node runs no shard");
    for (int shard = 0; shard < SHARDS; shard++) {
      assertEquals(1, simulator.counters().identifies(shard), "shard " + shard + " identified once");
    }
    assertEquals(0, simulator.counters().bucketViolations());
  }

  @Test
  void a_client_on_a_node_without_the_shard_gets_every_event_in_order_and_its_commands_arrive() throws Exception {
    int shard = ownedBy(0).iterator().next();
    int guilds = new SimWorld(simulator.options().seed(), SHARDS, GUILDS).guildIds(shard).size();
    GatewayTestClient client = GatewayTestClient.connect(nodes.get(2).vertx(), nodes.get(2).clientPort());
    client.identifyAndAwaitReady(shard, SHARDS, guilds);
    for (int n = 1; n <= 10; n++) {
      control.inject(shard, "TEST_EVENT", new JsonObject().put("n", n)).await(10, TimeUnit.SECONDS);
    }
    for (int n = 1; n <= 10; n++) {
      JsonObject event = client.nextDispatch("TEST_EVENT");
      assertEquals(n, event.getJsonObject("d").getInteger("n"));
      assertEquals(guilds + 1 + n, event.getLong("s"));
    }
    client.send(Opcodes.PRESENCE_UPDATE, new JsonObject().put("status", "idle").put("activities", new JsonArray())
        .put("afk", false).put("since", (Object) null));
    long deadline = System.currentTimeMillis() + 10_000;
    while (simulator.counters().commands(shard, Opcodes.PRESENCE_UPDATE) < 1) {
      assertTrue(System.currentTimeMillis() < deadline, "op 3 never reached shard " + shard);
      Thread.sleep(10);
    }
  }

  @Test
  void identify_on_one_node_then_resume_on_another() throws Exception {
    int shard = 0;
    int guilds = new SimWorld(simulator.options().seed(), SHARDS, GUILDS).guildIds(shard).size();
    GatewayTestClient first = GatewayTestClient.connect(nodes.get(2).vertx(), nodes.get(2).clientPort());
    String sessionId = first.identifyAndAwaitReady(shard, SHARDS, guilds).getString("session_id");
    control.inject(shard, "TEST_EVENT", new JsonObject().put("n", 1)).await(10, TimeUnit.SECONDS);
    long seq = first.nextDispatch("TEST_EVENT").getLong("s");
    first.close(4000);
    first.awaitClose();
    control.inject(shard, "TEST_EVENT", new JsonObject().put("n", 2)).await(10, TimeUnit.SECONDS);

    GatewayTestClient second = GatewayTestClient.connect(nodes.get(1).vertx(), nodes.get(1).clientPort());
    second.nextOp(Opcodes.HELLO);
    second.resume(sessionId, seq);
    JsonObject missed = second.nextDispatch("TEST_EVENT");
    assertEquals(2, missed.getJsonObject("d").getInteger("n"));
    assertEquals(seq + 1, missed.getLong("s"));
    assertEquals(seq + 2, second.nextDispatch("RESUMED").getLong("s"));
  }

  @Test
  void every_node_answers_shard_count_and_refuses_shards_nobody_serves_with_4010() throws Exception {
    GatewayTestClient client = GatewayTestClient.connect(nodes.get(2).vertx(), nodes.get(2).clientPort());
    client.nextOp(Opcodes.HELLO);
    client.identify(SHARDS, SHARDS + 1);
    assertEquals(4010, client.awaitClose());
    for (Node node : nodes) {
      String count = io.shardgate.testing.HttpGet.text(node.clientPort(), "/shard-count");
      assertEquals(Integer.toString(SHARDS), count.trim());
    }
  }

  private Set<Integer> ownedBy(int node) {
    return nodes.get(node).upstream().ownedShards();
  }

  private void awaitAllShardsActive() throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      Set<Integer> active = new TreeSet<>();
      for (int i = 0; i < 2; i++) {
        nodes.get(i).shards().snapshot().forEach((shard, status) -> {
          if (status.state() == io.shardgate.upstream.ShardState.ACTIVE) {
            active.add(shard);
          }
        });
      }
      if (active.size() == SHARDS) {
        return;
      }
      assertTrue(System.currentTimeMillis() < deadline, "shards active: " + active);
      Thread.sleep(20);
    }
  }

  private ShardgateConfig config(int index, String role) throws Exception {
    JsonObject file = new JsonObject()
        .put("token", TOKEN)
        .put("intents", 513)
        .put("port", 0)
        .put("twilight_http_proxy", "127.0.0.1:" + simulator.port())
        .put("externally_accessible_url", "ws://127.0.0.1:7878")
        .put("role", role)
        .put("cluster", cluster.config(index).toJson());
    return ConfigLoader.load(file, Map.of());
  }
}
