package io.shardgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.protocol.Opcodes;
import io.shardgate.simulator.SimWorld;
import io.shardgate.testing.GatewayTestClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three shardgate processes started from the built jar act as one proxy for 16 shards: A runs 0..7,
 * B runs 8..15, C covers all 16 as a standby and faces clients. Then A is SIGKILLed,
 * and C continues its streams from the checkpoints A left in the shard directory.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterProcessesIT {

  private static final int SHARDS = 16;
  private static final int GUILDS = 64;
  private static final Path DIR = Path.of("target", "cluster-it");

  private ProcessCluster cluster;
  private List<NodeProcess> nodes;

  @BeforeEach
  void start() throws Exception {
    cluster = new ProcessCluster(3, SHARDS, GUILDS, DIR);
    nodes = cluster.nodes;
    cluster.start("node-a", 0, 0, 8);
    cluster.start("node-b", 1, 8, 16);
    cluster.await("A and B run all 16 shards", 90, () -> active(0).size() == 8 && active(1).size() == 8);
    cluster.start("node-c", 2, 0, 16);
    cluster.await("C answers", 60, () -> cluster.answers(nodes.get(2)));
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void three_processes_act_as_one_proxy_and_a_standby_takes_over_a_killed_owner() throws Exception {
    for (int shard = 0; shard < SHARDS; shard++) {
      assertEquals(1, cluster.simulator.counters().identifies(shard), "shard " + shard + " identified once in the cluster");
    }
    assertEquals(Set.of(), active(2), "C is a standby: every shard of its range has an owner");
    assertEquals("16", nodes.get(2).get("/shard-count").trim());

    // A client on C for a shard A owns: every event, in order, contiguous s; its command reaches Discord.
    SimWorld world = new SimWorld(cluster.simulator.options().seed(), SHARDS, GUILDS);
    int shard = 3;
    GatewayTestClient client = GatewayTestClient.connect(cluster.vertx, nodes.get(2).clientPort);
    client.identifyAndAwaitReady(shard, SHARDS, world.guildIds(shard).size());
    long s = world.guildIds(shard).size() + 1;
    for (int n = 1; n <= 20; n++) {
      cluster.control.inject(shard, "TEST_EVENT", new JsonObject().put("n", n)).await(10, TimeUnit.SECONDS);
    }
    for (int n = 1; n <= 20; n++) {
      JsonObject event = client.nextDispatch("TEST_EVENT");
      assertEquals(n, event.getJsonObject("d").getInteger("n"));
      assertEquals(++s, event.getLong("s"));
    }
    client.send(Opcodes.PRESENCE_UPDATE, new JsonObject().put("status", "idle").put("activities", new JsonArray())
        .put("afk", false).put("since", (Object) null));
    cluster.await("op 3 at shard " + shard, 20, () -> cluster.simulator.counters().commands(shard, Opcodes.PRESENCE_UPDATE) == 1);

    // IDENTIFY on C, RESUME on B, for a shard B owns.
    int other = 12;
    GatewayTestClient first = GatewayTestClient.connect(cluster.vertx, nodes.get(2).clientPort);
    String sessionId = first.identifyAndAwaitReady(other, SHARDS, world.guildIds(other).size()).getString("session_id");
    cluster.control.inject(other, "TEST_EVENT", new JsonObject().put("n", 1)).await(10, TimeUnit.SECONDS);
    long seq = first.nextDispatch("TEST_EVENT").getLong("s");
    first.close(4000);
    first.awaitClose();
    cluster.control.inject(other, "TEST_EVENT", new JsonObject().put("n", 2)).await(10, TimeUnit.SECONDS);
    GatewayTestClient second = GatewayTestClient.connect(cluster.vertx, nodes.get(1).clientPort);
    second.nextOp(Opcodes.HELLO);
    second.resume(sessionId, seq);
    assertEquals(2, second.nextDispatch("TEST_EVENT").getJsonObject("d").getInteger("n"));
    assertEquals(seq + 2, second.nextDispatch("RESUMED").getLong("s"));

    // Events A relays after its last periodic checkpoint (likely: checkpoints are 5 s apart): after
    // the crash, Discord replays them to the new owner, which must not relay them twice.
    for (int n = 21; n <= 25; n++) {
      cluster.control.inject(shard, "TEST_EVENT", new JsonObject().put("n", n)).await(10, TimeUnit.SECONDS);
    }
    for (int n = 21; n <= 25; n++) {
      JsonObject event = client.nextDispatch("TEST_EVENT");
      assertEquals(n, event.getJsonObject("d").getInteger("n"));
      assertEquals(++s, event.getLong("s"));
    }

    // A bot on A for a shard B owns: when A dies it RESUMEs on C, whose record of the session dates
    // from the IDENTIFY; C walks the replay to the bot's s and sends only what the bot did not get.
    int elsewhere = 13;
    GatewayTestClient onA = GatewayTestClient.connect(cluster.vertx, nodes.get(0).clientPort);
    onA.identifyAndAwaitReady(elsewhere, SHARDS, world.guildIds(elsewhere).size());
    long seenOnA = 0;
    for (int n = 1; n <= 3; n++) {
      cluster.control.inject(elsewhere, "TEST_EVENT", new JsonObject().put("n", n)).await(10, TimeUnit.SECONDS);
      seenOnA = onA.nextDispatch("TEST_EVENT").getLong("s");
    }

    // SIGKILL A: C, the standby, owns 0..7 within the failure-detection time and RESUMEs A's sessions
    // from the shard directory's checkpoints instead of identifying.
    long killedAt = System.currentTimeMillis();
    nodes.get(0).kill();
    cluster.await("C runs A's shards", 60, () -> active(2).equals(range(0, 8)));
    long tookOver = System.currentTimeMillis() - killedAt;
    System.out.println("standby owned and RESUMEd all 8 shards " + tookOver + " ms after SIGKILL");
    for (int killed = 0; killed < 8; killed++) {
      assertEquals(1, cluster.simulator.counters().identifies(killed), "shard " + killed + " was not identified again");
    }
    assertEquals(0, cluster.simulator.counters().bucketViolations());

    cluster.control.inject(elsewhere, "TEST_EVENT", new JsonObject().put("n", 4)).await(10, TimeUnit.SECONDS);
    onA.awaitClose();
    GatewayTestClient movedToC = GatewayTestClient.connect(cluster.vertx, nodes.get(2).clientPort);
    movedToC.nextOp(Opcodes.HELLO);
    movedToC.resume(onA.sessionId(), seenOnA);
    JsonObject missed = movedToC.nextDispatch("TEST_EVENT");
    assertEquals(4, missed.getJsonObject("d").getInteger("n"), "the event sent while the bot was away, nothing twice");
    assertEquals(seenOnA + 1, missed.getLong("s"));
    assertEquals(seenOnA + 2, movedToC.nextDispatch("RESUMED").getLong("s"));

    // The client on C for shard 3 never noticed: the next event follows with the next s.
    cluster.control.inject(shard, "TEST_EVENT", new JsonObject().put("n", 100)).await(10, TimeUnit.SECONDS);
    JsonObject next = client.nextDispatch("TEST_EVENT");
    assertEquals(100, next.getJsonObject("d").getInteger("n"));
    assertEquals(++s, next.getLong("s"));
  }

  private Set<Integer> active(int node) {
    return nodes.get(node).activeShards();
  }

  private static Set<Integer> range(int start, int end) {
    Set<Integer> shards = new TreeSet<>();
    for (int i = start; i < end; i++) {
      shards.add(i);
    }
    return shards;
  }
}
