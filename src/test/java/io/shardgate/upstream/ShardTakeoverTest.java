package io.shardgate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.cluster.EventBusAddresses;
import io.shardgate.cluster.ReadySnapshot;
import io.shardgate.config.CacheConfig;
import io.shardgate.metrics.GatewayMetrics;
import io.shardgate.protocol.GatewayFrame;
import io.shardgate.protocol.GatewayFrameCodec;
import io.shardgate.simulator.DiscordSimulator;
import io.shardgate.simulator.SimWorld;
import io.shardgate.simulator.SimulatorOptions;
import io.shardgate.testing.Await;
import io.shardgate.testing.SimControl;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A new owner takes a shard from the shard directory as after a crash: the last checkpoint lags what
 * the previous owner relayed. It RESUMEs from the checkpoint and Discord replays the lag, which must
 * come out with the relay sequences it had, so that clients recognise what they already have.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ShardTakeoverTest {

  private static final String TOKEN = "takeover-test-token";
  private static final int SHARDS = 2;
  private static final int GUILDS = 8;
  private static final long CHECKPOINT_EVERY_MS = 100;
  private static final long WAIT_S = 20;

  private Vertx vertx;
  private DiscordSimulator simulator;
  private SimControl control;
  private ShardStatusRegistry registry;
  private ShardServices services;
  private final List<GatewayFrame> relayed = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    GatewayFrameCodec.register(vertx.eventBus());
    registry = new ShardStatusRegistry();
    IdentifyQueue queue = new BucketedIdentifyQueue(1, 20, new VertxScheduler(vertx),
        new GatewayInfo.SessionStartLimit(1000, 1000, 86_400_000, 1));
    services = ShardServices.create(queue, registry, new GatewayMetrics());
    simulator = new DiscordSimulator(new SimulatorOptions().token(TOKEN).shards(SHARDS).guilds(GUILDS).rate(0)
        .identifyWindowMs(10));
    int port = simulator.start(vertx).await(10, TimeUnit.SECONDS);
    control = new SimControl(vertx, port);
    vertx.eventBus().<GatewayFrame>consumer(EventBusAddresses.shardDispatch(0), message -> relayed.add(message.body()))
        .completion().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  @Test
  void a_new_owner_resumes_the_last_checkpoint_and_numbers_the_replay_as_before() throws Exception {
    String first = deploy(directory().read().await(5, TimeUnit.SECONDS));
    awaitActive(0);
    injectAndAwait(1, 5);
    long checkpointedSeq = seqOf(frameOf(5));
    Await.blocking("a checkpoint at or after event 5", WAIT_S, () -> checkpointSeq() >= checkpointedSeq);
    Snapshot lagging = snapshot();

    long event2 = frameOf(2).rseq();
    injectAndAwait(6, 8);
    List<Long> numbered = List.of(frameOf(6).rseq(), frameOf(7).rseq(), frameOf(8).rseq());
    vertx.undeploy(first).await(10, TimeUnit.SECONDS);
    lagging.putBack(); // as if the owner had died before checkpointing events 6..8
    relayed.clear();

    ShardDirectory.Restored restored = directory().read().await(5, TimeUnit.SECONDS);
    assertNotNull(restored, "the checkpoint is there to take");
    deploy(restored);
    awaitActive(1);
    Await.blocking("events 6..8 replayed", WAIT_S, () -> testEvents() >= 3);
    assertEquals(numbered, List.of(frameOf(6).rseq(), frameOf(7).rseq(), frameOf(8).rseq()),
        "replayed events keep their relay sequences");
    injectAndAwait(9, 9);
    assertEquals(numbered.get(2) + 1, frameOf(9).rseq());
    assertEquals(event2, frameOf(2).rseq(), "the checkpoint's replay floor reaches back before it");
    List<GatewayFrame> replay = io.shardgate.cluster.FrameBatch.decode(vertx.eventBus().<Buffer>request(
        EventBusAddresses.shardSync(0), new JsonObject().put("kind", ShardSync.KIND_RESUME).put("after_rseq", event2))
        .await(10, TimeUnit.SECONDS).body());
    assertEquals(7, replay.stream().filter(frame -> "TEST_EVENT".equals(frame.envelope().t())).count(),
        "a bot that had event 2 when the shard moved RESUMEs on the new owner and gets 3..9");
    assertEquals(1, simulator.counters().identifies(0), "RESUMEd, not identified again");

    ReadySnapshot ready = ReadySnapshot.fromBuffer(vertx.eventBus().<Buffer>request(EventBusAddresses.shardSync(0),
        new JsonObject().put("kind", ShardSync.KIND_IDENTIFY)).await(10, TimeUnit.SECONDS).body());
    int guilds = new SimWorld(simulator.options().seed(), SHARDS, GUILDS).guildIds(0).size();
    assertEquals(guilds, ready.guilds().size(), "the restored cache answers IDENTIFY with every guild");
    assertTrue(ready.guilds().stream().allMatch(ReadySnapshot.GuildPayload::available));
  }

  @Test
  void a_checkpoint_discord_no_longer_resumes_starts_a_stream_above_the_old_one() throws Exception {
    String first = deploy(null);
    awaitActive(0);
    injectAndAwait(1, 3);
    long lastOfFirstOwner = frameOf(3).rseq();
    Await.blocking("a checkpoint", WAIT_S, () -> checkpointSeq() > 0);
    vertx.undeploy(first).await(10, TimeUnit.SECONDS);
    control.invalidate(0, false).await(10, TimeUnit.SECONDS); // Discord forgot the session
    relayed.clear();

    deploy(directory().read().await(5, TimeUnit.SECONDS));
    Await.blocking("identified anew", WAIT_S, () -> simulator.counters().identifies(0) == 2);
    awaitActive(1);
    injectAndAwait(4, 4);
    assertTrue(frameOf(4).rseq() > lastOfFirstOwner + 1,
        "a new session's stream must not reuse numbers the old owner may have relayed");
  }

  private String deploy(ShardDirectory.Restored restored) throws Exception {
    ShardOptions options = new ShardOptions(0, SHARDS, TOKEN, 513, null, simulator.gatewayUrl(), 100, 1_000,
        ShardOptions.DEFAULT_MAX_MESSAGE_BYTES, ShardOptions.DEFAULT_COMMAND_QUEUE_LIMIT);
    return vertx.deployVerticle(new ShardVerticle(options, services, CacheConfig.defaults(),
        ReplayWindow.withDefaults(), directory(), restored, CHECKPOINT_EVERY_MS)).await(10, TimeUnit.SECONDS);
  }

  private ShardDirectory directory() {
    return new ShardDirectory(vertx, 0, TOKEN);
  }

  private void awaitActive(int minResumes) throws Exception {
    Await.blocking("shard 0 ACTIVE after " + minResumes + " resumes", WAIT_S, () -> {
      ShardStatus status = registry.get(0).orElse(null);
      return status != null && status.state() == ShardState.ACTIVE && status.resumes() >= minResumes;
    });
  }

  private void injectAndAwait(int from, int to) throws Exception {
    for (int n = from; n <= to; n++) {
      control.inject(0, "TEST_EVENT", new JsonObject().put("n", n)).await(10, TimeUnit.SECONDS);
    }
    Await.blocking("event " + to + " relayed", WAIT_S, () -> findFrame(to) != null);
  }

  private long testEvents() {
    synchronized (relayed) {
      return relayed.stream().filter(frame -> "TEST_EVENT".equals(frame.envelope().t())).count();
    }
  }

  private GatewayFrame frameOf(int n) {
    GatewayFrame frame = findFrame(n);
    assertNotNull(frame, "event " + n + " relayed");
    return frame;
  }

  private GatewayFrame findFrame(int n) {
    synchronized (relayed) {
      for (GatewayFrame frame : relayed) {
        if ("TEST_EVENT".equals(frame.envelope().t()) && json(frame).getJsonObject("d").getInteger("n") == n) {
          return frame;
        }
      }
    }
    return null;
  }

  private static long seqOf(GatewayFrame frame) {
    return json(frame).getLong("s");
  }

  private static JsonObject json(GatewayFrame frame) {
    return new JsonObject(frame.payload());
  }

  private long checkpointSeq() throws Exception {
    String value = directoryMap().get("shard.0").await(5, TimeUnit.SECONDS);
    return value == null ? -1 : new JsonObject(value).getLong("head_seq");
  }

  private AsyncMap<String, String> directoryMap() throws Exception {
    return vertx.sharedData().<String, String>getAsyncMap(ShardDirectory.MAP).await(5, TimeUnit.SECONDS);
  }

  private AsyncMap<String, Object> cacheMap() throws Exception {
    return vertx.sharedData().<String, Object>getAsyncMap("shardgate.shard-cache.0").await(5, TimeUnit.SECONDS);
  }

  private Snapshot snapshot() throws Exception {
    return new Snapshot(directoryMap().get("shard.0").await(5, TimeUnit.SECONDS),
        cacheMap().entries().await(5, TimeUnit.SECONDS));
  }

  /** The directory's content at one moment, to put back later. */
  private final class Snapshot {
    private final String checkpoint;
    private final Map<String, Object> cache;

    Snapshot(String checkpoint, Map<String, Object> cache) {
      this.checkpoint = checkpoint;
      this.cache = Map.copyOf(cache);
    }

    void putBack() throws Exception {
      directoryMap().put("shard.0", checkpoint).await(5, TimeUnit.SECONDS);
      AsyncMap<String, Object> map = cacheMap();
      map.clear().await(5, TimeUnit.SECONDS);
      for (Map.Entry<String, Object> entry : cache.entrySet()) {
        map.put(entry.getKey(), entry.getValue()).await(5, TimeUnit.SECONDS);
      }
    }
  }
}
