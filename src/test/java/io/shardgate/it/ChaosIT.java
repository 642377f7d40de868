package io.shardgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardgate.simulator.SimulatorOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 5's proof: bots that check every event keep a gap-free, repeat-free, ordered stream through
 * bot restarts, upstream drops (with and without a close frame), op 7, op 9 {@code d:true}, a rolling
 * restart of every node one by one, and a SIGKILL of an owner; Discord (the simulator, tagging each
 * event it broadcasts with its number) sees no IDENTIFY after each shard's first.
 *
 * <p>Three JVMs: A runs shards 0..1, B runs 2..3, C covers 0..3 as a standby; every step moves shards
 * between them. Each step waits for what it causes (RESUMEs, new owners, reconnected bots), never a
 * fixed time.
 */
@Timeout(value = 420, unit = TimeUnit.SECONDS)
class ChaosIT {

  private static final int SHARDS = 4;
  private static final int GUILDS = 16;
  private static final int CLIENTS_PER_SHARD = 3;
  private static final int CLIENT_RESTARTS = 30;
  private static final double EVENTS_PER_SECOND_PER_SHARD = 25;
  private static final int[][] RANGES = {{0, 2}, {2, 4}, {0, 4}};
  private static final String[] NAMES = {"node-a", "node-b", "node-c"};
  private static final Path DIR = Path.of("target", "chaos-it");

  private ProcessCluster cluster;
  private final AtomicReferenceArray<NodeProcess> nodes = new AtomicReferenceArray<>(RANGES.length);
  private final List<ChaosClient> clients = new ArrayList<>();
  private final AtomicInteger generation = new AtomicInteger();

  @AfterEach
  void stop() throws Exception {
    clients.forEach(ChaosClient::stop);
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void no_bot_misses_repeats_or_reorders_an_event_through_restarts_drops_and_a_crash() throws Exception {
    long started = System.currentTimeMillis();
    cluster = new ProcessCluster(RANGES.length, new SimulatorOptions().token(ProcessCluster.TOKEN).shards(SHARDS)
        .guilds(GUILDS).rate(0).maxConcurrency(SHARDS).tagEvents(true), DIR);
    startNode(0);
    startNode(1);
    cluster.await("A and B run all shards", 90, () -> owners().size() == SHARDS);
    startNode(2);
    cluster.await("C answers", 60, () -> cluster.answers(nodes.get(2)));

    for (int shard = 0; shard < SHARDS; shard++) {
      for (int i = 0; i < CLIENTS_PER_SHARD; i++) {
        ChaosClient client = new ChaosClient(cluster.vertx, "bot-" + shard + "-" + i, shard, SHARDS,
            ProcessCluster.TOKEN, roundRobin(shard * CLIENTS_PER_SHARD + i));
        clients.add(client);
        client.start();
      }
    }
    awaitBots("every bot READY", 60, () -> clients.stream().allMatch(ChaosClient::streaming));
    cluster.control.rate(EVENTS_PER_SECOND_PER_SHARD).await(10, TimeUnit.SECONDS);
    awaitBots("events flowing to every bot", 60, () -> clients.stream().allMatch(c -> c.lastN() > 0));

    restartBots();
    dropUpstream();
    rollingRestart();
    killAnOwner();

    cluster.control.rate(0).await(10, TimeUnit.SECONDS);
    long[] last = new long[SHARDS];
    for (int shard = 0; shard < SHARDS; shard++) {
      last[shard] = cluster.control.lastEventNumber(shard).await(10, TimeUnit.SECONDS);
    }
    awaitBots("every bot has the last event of its shard " + java.util.Arrays.toString(last), 90,
        () -> clients.stream().allMatch(c -> c.streaming() && c.lastN() == last[c.shard()]));

    report(System.currentTimeMillis() - started, last);
    List<String> violations = new ArrayList<>();
    clients.forEach(client -> violations.addAll(client.violations()));
    assertEquals(List.of(), violations, "no gap, duplicate or reorder");
    assertEquals(0, clients.stream().mapToInt(ChaosClient::invalidSessions).sum(),
        "no bot needed op 9: nothing was lost to tell it about");
    for (int shard = 0; shard < SHARDS; shard++) {
      assertEquals(1, cluster.simulator.counters().identifies(shard), "shard " + shard + " identified once, ever");
    }
    assertEquals(0, cluster.simulator.counters().bucketViolations());
  }

  /** Waits on the bots; on timeout, says where each one is. */
  private void awaitBots(String what, int seconds, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    try {
      cluster.await(what, seconds, condition);
    } catch (AssertionError e) {
      StringBuilder states = new StringBuilder(what);
      for (ChaosClient client : clients) {
        states.append("\n").append(client.name).append(": streaming ").append(client.streaming())
            .append(", last n ").append(client.lastN()).append(", connections ").append(client.connections())
            .append(", resumes ").append(client.resumes()).append(", op 9 ").append(client.invalidSessions())
            .append(", violations ").append(client.violations());
      }
      throw new AssertionError(states + "\n" + e.getMessage());
    }
  }

  /** Bots restart one after another, each RESUMEing on the next node. */
  private void restartBots() throws Exception {
    for (int i = 0; i < CLIENT_RESTARTS; i++) {
      ChaosClient client = clients.get(i % clients.size());
      int resumes = client.resumes();
      client.restart();
      awaitBots(client.name + " RESUMEd", 30, () -> client.streaming() && client.resumes() > resumes);
    }
  }

  /** Each shard's Discord connection: dropped without a close frame, with one, op 7, op 9 d:true. */
  private void dropUpstream() throws Exception {
    for (int shard = 0; shard < SHARDS; shard++) {
      int s = shard;
      long resumes = cluster.simulator.counters().resumes(shard);
      cluster.control.drop(shard, false).await(10, TimeUnit.SECONDS);
      awaitResumes(s, resumes + 1);
      cluster.control.drop(shard, true).await(10, TimeUnit.SECONDS);
      awaitResumes(s, resumes + 2);
      cluster.control.reconnect(shard).await(10, TimeUnit.SECONDS);
      awaitResumes(s, resumes + 3);
      cluster.control.invalidate(shard, true).await(10, TimeUnit.SECONDS);
      awaitResumes(s, resumes + 4);
    }
  }

  /** SIGTERM each node in turn; its shards move, then it comes back with the same range. */
  private void rollingRestart() throws Exception {
    for (int index = 0; index < RANGES.length; index++) {
      nodes.get(index).terminate();
      int stopped = index;
      cluster.await(NAMES[index] + "'s shards running elsewhere", 60, () -> owners(stopped).size() == SHARDS);
      startNode(index);
      cluster.await(NAMES[index] + " back", 60, () -> cluster.answers(nodes.get(stopped)));
    }
  }

  /** SIGKILL the owner of shard 0: a standby RESUMEs its shards from their checkpoints. */
  private void killAnOwner() throws Exception {
    int owner = ownerOf(0);
    nodes.get(owner).kill();
    cluster.await("the killed node's shards running elsewhere", 60, () -> owners(owner).size() == SHARDS);
    startNode(owner);
    cluster.await(NAMES[owner] + " back", 60, () -> cluster.answers(nodes.get(owner)));
  }

  private void awaitResumes(int shard, long resumes) throws InterruptedException {
    cluster.await("shard " + shard + " resumed upstream", 30,
        () -> cluster.simulator.counters().resumes(shard) >= resumes && ownerOf(shard) >= 0);
  }

  private void startNode(int index) throws Exception {
    nodes.set(index, cluster.start(NAMES[index] + "-" + generation.incrementAndGet(), index, RANGES[index][0],
        RANGES[index][1]));
  }

  /** The node with shard {@code shard} ACTIVE, or -1. */
  private int ownerOf(int shard) {
    for (int index = 0; index < RANGES.length; index++) {
      NodeProcess node = nodes.get(index);
      if (node != null && node.alive() && node.activeShards().contains(shard)) {
        return index;
      }
    }
    return -1;
  }

  /** Shards ACTIVE on some live node other than {@code except}. */
  private Set<Integer> owners(int... except) {
    Set<Integer> active = new HashSet<>();
    for (int index = 0; index < RANGES.length; index++) {
      NodeProcess node = nodes.get(index);
      boolean excluded = false;
      for (int e : except) {
        excluded |= e == index;
      }
      if (node != null && !excluded && node.alive()) {
        active.addAll(node.activeShards());
      }
    }
    return active;
  }

  /** A bot's next node: round robin from its own starting point, over the nodes that run. */
  private IntSupplier roundRobin(int start) {
    AtomicInteger next = new AtomicInteger(start);
    return () -> {
      for (int tries = 0; tries < RANGES.length; tries++) {
        int index = Math.floorMod(next.getAndIncrement(), RANGES.length);
        NodeProcess node = nodes.get(index);
        if (node != null && node.alive()) {
          return cluster.clientPort(index);
        }
      }
      return cluster.clientPort(0);
    };
  }

  private void report(long wallMs, long[] last) {
    int connections = clients.stream().mapToInt(ChaosClient::connections).sum();
    int resumes = clients.stream().mapToInt(ChaosClient::resumes).sum();
    long dispatches = clients.stream().mapToLong(ChaosClient::dispatches).sum();
    java.util.Map<Integer, Integer> closes = new java.util.TreeMap<>();
    clients.forEach(client -> client.closes().forEach((code, count) -> closes.merge(code, count, Integer::sum)));
    System.out.printf("chaos: %d bots, %d connections (closes by code %s), %d RESUMEs, %d op 9, %d dispatches "
            + "checked; last events per shard %s; upstream identifies %s, resumes %s; %.1f s%n",
        clients.size(), connections, closes, resumes, clients.stream().mapToInt(ChaosClient::invalidSessions).sum(),
        dispatches, java.util.Arrays.toString(last), perShard(true), perShard(false), wallMs / 1000.0);
  }

  private String perShard(boolean identifies) {
    List<Long> counts = new ArrayList<>();
    for (int shard = 0; shard < SHARDS; shard++) {
      counts.add(identifies ? cluster.simulator.counters().identifies(shard) : cluster.simulator.counters().resumes(shard));
    }
    return counts.toString();
  }
}
