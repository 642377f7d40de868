package io.shardgate.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shardgate.config.ReplayWindowConfig;
import io.shardgate.upstream.ShardStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * shardgate's Prometheus metrics, under gateway-proxy's names, labels and types so that dashboards
 * built for gateway-proxy keep working:
 *
 * <ul>
 *   <li>{@code gateway_shard_events{shard,event_type}} counter (exact name, no {@code _total}):
 *       {@link #shardEvent}; event_type is Discord's {@code t}, e.g. {@code MESSAGE_CREATE}.</li>
 *   <li>{@code gateway_shard_latency{shard}} gauge and {@code gateway_shard_latency_histogram{shard}}
 *       summary, in seconds: {@link #shardLatency}.</li>
 *   <li>{@code gateway_shard_status{shard}} summary (gateway-proxy's type) and
 *       {@code shardgate_shard_status{shard}} gauge, 0 fatally closed, 1 disconnected, 2 identifying,
 *       3 resuming, 4 active: {@link #bindShardStatus}.</li>
 *   <li>{@code gateway_cache_{guilds,unavailable_guilds,channels,roles,members,presences,users,emojis,
 *       voice_states}{shard}} gauges and {@code shardgate_cache_bytes{shard}}: {@link #bindCacheStats}.</li>
 *   <li>{@code shardgate_clients{shard}} gauge: {@link #bindClients}.</li>
 *   <li>{@code shardgate_replay_window_{events,bytes,oldest_age_seconds}{shard}},
 *       {@code shardgate_checkpoint_{guilds_written,bytes_written,duration_seconds}{shard}} gauges and
 *       the configured {@code shardgate_replay_window_max_{events,bytes,age_seconds}} and
 *       {@code shardgate_checkpoint_interval_seconds}: {@link #bindShardStats}.</li>
 * </ul>
 *
 * <p>Serve {@link #scrape()} (not {@code PrometheusScrapingHandler}, which would miss the event counter
 * and the supplier-fed gauges). Vert.x's own metrics go to the same registry when Vert.x is built with it:
 * <pre>{@code
 * GatewayMetrics metrics = new GatewayMetrics();
 * Vertx vertx = Vertx.builder()
 *     .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
 *     .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe. {@link #shardEvent} is meant for the dispatch hot path of every shard's event loop.
 */
public final class GatewayMetrics {

  /** The Prometheus text exposition format that {@link #scrape()} returns. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  static final String CACHE_BYTES = "shardgate_cache_bytes";
  static final String CLIENTS = "shardgate_clients";

  private static final Logger LOG = LoggerFactory.getLogger(GatewayMetrics.class);

  private final PrometheusMeterRegistry registry;
  private final ShardEventCounters events = new ShardEventCounters();
  private final ShardTable<ShardLatencyMeters> latencies = new ShardTable<>();
  private final IntFunction<ShardLatencyMeters> newLatencyMeters;
  private final List<Runnable> scrapeRefreshers = new CopyOnWriteArrayList<>();
  private final Set<String> boundSources = ConcurrentHashMap.newKeySet();

  public GatewayMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  public GatewayMetrics(PrometheusMeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.newLatencyMeters = shard -> new ShardLatencyMeters(registry, shard);
  }

  /**
   * Counts one dispatch (op 0, READY and RESUMED included, as gateway-proxy counts them) received from
   * Discord on {@code shard}. No allocation once the (shard, event type) pair has been seen.
   */
  public void shardEvent(int shard, String eventType) {
    events.increment(shard, eventType);
  }

  /** Records the round trip of a heartbeat of {@code shard} (heartbeat sent → ACK received). */
  public void shardLatency(int shard, long millis) {
    ShardLatencyMeters meters = latencies.computeIfAbsent(shard, newLatencyMeters);
    if (meters != null && millis >= 0) {
      meters.record(millis);
    }
  }

  /** Exports the state of each shard the supplier returns, read at every scrape. */
  public void bindShardStatus(Supplier<Map<Integer, ShardStatus>> statuses) {
    claim("shard status");
    ShardStatusMeters meters = new ShardStatusMeters(registry);
    onScrape("shard status", statuses, meters::refresh);
  }

  /** Exports each shard's cache sizes, read at every scrape. */
  public void bindCacheStats(Supplier<Map<Integer, CacheStats>> stats) {
    claim("cache stats");
    List<SuppliedShardGauge<CacheStats>> gauges = List.of(
        cacheGauge("gateway_cache_guilds", "Guilds in the shard's cache", CacheStats::guilds),
        cacheGauge("gateway_cache_unavailable_guilds", "Unavailable guilds of the shard",
            CacheStats::unavailableGuilds),
        cacheGauge("gateway_cache_channels", "Channels in the shard's cache", CacheStats::channels),
        cacheGauge("gateway_cache_roles", "Roles in the shard's cache", CacheStats::roles),
        cacheGauge("gateway_cache_members", "Members in the shard's cache", CacheStats::members),
        cacheGauge("gateway_cache_presences", "Presences in the shard's cache", CacheStats::presences),
        cacheGauge("gateway_cache_users", "Users in the shard's cache", CacheStats::users),
        cacheGauge("gateway_cache_emojis", "Emojis in the shard's cache", CacheStats::emojis),
        cacheGauge("gateway_cache_voice_states", "Voice states in the shard's cache", CacheStats::voiceStates),
        cacheGauge(CACHE_BYTES, "Estimated memory used by the shard's cache, in bytes", CacheStats::bytes));
    onScrape("cache stats", stats, snapshot -> gauges.forEach(gauge -> gauge.refresh(snapshot)));
  }

  /**
   * Exports each shard's replay window fill and last checkpoint round, read at every scrape, and the
   * configured bounds once: see {@link ShardStatsMeters} for the names.
   */
  public void bindShardStats(Supplier<Map<Integer, ShardStats>> stats, ReplayWindowConfig bounds,
      long checkpointIntervalMs) {
    claim("shard stats");
    ShardStatsMeters meters = new ShardStatsMeters(registry, bounds, checkpointIntervalMs);
    onScrape("shard stats", stats, meters::refresh);
  }

  /** Exports how many clients are connected to each shard, read at every scrape. */
  public void bindClients(Supplier<Map<Integer, Integer>> clientsPerShard) {
    claim("clients");
    SuppliedShardGauge<Integer> gauge = new SuppliedShardGauge<>(registry, CLIENTS,
        "Client connections of the shard on this node", Integer::doubleValue);
    onScrape("clients", clientsPerShard, gauge::refresh);
  }

  /** Drops the pushed series of a shard that left this node (its supplied gauges go by themselves). */
  public void forgetShard(int shard) {
    events.forget(shard);
    ShardLatencyMeters meters = latencies.remove(shard);
    if (meters != null) {
      meters.remove();
    }
  }

  /**
   * Every metric in the Prometheus text format ({@link #CONTENT_TYPE}). Reads the bound suppliers, so
   * call it off the event loop when they are slow or the shard count is large.
   */
  public String scrape() {
    StringBuilder out = new StringBuilder();
    synchronized (this) { // the supplier-fed meters are refreshed by one scrape at a time
      scrapeRefreshers.forEach(Runnable::run);
      out.append(registry.scrape());
    }
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
    events.render(out);
    return out.toString();
  }

  /** The registry behind {@link #scrape()}: give it to Vert.x or bind more meters to it. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Each source is bound once: a second set of meters under the same names would clash. */
  private void claim(String source) {
    if (!boundSources.add(source)) {
      throw new IllegalStateException(source + " is already bound to these metrics");
    }
  }

  private SuppliedShardGauge<CacheStats> cacheGauge(String name, String description,
      ToDoubleFunction<CacheStats> value) {
    return new SuppliedShardGauge<>(registry, name, description, value);
  }

  private <T> void onScrape(String what, Supplier<Map<Integer, T>> supplier, Consumer<Map<Integer, T>> refresh) {
    Objects.requireNonNull(supplier, what);
    scrapeRefreshers.add(() -> {
      try {
        Map<Integer, T> snapshot = supplier.get();
        refresh.accept(snapshot == null ? Map.of() : snapshot);
      } catch (RuntimeException e) {
        // A failing source must not take the other metrics down with it; its series keep their last values.
        LOG.warn("metrics: reading {} failed, keeping the previous values: {}", what, e.toString());
      }
    });
  }

  /** For tests: the exported count of one label pair. */
  long eventCount(int shard, String eventType) {
    return events.count(shard, eventType);
  }
}
