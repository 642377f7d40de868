package io.shardgate.upstream;

import io.shardgate.cache.ShardCache;
import io.shardgate.cluster.EventBusAddresses;
import io.shardgate.config.CacheConfig;
import io.shardgate.metrics.ShardStats;
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

  /** More than any owner relays between two checkpoints, by orders of magnitude. */
  private static final long EVENTS_PAST_A_CHECKPOINT = 1_000_000_000L;
  /**
   * How far back a next owner RESUMEs, so that Discord's replay refills its replay window for bots
   * that were reconnecting when the shard moved: seconds, and a bounded count, well within what
   * Discord replays to any bot that resumes after a short outage.
   */
  static final long REPLAY_FLOOR_MAX_AGE_MS = 30_000;
  static final int REPLAY_FLOOR_MAX_EVENTS = 10_000;

  private final ShardOptions options;
  private final ShardServices services;
  private final ShardDirectory directory;
  /** The last checkpoint an earlier owner left (RESUME its session, continue its stream), or null. */
  private final ShardDirectory.Restored restored;
  private final long checkpointEveryMs;
  private final ShardCache cache;
  private final ReplayWindow window;
  private WebSocketClient client;
  private ShardConnection connection;
  private ShardSync sync;
  private Scheduler scheduler;
  private MessageConsumer<String> commands;
  private MessageConsumer<JsonObject> syncRequests;
  private ShardCheckpointer checkpointer;
  /**
   * The relay sequence never goes back, not even when the shard moves to another node. A new owner
   * that RESUMEs a checkpoint continues from the checkpoint's rseq: Discord replays the same events
   * in the same order, so they get the numbers they had. Any other new stream starts above anything
   * an earlier owner can have reached (a millisecond clock times 1000 leaves room for a thousand
   * events per millisecond); clients whose stream then jumps are told, and RESUME to op 9.
   */
  private long relaySequence = jumpAhead(0);
  /**
   * A checkpoint was restored and the replay has not reached the old owner's head yet: clients
   * wait, since the cache is at the head and the window is still filling.
   */
  private boolean catchingUp;
  /** A checkpoint was restored and Discord has not answered its RESUME yet. */
  private boolean resumingCheckpoint;
  /** The rseq before the current Discord session's first frame: only its frames can be resumed from. */
  private long sessionStartRseq;

  private long statsTimer;
  private long checkpointTimer;

  public ShardVerticle(ShardOptions options, ShardServices services, CacheConfig cacheFlags, ReplayWindow window,
      ShardDirectory directory, ShardDirectory.Restored restored, long checkpointEveryMs) {
    this.options = options;
    this.services = services;
    this.directory = directory;
    this.restored = restored;
    this.checkpointEveryMs = checkpointEveryMs;
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
    statsTimer = vertx.setPeriodic(CACHE_STATS_EVERY_MS, id -> {
      services.cacheStats().put(options.shardId(), cache.stats());
      publishShardStats();
    });
    sync = new ShardSync(cache, window, () -> relaySequence, scheduler::nowMillis);
    checkpointer = new ShardCheckpointer(vertx, options.shardId(), directory, cache, this::position);
    // The replay and checkpoint figures cost nothing to read: they follow each round, not the cache's pace.
    checkpointTimer = vertx.setPeriodic(checkpointEveryMs, id -> {
      checkpointer.tick();
      publishShardStats();
    });
    if (restored != null) {
      ShardDirectory.Checkpoint checkpoint = restored.checkpoint();
      relaySequence = checkpoint.rseq();
      sessionStartRseq = checkpoint.rseq();
      window.continueFrom(checkpoint.rseq());
      cache.restore(restored.ready(), restored.guilds(), checkpoint.headSeq());
      resumingCheckpoint = true;
      LOG.info("shard {}: taking over with {} cached guilds; resuming the Discord session from seq {} / rseq {} "
          + "(the old owner reached {} / {})", options.shardId(), restored.guilds().size(),
          checkpoint.session().sequence(), checkpoint.rseq(), checkpoint.headSeq(), checkpoint.headRseq());
      if (relaySequence < checkpoint.headRseq()) {
        catchingUp = true;
        sync.catchingUp();
      } else {
        sync.live(restored.ready());
      }
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
        .onSuccess(v -> connection.start(restored == null ? null : restored.checkpoint().session()));
  }

  @Override
  public Future<?> stop() {
    sync.stop();
    vertx.cancelTimer(statsTimer);
    vertx.cancelTimer(checkpointTimer);
    return Future.join(connection.stop(), commands.unregister(), syncRequests.unregister())
        .compose(v -> handOver(), err -> handOver())
        .eventually(() -> client.close())
        .onComplete(ar -> {
          services.statuses().remove(options.shardId());
          services.cacheStats().remove(options.shardId());
          services.shardStats().remove(options.shardId());
          services.metrics().forgetShard(options.shardId());
        });
  }

  /**
   * A last checkpoint, taken after the Discord connection closed (resumably): nothing changes the
   * stream any more, so the next owner continues exactly where this one stopped.
   */
  private Future<Void> handOver() {
    ShardCheckpointer.Position at = position();
    if (at == null) {
      return Future.succeededFuture();
    }
    return checkpointer.checkpoint().onSuccess(v -> LOG.info("shard {}: handed over at seq {} / rseq {}",
        options.shardId(), at.session().sequence(), at.rseq()));
  }

  /** Where the stream stands now, for a checkpoint; null while there is no session to resume. */
  private ShardCheckpointer.Position position() {
    ShardStatus status = connection.status();
    // A session this node resumed has no READY of its own: the restored template still describes it.
    JsonObject ready = status.ready() != null ? status.ready() : restored != null ? restored.ready() : null;
    if (status.session() == null || ready == null) {
      return null;
    }
    GatewayFrame floor = window.floor(scheduler.nowMillis(), REPLAY_FLOOR_MAX_AGE_MS, REPLAY_FLOOR_MAX_EVENTS,
        sessionStartRseq);
    long floorSeq = floor == null ? status.session().sequence() : floor.envelope().s();
    long floorRseq = floor == null ? relaySequence : floor.rseq();
    return new ShardCheckpointer.Position(status.session(), relaySequence, ready, floorSeq, floorRseq);
  }

  /** The replay window's fill and the last checkpoint round, for /metrics. */
  private void publishShardStats() {
    long oldestAge = window.oldestAgeMillis(scheduler.nowMillis()); // first: it drops expired frames
    ShardCheckpointer.Round round = checkpointer.lastRound();
    services.shardStats().put(options.shardId(), round == null
        ? new ShardStats(window.size(), window.bytes(), oldestAge, 0, 0, 0)
        : new ShardStats(window.size(), window.bytes(), oldestAge, round.guildsWritten(), round.bytesWritten(),
            round.millis()));
  }

  /**
   * A relay sequence above any an earlier owner of the shard can have reached: past what it can have
   * relayed after its checkpoint at {@code current}, and past this node's clock (which also covers an
   * owner whose checkpoint is unknown, as long as clocks agree within the shard's age).
   */
  private static long jumpAhead(long current) {
    return Math.max(current == 0 ? 0 : current + EVENTS_PAST_A_CHECKPOINT, System.currentTimeMillis() * 1_000);
  }

  private final class Relay implements ShardConnection.Listener {
    private final String address = EventBusAddresses.shardDispatch(options.shardId());

    @Override
    public void onDispatch(byte[] payload, Envelope envelope) {
      GatewayFrame frame = GatewayFrame.of(options.shardId(), ++relaySequence, payload, envelope);
      window.append(frame, scheduler.nowMillis());
      vertx.eventBus().publish(address, frame);
      if (catchingUp && relaySequence >= restored.checkpoint().headRseq()) {
        catchingUp = false;
        sync.live(restored.ready());
        LOG.info("shard {}: replay caught up with the previous owner at rseq {}", options.shardId(), relaySequence);
      }
      sync.relayed(relaySequence);
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
      if (resumingCheckpoint) {
        // The checkpointed session could not be resumed: what the previous owner relayed after the
        // checkpoint is lost to us, so this stream must not reuse its numbers.
        resumingCheckpoint = false;
        catchingUp = false;
        relaySequence = jumpAhead(relaySequence);
        window.restartAt(relaySequence);
        sync.streamRestarted();
        LOG.warn("shard {}: the checkpointed session could not be resumed; a new stream starts at rseq {} "
            + "(clients behind it get op 9 when they RESUME)", options.shardId(), relaySequence);
      }
      sessionStartRseq = relaySequence;
      cache.onReady(readyData);
      checkpointer.readyChanged();
      sync.live(readyData);
    }

    @Override
    public void onStatus(ShardStatus status) {
      if (status.state() == ShardState.ACTIVE) {
        resumingCheckpoint = false; // Discord accepted the RESUME: no READY can answer it any more
      }
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
        cache.apply(type, new JsonObject(d), envelope.s());
      } catch (IOException | ClassCastException e) {
        LOG.warn("shard {}: {} not cached: {}", options.shardId(), type, e.getMessage());
      }
    }
  }
}
