package io.shardgate.bench;

import io.shardgate.cache.ShardCache;
import io.shardgate.config.CacheConfig;
import io.shardgate.simulator.SimEvent;
import io.shardgate.simulator.SimWorld;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Heap per cached guild, in this JVM through the cache's public API (as ShardCacheMemoryTest does):
 * the simulator's world gives each guild's GUILD_CREATE, the cache is fed READY and the GUILD_CREATEs,
 * and the live heap after GC is compared before and after. Then a stream of events churns the cache
 * and its own estimate is read again.
 */
final class MemoryScenario implements Scenario {
  static final double GOAL_RATIO = 1.5;
  private static final long SEED = 2024L;
  private static final int GC_ROUNDS = 4;

  private record Flags(String label, CacheConfig config) {
  }

  private static final List<Flags> FLAGS = List.of(
      new Flags("default", CacheConfig.defaults()),
      new Flags("default + members + presences",
          new CacheConfig(true, true, false, true, true, true, false, false, false, false, false)));

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public long timeoutSeconds(BenchSettings settings) {
    return settings.quick() ? 60 : 300;
  }

  @Override
  public void run(BenchContext context, ScenarioReport report) {
    BenchSettings settings = context.settings();
    int guilds = settings.quick() ? 300 : 1_000;
    int events = settings.quick() ? 2_000 : 20_000;
    report.setting(guilds + " guilds of the simulator's world (seed " + SEED + "+repetition), one shard; heap = "
        + "used heap after GC with the cache minus without it; then " + events + " events of the world's stream")
        .setting("crafted GUILD_CREATE = what the cache serves with those flags; full = what Discord (the simulator)"
            + " sent");
    Table table = new Table("cache flags", "heap bytes / guild", "estimate / guild (after churn)",
        "crafted GUILD_CREATE bytes", "full GUILD_CREATE bytes", "heap / crafted", "heap / full", "goal", "result");
    for (Flags flags : FLAGS) {
      // A discarded first load: class initialisation and parser caches are not per-guild costs.
      measure(flags.config(), SEED - 1, guilds / 4, 0);
      List<double[]> runs = new ArrayList<>();
      for (int repeat = 0; repeat < settings.repeats(); repeat++) {
        runs.add(measure(flags.config(), SEED + repeat, guilds, events));
      }
      double[] m = new double[5];
      for (int i = 0; i < m.length; i++) {
        final int column = i;
        m[i] = Stats.median(runs.stream().map(run -> run[column]).toList());
      }
      boolean goalApplies = flags.label().equals("default");
      table.row(flags.label(), Stats.fmt(m[0], 0), Stats.fmt(m[1], 0) + " (" + Stats.fmt(m[2], 0) + ")",
          Stats.fmt(m[3], 0), Stats.fmt(m[4], 0), Stats.ratio(m[0], m[3]), Stats.ratio(m[0], m[4]),
          goalApplies ? "≤ 1.5× crafted" : "(none)",
          goalApplies ? Stats.metOrMissed(m[0] <= GOAL_RATIO * m[3]) : "");
    }
    report.table(table);
  }

  /** {heap/guild, estimate/guild, estimate/guild after churn, crafted bytes/guild, full bytes/guild}. */
  private static double[] measure(CacheConfig flags, long seed, int guildCount, int events) {
    SimWorld world = new SimWorld(seed, 1, guildCount);
    List<String> ids = world.guildIds(0);
    List<String> guildCreates = new ArrayList<>();
    long fullBytes = 0;
    for (String id : ids) {
      String json = world.guildCreate(id).encode();
      guildCreates.add(json);
      fullBytes += json.getBytes(StandardCharsets.UTF_8).length;
    }
    long before = usedHeapAfterGc();
    ShardCache cache = new ShardCache(flags);
    cache.onReady(ready(world, ids));
    for (String json : guildCreates) {
      cache.apply("GUILD_CREATE", new JsonObject(json));
    }
    long after = usedHeapAfterGc();
    long estimate = cache.estimatedBytes();
    long crafted = 0;
    for (String id : ids) {
      crafted += cache.guildCreate(id).length();
    }
    Reference.reachabilityFence(guildCreates);
    Random random = new Random(seed);
    for (int i = 0; i < events; i++) {
      SimEvent event = world.nextEvent(0, random);
      if (cache.wants(event.type())) {
        cache.apply(event.type(), new JsonObject(event.data().encode()));
      }
    }
    int guilds = ids.size();
    double churned = (double) cache.estimatedBytes() / Math.max(1, cache.guildCount());
    return new double[] {(double) (after - before) / guilds, (double) estimate / guilds, churned,
        (double) crafted / guilds, (double) fullBytes / guilds};
  }

  private static JsonObject ready(SimWorld world, List<String> ids) {
    JsonArray guilds = new JsonArray();
    ids.forEach(id -> guilds.add(new JsonObject().put("id", id).put("unavailable", true)));
    return new JsonObject().put("v", 10).put("user", world.botUser()).put("guilds", guilds)
        .put("session_id", "bench").put("resume_gateway_url", "wss://example.invalid")
        .put("shard", new JsonArray().add(0).add(1)).put("application", world.application());
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < GC_ROUNDS; i++) {
      System.gc();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
