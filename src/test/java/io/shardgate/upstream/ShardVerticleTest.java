package io.shardgate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.cluster.EventBusAddresses;
import io.shardgate.config.CacheConfig;
import io.shardgate.metrics.GatewayMetrics;
import io.shardgate.protocol.GatewayFrame;
import io.shardgate.protocol.GatewayFrameCodec;
import io.shardgate.simulator.DiscordSimulator;
import io.shardgate.simulator.SimulatorOptions;
import io.shardgate.testing.Await;
import io.shardgate.testing.SimControl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A real shard against the simulator on loopback: identify, resume on every trigger, fatal stops. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShardVerticleTest {

  private static final String TOKEN = "shard-test-token";
  private static final long INTENTS = 513;
  private static final long HEARTBEAT_MS = 400;
  private static final long WINDOW_MS = 300;
  private static final long WAIT_MS = 20_000;

  private Vertx vertx;
  private DiscordSimulator simulator;
  private SimControl control;
  private ShardStatusRegistry registry;
  private IdentifyQueue queue;
  private final List<GatewayFrame> relayed = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    this.vertx = vertx;
    GatewayFrameCodec.register(vertx.eventBus());
    registry = new ShardStatusRegistry();
    queue = new BucketedIdentifyQueue(1, WINDOW_MS + 20, new VertxScheduler(vertx),
        new GatewayInfo.SessionStartLimit(1000, 1000, 86_400_000, 1));
    simulator = new DiscordSimulator(new SimulatorOptions().token(TOKEN).shards(2).guilds(6).rate(0)
        .heartbeatIntervalMs(HEARTBEAT_MS).identifyWindowMs(WINDOW_MS));
    simulator.start(vertx)
        .onSuccess(port -> control = new SimControl(vertx, port))
        .compose(port -> vertx.eventBus().<GatewayFrame>consumer(EventBusAddresses.shardDispatch(0),
            message -> relayed.add(message.body())).completion())
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    simulator.stop().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void identify_carries_the_shard_the_intents_and_the_presence(VertxTestContext ctx) {
    JsonObject presence = new JsonObject().put("since", (Object) null).put("status", "idle").put("afk", false)
        .put("activities", new JsonArray().add(new JsonObject().put("type", 0).put("name", "on shard 1")));
    deploy(1, presence)
        .compose(v -> awaitActive(1, 0))
        .compose(v -> control.identifies())
        .onComplete(ctx.succeeding(identifies -> ctx.verify(() -> {
          assertEquals(1, identifies.size());
          JsonObject record = identifies.getJsonObject(0);
          JsonObject payload = record.getJsonObject("payload");
          assertEquals(new JsonArray().add(1).add(2), payload.getJsonArray("shard"));
          assertEquals(INTENTS, payload.getLong("intents"));
          assertEquals(presence, payload.getJsonObject("presence"));
          assertTrue(!payload.containsKey("token"), "the simulator must not echo the token");
          ctx.completeNow();
        })));
  }

  @Test
  void resumes_after_a_drop_without_close_frame_and_relays_missed_events_once_in_order(VertxTestContext ctx) {
    resumeScenario(ctx, () -> control.drop(0, false));
  }

  @Test
  void resumes_after_a_close_frame_with_a_resumable_code(VertxTestContext ctx) {
    resumeScenario(ctx, () -> control.drop(0, true));
  }

  @Test
  void resumes_after_op_7_reconnect(VertxTestContext ctx) {
    resumeScenario(ctx, () -> control.reconnect(0));
  }

  @Test
  void resumes_after_a_zombied_connection(VertxTestContext ctx) {
    resumeScenario(ctx, () -> control.heartbeatAcks(0, false)
        // The shard resumes within milliseconds: wait for the resume itself, not a passing state.
        .compose(v -> Await.until(vertx, "zombie detected and resumed", WAIT_MS, () -> status(0).resumes() >= 1))
        .compose(v -> control.heartbeatAcks(0, true)));
  }

  @Test
  void resumes_after_op_9_resumable(VertxTestContext ctx) {
    resumeScenario(ctx, () -> control.invalidate(0, true));
  }

  @Test
  void identifies_anew_after_op_9_not_resumable(VertxTestContext ctx) {
    identifyAgainScenario(ctx, () -> control.invalidate(0, false));
  }

  @ParameterizedTest
  @ValueSource(ints = {4007, 4009})
  void identifies_anew_when_discord_ends_the_session(int code, VertxTestContext ctx) {
    identifyAgainScenario(ctx, () -> control.close(0, code));
  }

  @ParameterizedTest
  @ValueSource(ints = {4004, 4010, 4011, 4012, 4013, 4014})
  void fatal_close_codes_stop_the_shard_without_retrying(int code, VertxTestContext ctx) {
    deploy(0, null)
        .compose(v -> awaitActive(0, 0))
        .compose(v -> control.close(0, code))
        .compose(v -> Await.until(vertx, "fatal close", WAIT_MS,
            () -> status(0).state() == ShardState.FATALLY_CLOSED))
        // A shard deployed afterwards passes through a whole identify: had shard 0 retried, it would
        // have reconnected by then.
        .compose(v -> deploy(1, null))
        .compose(v -> awaitActive(1, 0))
        .compose(v -> control.counters())
        .onComplete(ctx.succeeding(counters -> ctx.verify(() -> {
          assertEquals(ShardState.FATALLY_CLOSED, status(0).state());
          assertEquals(1, counters.getJsonObject("identifies_per_shard").getInteger("0"));
          assertEquals(null, counters.getJsonObject("resumes_per_shard").getInteger("0"));
          ctx.completeNow();
        })));
  }

  @Test
  void shards_sharing_a_bucket_identify_one_window_apart(VertxTestContext ctx) {
    Future.all(deploy(0, null), deploy(1, null))
        .compose(v -> Future.all(awaitActive(0, 0), awaitActive(1, 0)))
        .compose(v -> Future.all(control.identifies(), control.counters()))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          JsonArray identifies = both.resultAt(0);
          JsonObject counters = both.resultAt(1);
          assertEquals(2, identifies.size());
          long gap = identifies.getJsonObject(1).getLong("time_ms") - identifies.getJsonObject(0).getLong("time_ms");
          assertTrue(gap >= WINDOW_MS, "identifies " + gap + " ms apart in one bucket");
          assertEquals(0, counters.getInteger("bucket_violations"));
          ctx.completeNow();
        })));
  }

  @Test
  void commands_reach_discord_through_the_limiter(VertxTestContext ctx) {
    String presenceUpdate = "{\"op\":3,\"d\":{\"since\":null,\"activities\":[],\"status\":\"dnd\",\"afk\":false}}";
    deploy(0, null)
        .compose(v -> awaitActive(0, 0))
        .compose(v -> vertx.eventBus().request(EventBusAddresses.shardCommand(0), presenceUpdate))
        .compose(v -> Await.untilAsync(vertx, "op 3 at the simulator", WAIT_MS, () -> control.counters()
            .map(c -> c.getJsonObject("commands_per_shard_per_op").getJsonObject("0", new JsonObject()).getInteger("3", 0) == 1)))
        .onComplete(ctx.succeedingThenComplete());
  }

  /** Drives {@code trigger}, then checks the shard resumed its session and relayed every event once. */
  private void resumeScenario(VertxTestContext ctx, java.util.function.Supplier<Future<?>> trigger) {
    String[] sessionBefore = new String[1];
    deploy(0, null)
        .compose(v -> awaitActive(0, 0))
        .compose(v -> {
          sessionBefore[0] = status(0).session().sessionId();
          return injectNumbered(1, 2);
        })
        .compose(v -> awaitNumbered(2))
        .compose(v -> trigger.get())
        .compose(v -> injectNumbered(3, 4))
        .compose(v -> awaitActive(0, 1))
        .compose(v -> injectNumbered(5, 5))
        .compose(v -> awaitNumbered(5))
        .compose(v -> control.counters())
        .onComplete(ctx.succeeding(counters -> ctx.verify(() -> {
          assertEquals(List.of(1, 2, 3, 4, 5), numbered(), "each event exactly once, in order");
          assertEquals(sessionBefore[0], status(0).session().sessionId(), "the same Discord session");
          assertEquals(1, counters.getJsonObject("identifies_per_shard").getInteger("0"), "never re-identified");
          // A zombie may resume twice before ACKs come back; every other trigger resumes once.
          assertEquals(status(0).resumes(), counters.getJsonObject("resumes_per_shard").getInteger("0"));
          assertContiguousRelaySequence();
          ctx.completeNow();
        })));
  }

  private void identifyAgainScenario(VertxTestContext ctx, java.util.function.Supplier<Future<?>> trigger) {
    String[] sessionBefore = new String[1];
    deploy(0, null)
        .compose(v -> awaitActive(0, 0))
        .compose(v -> {
          sessionBefore[0] = status(0).session().sessionId();
          return trigger.get();
        })
        .compose(v -> Await.until(vertx, "a second READY", WAIT_MS,
            () -> status(0).identifies() == 2 && status(0).state() == ShardState.ACTIVE))
        .compose(v -> control.counters())
        .onComplete(ctx.succeeding(counters -> ctx.verify(() -> {
          assertEquals(2, counters.getJsonObject("identifies_per_shard").getInteger("0"));
          assertNotEquals(sessionBefore[0], status(0).session().sessionId());
          assertEquals(0, counters.getInteger("bucket_violations"));
          ctx.completeNow();
        })));
  }

  private Future<String> deploy(int shard, JsonObject presence) {
    ShardOptions options = new ShardOptions(shard, 2, TOKEN, INTENTS, presence, simulator.gatewayUrl(),
        200, 2_000, ShardOptions.DEFAULT_MAX_MESSAGE_BYTES, ShardOptions.DEFAULT_COMMAND_QUEUE_LIMIT);
    return vertx.deployVerticle(new ShardVerticle(options, ShardServices.create(queue, registry, new GatewayMetrics()), CacheConfig.defaults(),
        ReplayWindow.withDefaults(), new ShardDirectory(vertx, shard, TOKEN), null, 5_000));
  }

  private Future<Void> awaitActive(int shard, int minResumes) {
    return Await.until(vertx, "shard " + shard + " ACTIVE after " + minResumes + " resumes", WAIT_MS, () -> {
      ShardStatus status = registry.get(shard).orElse(null);
      return status != null && status.state() == ShardState.ACTIVE && status.resumes() >= minResumes;
    });
  }

  private ShardStatus status(int shard) {
    return registry.get(shard).orElseThrow();
  }

  private Future<Void> injectNumbered(int from, int to) {
    Future<?> chain = Future.succeededFuture();
    for (int n = from; n <= to; n++) {
      int number = n;
      chain = chain.compose(v -> control.inject(0, "TEST_EVENT", new JsonObject().put("n", number)));
    }
    return chain.mapEmpty();
  }

  private Future<Void> awaitNumbered(int count) {
    return Await.until(vertx, count + " test events", WAIT_MS, () -> numbered().size() >= count);
  }

  private List<Integer> numbered() {
    List<Integer> numbers = new ArrayList<>();
    synchronized (relayed) {
      for (GatewayFrame frame : relayed) {
        if ("TEST_EVENT".equals(frame.envelope().t())) {
          numbers.add(new JsonObject(frame.payload()).getJsonObject("d").getInteger("n"));
        }
      }
    }
    return numbers;
  }

  private void assertContiguousRelaySequence() {
    synchronized (relayed) {
      for (int i = 0; i < relayed.size(); i++) {
        assertEquals(relayed.get(0).rseq() + i, relayed.get(i).rseq(), "relay sequence without gaps");
      }
    }
  }
}
