package io.shardgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardgate.protocol.Opcodes;
import io.shardgate.simulator.DiscordSimulator;
import io.shardgate.simulator.SimWorld;
import io.shardgate.simulator.SimulatorOptions;
import io.shardgate.testing.FreePorts;
import io.shardgate.testing.GatewayTestClient;
import io.shardgate.testing.SimControl;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rolling deploy: the owner of 8 shards gets SIGTERM. Its standby RESUMEs the Discord sessions it
 * hands over (no IDENTIFY), continues their relay sequence and cache; a bot on the standby sees no
 * seam, and a bot on the stopped node RESUMEs on the standby without a gap.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GracefulHandoverIT {

  private static final int SHARDS = 8;
  private static final int GUILDS = 32;
  private static final String TOKEN = GatewayTestClient.TOKEN;
  private static final Path DIR = Path.of("target", "handover-it");

  private Vertx vertx;
  private DiscordSimulator simulator;
  private SimControl control;
  private final List<NodeProcess> nodes = new ArrayList<>();
  private List<Integer> clusterPorts;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    simulator = new DiscordSimulator(new SimulatorOptions().token(TOKEN).shards(SHARDS).guilds(GUILDS).rate(0)
        .maxConcurrency(SHARDS));
    simulator.start(vertx).await(10, TimeUnit.SECONDS);
    control = new SimControl(vertx, simulator.port());
    clusterPorts = FreePorts.pick(2);
    List<Integer> clientPorts = FreePorts.pick(2);
    String cluster = "shardgate-handover-" + UUID.randomUUID();
    nodes.add(NodeProcess.start("owner", config(cluster, 0, clientPorts.get(0)), DIR));
    await("the owner runs all 8 shards", 90, () -> nodes.get(0).activeShards().size() == SHARDS);
    nodes.add(NodeProcess.start("standby", config(cluster, 1, clientPorts.get(1)), DIR));
    await("the standby answers", 60, () -> {
      try {
        return !nodes.get(1).get("/health").isBlank();
      } catch (Exception e) {
        return false;
      }
    });
  }

  @AfterEach
  void stop() throws Exception {
    for (NodeProcess node : nodes) {
      node.close();
    }
    simulator.stop().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void sigterm_hands_every_shard_over_without_an_identify_or_a_gap() throws Exception {
    SimWorld world = new SimWorld(simulator.options().seed(), SHARDS, GUILDS);
    int onStandby = 3;
    int onOwner = 5;
    GatewayTestClient stays = GatewayTestClient.connect(vertx, nodes.get(1).clientPort);
    stays.identifyAndAwaitReady(onStandby, SHARDS, world.guildIds(onStandby).size());
    GatewayTestClient moves = GatewayTestClient.connect(vertx, nodes.get(0).clientPort);
    String movingSession = moves.identifyAndAwaitReady(onOwner, SHARDS, world.guildIds(onOwner).size())
        .getString("session_id");
    inject(onStandby, 1);
    inject(onOwner, 1);
    long staysS = stays.nextDispatch("TEST_EVENT").getLong("s");
    long movesS = moves.nextDispatch("TEST_EVENT").getLong("s");

    nodes.get(0).terminate();
    await("the standby runs all 8 shards", 60, () -> nodes.get(1).activeShards().size() == SHARDS);
    for (int shard = 0; shard < SHARDS; shard++) {
      assertEquals(1, simulator.counters().identifies(shard), "shard " + shard + " was resumed, not re-identified");
      assertEquals(1, simulator.counters().resumes(shard), "shard " + shard + " resumed once");
    }

    // The bot on the standby never noticed.
    inject(onStandby, 2);
    JsonObject next = stays.nextDispatch("TEST_EVENT");
    assertEquals(2, next.getJsonObject("d").getInteger("n"));
    assertEquals(staysS + 1, next.getLong("s"), "no seam for a bot on the standby");

    // The bot on the stopped node was closed resumably and RESUMEs on the standby.
    assertEquals(4000, moves.awaitClose());
    inject(onOwner, 2);
    GatewayTestClient resumed = GatewayTestClient.connect(vertx, nodes.get(1).clientPort);
    resumed.nextOp(Opcodes.HELLO);
    resumed.resume(movingSession, movesS);
    JsonObject missed = resumed.nextDispatch("TEST_EVENT");
    assertEquals(2, missed.getJsonObject("d").getInteger("n"));
    assertEquals(movesS + 1, missed.getLong("s"));
    assertEquals(movesS + 2, resumed.nextDispatch("RESUMED").getLong("s"));

    // The handed-over cache answers a new bot's IDENTIFY with every guild.
    GatewayTestClient fresh = GatewayTestClient.connect(vertx, nodes.get(1).clientPort);
    JsonArray listed = fresh.identifyAndAwaitReady(onOwner, SHARDS, world.guildIds(onOwner).size())
        .getJsonArray("guilds");
    assertEquals(world.guildIds(onOwner).size(), listed.size());
  }

  private void inject(int shard, int n) throws Exception {
    control.inject(shard, "TEST_EVENT", new JsonObject().put("n", n)).await(10, TimeUnit.SECONDS);
  }

  private void await(String what, int seconds, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        StringBuilder logs = new StringBuilder();
        for (NodeProcess node : nodes) {
          logs.append("\n--- ").append(node.name).append("\n").append(String.join("\n", node.lastLogLines(30)));
        }
        throw new AssertionError("timed out waiting for " + what + logs);
      }
      Thread.sleep(100);
    }
  }

  private JsonObject config(String cluster, int index, int clientPort) {
    JsonArray members = new JsonArray();
    clusterPorts.forEach(port -> members.add("127.0.0.1:" + port));
    return new JsonObject()
        .put("token", TOKEN)
        .put("intents", 513)
        .put("port", clientPort)
        .put("shards", SHARDS)
        .put("twilight_http_proxy", "127.0.0.1:" + simulator.port())
        .put("externally_accessible_url", "ws://127.0.0.1:" + clientPort)
        .put("cluster", new JsonObject().put("enabled", true).put("name", cluster).put("host", "127.0.0.1")
            .put("port", clusterPorts.get(index)).put("members", members));
  }
}
