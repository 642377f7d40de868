package io.shardgate.upstream;

import io.shardgate.cluster.ClusterIdentifyQueue;
import io.shardgate.cluster.ShardOwnership;
import io.shardgate.config.ConfigException;
import io.shardgate.config.ConfigValidator;
import io.shardgate.config.ReplayWindowConfig;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.metrics.GatewayMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the shards this node is configured for: asks Discord for the gateway URL, the shard count
 * (unless {@code shards} is set) and the session budget, then deploys one {@link ShardVerticle} per
 * shard in {@code shard_start..shard_end}, all behind one identify queue.
 */
public final class UpstreamShards {

  private static final Logger LOG = LoggerFactory.getLogger(UpstreamShards.class);

  /** What this node runs, derived from the config and GET /gateway/bot. */
  public record Plan(int totalShards, int shardStart, int shardEnd, GatewayInfo gateway) {

    /** The range checked against the total, which only Discord may know (when {@code shards} is null). */
    static Future<Plan> of(ShardgateConfig config, GatewayInfo gateway) {
      int total = config.shards().orElse(gateway.shards());
      try {
        ConfigValidator.validateShardRange(config, total);
      } catch (ConfigException e) {
        return Future.failedFuture(e);
      }
      return Future.succeededFuture(new Plan(total, config.shardStart(), config.shardEnd(total), gateway));
    }

    public int shardCount() {
      return shardEnd - shardStart;
    }
  }

  private final Vertx vertx;
  private final Plan plan;
  private final java.util.Optional<java.nio.file.Path> stateFile;
  /** A standby tries to take free shards this often, and at once when a cluster member leaves. */
  static final long OWNERSHIP_RETRY_MS = 10_000;

  private ShardServices services;
  private ShardOwnership ownership;

  private UpstreamShards(Vertx vertx, Plan plan, java.util.Optional<java.nio.file.Path> stateFile) {
    this.vertx = vertx;
    this.plan = plan;
    this.stateFile = stateFile;
  }

  /** What the deployment looks like (total shards, this node's range), without starting anything. */
  public static Future<Plan> plan(Vertx vertx, ShardgateConfig config) {
    return new GatewayInfoClient(vertx, config.restBaseUrl(), config.token()).fetch()
        .compose(gateway -> Plan.of(config, gateway));
  }

  public static Future<UpstreamShards> start(Vertx vertx, ShardgateConfig config, ShardStatusRegistry registry,
      GatewayMetrics metrics) {
    return plan(vertx, config)
        .compose(plan -> {
          UpstreamShards shards = new UpstreamShards(vertx, plan, config.stateFile());
          return shards.deploy(config, registry, metrics).map(shards);
        });
  }

  /** Cache counts per shard, for /metrics. */
  public java.util.Map<Integer, io.shardgate.metrics.CacheStats> cacheStats() {
    return services.cacheStats();
  }

  /** Replay window and checkpoint figures per shard, for /metrics. */
  public java.util.Map<Integer, io.shardgate.metrics.ShardStats> shardStats() {
    return services.shardStats();
  }

  public Plan plan() {
    return plan;
  }

  /** Stops every shard this node owns (each closes its Discord connection resumably) and releases it. */
  public Future<Void> stop() {
    if (ownership == null) {
      return Future.succeededFuture();
    }
    java.util.SortedSet<Integer> handedOver = ownership.ownedShards();
    return ownership.stop().compose(v -> stateFile.map(file -> StateFile.save(vertx, file, handedOver)
        .<Void>mapEmpty()
        .recover(err -> {
          LOG.warn("state file {} not written ({}): after a restart with nobody else to resume them, "
              + "these shards will IDENTIFY", file, err.getMessage());
          return Future.succeededFuture();
        })).orElse(Future.succeededFuture()));
  }

  /** Shards this node owns now (standbys own none until a node leaves). */
  public java.util.SortedSet<Integer> ownedShards() {
    return ownership.ownedShards();
  }

  /** Tries to take free shards of the range now, e.g. when a cluster member left. */
  public Future<Void> claimFreeShards() {
    return ownership.claimFreeShards();
  }

  private Future<Void> deploy(ShardgateConfig config, ShardStatusRegistry registry, GatewayMetrics metrics) {
    GatewayInfo.SessionStartLimit limit = plan.gateway().sessionStartLimit();
    IdentifyQueue queue = identifyQueue(config, limit);
    services = ShardServices.create(queue, registry, metrics);
    LOG.info("shards {}..{} of {} (max_concurrency {}, {} session starts left)", plan.shardStart(),
        plan.shardEnd() - 1, plan.totalShards(), limit.maxConcurrency(), limit.remaining());
    ownership = new ShardOwnership(vertx, plan.shardStart(), plan.shardEnd(), shard -> deployShard(config, shard),
        deployment -> vertx.undeploy(deployment), OWNERSHIP_RETRY_MS);
    // Before any shard is claimed: the previous run's checkpoints are then in the directory it reads.
    Future<Integer> loaded = stateFile.map(file -> StateFile.load(vertx, file).recover(err -> {
      LOG.warn("state file {} not loaded ({}); identifying", file, err.getMessage());
      return Future.succeededFuture(0);
    })).orElse(Future.succeededFuture(0));
    return loaded.compose(n -> ownership.start());
  }

  /**
   * One node: buckets and budget kept here. A cluster: the same local queue (one request per bucket
   * per node), behind the cluster-wide gate that owns the budget.
   */
  private IdentifyQueue identifyQueue(ShardgateConfig config, GatewayInfo.SessionStartLimit limit) {
    VertxScheduler scheduler = new VertxScheduler(vertx);
    if (!config.cluster().enabled()) {
      return new BucketedIdentifyQueue(limit.maxConcurrency(), BucketedIdentifyQueue.DISCORD_WINDOW_MS, scheduler,
          limit);
    }
    GatewayInfo.SessionStartLimit unlimited = new GatewayInfo.SessionStartLimit(Integer.MAX_VALUE,
        Integer.MAX_VALUE, limit.resetAfterMs(), limit.maxConcurrency());
    BucketedIdentifyQueue local = new BucketedIdentifyQueue(limit.maxConcurrency(),
        BucketedIdentifyQueue.DISCORD_WINDOW_MS, scheduler, unlimited);
    return new ClusterIdentifyQueue(vertx, local, BucketedIdentifyQueue.DISCORD_WINDOW_MS, limit);
  }

  private Future<String> deployShard(ShardgateConfig config, int shard) {
    services.statuses().update(ShardStatus.initial(shard));
    ShardOptions options = new ShardOptions(shard, plan.totalShards(), config.token(), config.intents(),
        config.presenceFor(shard), plan.gateway().url(), Backoff.DEFAULT_BASE_MS, Backoff.DEFAULT_MAX_MS,
        ShardOptions.DEFAULT_MAX_MESSAGE_BYTES, ShardOptions.DEFAULT_COMMAND_QUEUE_LIMIT);
    ShardDirectory directory = new ShardDirectory(vertx, shard, config.token());
    return directory.read()
        .recover(err -> {
          LOG.warn("shard {}: shard directory unreadable ({}); identifying", shard, err.getMessage());
          return Future.succeededFuture(null);
        })
        .compose(restored -> vertx.deployVerticle(new ShardVerticle(options, services, config.cache(),
            replayWindow(config.replayWindow()), directory, restored, config.checkpointIntervalMs())))
        .onFailure(err -> services.statuses().remove(shard));
  }

  private static ReplayWindow replayWindow(ReplayWindowConfig bounds) {
    return new ReplayWindow(bounds.maxEvents(), bounds.maxBytes(), bounds.maxAgeMillis());
  }

}
