package io.shardgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardgate.protocol.Opcodes;
import io.shardgate.simulator.SimWorld;
import io.shardgate.testing.GatewayTestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
  private static final Path DIR = Path.of("target", "handover-it");

  private ProcessCluster cluster;
  private List<NodeProcess> nodes;

  @BeforeEach
  void start() throws Exception {
    cluster = new ProcessCluster(2, SHARDS, GUILDS, DIR);
    nodes = cluster.nodes;
    cluster.start("owner", 0, 0, SHARDS);
    cluster.await("the owner runs all 8 shards", 90, () -> nodes.get(0).activeShards().size() == SHARDS);
    cluster.start("standby", 1, 0, SHARDS);
    cluster.await("the standby answers", 60, () -> cluster.answers(nodes.get(1)));
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void sigterm_hands_every_shard_over_without_an_identify_or_a_gap() throws Exception {
    SimWorld world = new SimWorld(cluster.simulator.options().seed(), SHARDS, GUILDS);
    int onStandby = 3;
    int onOwner = 5;
    GatewayTestClient stays = GatewayTestClient.connect(cluster.vertx, nodes.get(1).clientPort);
    stays.identifyAndAwaitReady(onStandby, SHARDS, world.guildIds(onStandby).size());
    GatewayTestClient moves = GatewayTestClient.connect(cluster.vertx, nodes.get(0).clientPort);
    String movingSession = moves.identifyAndAwaitReady(onOwner, SHARDS, world.guildIds(onOwner).size())
        .getString("session_id");
    inject(onStandby, 1);
    inject(onOwner, 1);
    long staysS = stays.nextDispatch("TEST_EVENT").getLong("s");
    long movesS = moves.nextDispatch("TEST_EVENT").getLong("s");

    nodes.get(0).terminate();
    cluster.await("the standby runs all 8 shards", 60, () -> nodes.get(1).activeShards().size() == SHARDS);
    for (int shard = 0; shard < SHARDS; shard++) {
      assertEquals(1, cluster.simulator.counters().identifies(shard), "shard " + shard + " was resumed, not re-identified");
      assertEquals(1, cluster.simulator.counters().resumes(shard), "shard " + shard + " resumed once");
    }

    // The bot on the standby never noticed.
    inject(onStandby, 2);
    JsonObject next = stays.nextDispatch("TEST_EVENT");
    assertEquals(2, next.getJsonObject("d").getInteger("n"));
    assertEquals(staysS + 1, next.getLong("s"), "no seam for a bot on the standby");

    // The bot on the stopped node was closed resumably and RESUMEs on the standby.
    assertEquals(4000, moves.awaitClose());
    inject(onOwner, 2);
    GatewayTestClient resumed = GatewayTestClient.connect(cluster.vertx, nodes.get(1).clientPort);
    resumed.nextOp(Opcodes.HELLO);
    resumed.resume(movingSession, movesS);
    JsonObject missed = resumed.nextDispatch("TEST_EVENT");
    assertEquals(2, missed.getJsonObject("d").getInteger("n"));
    assertEquals(movesS + 1, missed.getLong("s"));
    assertEquals(movesS + 2, resumed.nextDispatch("RESUMED").getLong("s"));

    // The handed-over cache answers a new bot's IDENTIFY with every guild.
    GatewayTestClient fresh = GatewayTestClient.connect(cluster.vertx, nodes.get(1).clientPort);
    JsonArray listed = fresh.identifyAndAwaitReady(onOwner, SHARDS, world.guildIds(onOwner).size())
        .getJsonArray("guilds");
    assertEquals(world.guildIds(onOwner).size(), listed.size());
  }

  private void inject(int shard, int n) throws Exception {
    cluster.inject(shard, "TEST_EVENT", new JsonObject().put("n", n));
  }
}
