package io.shardgate.upstream;

import io.shardgate.cache.ShardCache;
import io.shardgate.cluster.EventBusAddresses;
import io.shardgate.config.CacheConfig;
import io.shardgate.protocol.Envelope;
import io.shardgate.protocol.GatewayFrame;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds one shard's Discord session and relays it: every dispatch gets the shard's next relay
 * sequence, goes into the replay window, is published raw to {@code shardgate.shard.<id>.dispatch},
 * and only then, if the cache keeps that event type, is parsed into the cache. Client connections
 * reach the shard on {@code .sync} (READY snapshots, replays) and {@code .command} (gateway commands).
 */
public final class ShardVerticle extends VerticleBase {

  /** Discord's GUILD_CREATEs for large guilds run to megabytes; compressed frames are smaller. */
  private static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(ShardVerticle.class);

  /** How often the cache's counts are published for /metrics (walking the cache is not per-event work). */
  private static final long CACHE_STATS_EVERY_MS = 10_000;

  private final ShardOptions options;
  private final ShardServices services;
  /** What the previous owner left (RESUME its session, continue its stream and cache), or null. */
  private final ShardHandover takeOver;
  private final ShardCache cache;
  private final ReplayWindow window;
  private WebSocketClient client;
  private ShardConnection connection;
  private ShardSync sync;
  private Scheduler scheduler;
  private MessageConsumer<String> commands;
  private MessageConsumer<JsonObject> syncRequests;
  /**
   * The relay sequence never goes back, not even when the shard moves to another node: a new owner
   * starts above anything an earlier owner can have reached (a millisecond clock times 1000 leaves
   * room for a thousand events per millisecond). Clients whose stream then jumps are told: they
   * RESUME and learn whether the replay window still covers them.
   */
  private long relaySequence = System.currentTimeMillis() * 1_000;

  private long statsTimer;

  public ShardVerticle(ShardOptions options, ShardServices services, CacheConfig cacheFlags, ReplayWindow window,
      ShardHandover takeOver) {
    this.options = options;
    this.services = services;
    this.takeOver = takeOver;
    this.cache = new ShardCache(cacheFlags);
    this.window = window;
  }

  @Override
  public Future<?> start() {
    scheduler = new VertxScheduler(vertx);
    client = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(MAX_FRAME_BYTES)
        .setMaxMessageSize(MAX_FRAME_BYTES)
        .setTryUsePerMessageCompression(false)
        .setClosingTimeout(2));
    connection = new ShardConnection(options, client, services.identifyQueue(), scheduler, new Relay(), new Random());
    statsTimer = vertx.setPeriodic(CACHE_STATS_EVERY_MS,
        id -> services.cacheStats().put(options.shardId(), cache.stats()));
    sync = new ShardSync(cache, window, () -> relaySequence, scheduler::nowMillis);
    if (takeOver != null) {
      relaySequence = takeOver.rseq();
      window.continueFrom(takeOver.rseq());
      cache.restore(takeOver.ready(), takeOver.guilds());
      sync.readyReceived(takeOver.ready());
      LOG.info("shard {}: taking over at rseq {} with {} cached guilds; resuming the Discord session",
          options.shardId(), takeOver.rseq(), takeOver.guilds().size());
    }
    commands = vertx.eventBus().consumer(EventBusAddresses.shardCommand(options.shardId()), message ->
        connection.submitCommand(message.body()).onComplete(ar -> {
          if (ar.succeeded()) {
            message.reply(null);
          } else {
            message.fail(429, ar.cause().getMessage());
          }
        }));
    syncRequests = vertx.eventBus().consumer(EventBusAddresses.shardSync(options.shardId()), sync::handle);
    return Future.all(commands.completion(), syncRequests.completion())
        .onSuccess(v -> connection.start(takeOver == null ? null : takeOver.session()));
  }

  @Override
  public Future<?> stop() {
    sync.stop();
    vertx.cancelTimer(statsTimer);
    return Future.join(connection.stop(), commands.unregister(), syncRequests.unregister())
        .compose(v -> leaveHandover(), err -> leaveHandover())
        .eventually(() -> client.close())
        .onComplete(ar -> {
          services.statuses().remove(options.shardId());
          services.cacheStats().remove(options.shardId());
          services.metrics().forgetShard(options.shardId());
        });
  }

  /**
   * Leaves the session, stream position and cache for the next owner. Runs after the Discord
   * connection closed (resumably), so nothing changes the cache meanwhile.
   */
  private Future<Void> leaveHandover() {
    ShardStatus status = connection.status();
    // A session this node resumed has no READY of its own: the one handed to it still describes it.
    JsonObject ready = status.ready() != null ? status.ready() : takeOver != null ? takeOver.ready() : null;
    if (status.session() == null || ready == null) {
      return Future.succeededFuture();
    }
    ShardHandover handover = new ShardHandover(status.session(), relaySequence, ready,
        cache.exportGuilds(), System.currentTimeMillis(), ShardHandover.fingerprint(options.token()));
    return handover.leave(vertx, options.shardId())
        .onSuccess(v -> LOG.info("shard {}: handed over at seq {} / rseq {}", options.shardId(),
            status.session().sequence(), relaySequence))
        .recover(err -> {
          LOG.warn("shard {}: handover not recorded ({}); the next owner will IDENTIFY", options.shardId(),
              err.getMessage());
          return Future.succeededFuture();
        });
  }

  private final class Relay implements ShardConnection.Listener {
    private final String address = EventBusAddresses.shardDispatch(options.shardId());

    @Override
    public void onDispatch(byte[] payload, Envelope envelope) {
      GatewayFrame frame = GatewayFrame.of(options.shardId(), ++relaySequence, payload, envelope);
      window.append(frame, scheduler.nowMillis());
      vertx.eventBus().publish(address, frame);
      String type = envelope.t();
      if (type != null) {
        services.metrics().shardEvent(options.shardId(), type);
        if (cache.wants(type)) {
          applyToCache(type, payload, envelope);
        }
      }
    }

    @Override
    public void onReady(JsonObject readyData) {
      services.metrics().shardEvent(options.shardId(), "READY");
      cache.onReady(readyData);
      sync.readyReceived(readyData);
    }

    @Override
    public void onStatus(ShardStatus status) {
      services.statuses().update(status);
      if (status.latencyMillis() >= 0) {
        services.metrics().shardLatency(options.shardId(), status.latencyMillis());
      }
    }

    @SuppressWarnings("unchecked")
    private void applyToCache(String type, byte[] payload, Envelope envelope) {
      if (envelope.dStart() < 0) {
        return;
      }
      try {
        Map<String, Object> d = DatabindCodec.mapper()
            .readValue(payload, envelope.dStart(), envelope.dEnd() - envelope.dStart(), Map.class);
        cache.apply(type, new JsonObject(d));
      } catch (IOException | ClassCastException e) {
        LOG.warn("shard {}: {} not cached: {}", options.shardId(), type, e.getMessage());
      }
    }
  }
}
