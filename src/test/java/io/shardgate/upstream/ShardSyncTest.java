package io.shardgate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.cache.ShardCache;
import io.shardgate.cluster.FrameBatch;
import io.shardgate.config.CacheConfig;
import io.shardgate.protocol.GatewayFrame;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RESUME requests to a shard that a new owner took over from a checkpoint. */
class ShardSyncTest {

  private static final String ADDRESS = "shard-sync-test";
  private static final long CHECKPOINT_RSEQ = 100;

  private final Vertx vertx = Vertx.vertx();
  private final ReplayWindow window = ReplayWindow.withDefaults();
  private Context context;
  private ShardSync sync;
  private long rseq = CHECKPOINT_RSEQ;

  @BeforeEach
  void start() throws Exception {
    context = vertx.getOrCreateContext();
    onContext(() -> {
      sync = new ShardSync(new ShardCache(CacheConfig.defaults()), window, () -> rseq, System::currentTimeMillis);
      window.continueFrom(CHECKPOINT_RSEQ);
      sync.live(new JsonObject());
      return vertx.eventBus().<JsonObject>consumer(ADDRESS, sync::handle);
    }).completion().await(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void a_resume_ahead_of_the_replayed_stream_waits_until_the_stream_reaches_it() throws Exception {
    Future<Message<Buffer>> resume = resume(103);
    relay(101);
    relay(102);
    assertFalse(settled(resume), "the stream has not reached rseq 103 yet");
    relay(103);
    relay(104);
    assertEquals(0, FrameBatch.decode(resume.await(5, TimeUnit.SECONDS).body()).size(),
        "answered when rseq 103 was relayed: nothing after it yet, the live stream brings 104");
  }

  @Test
  void a_bot_whose_node_died_waits_until_the_stream_reaches_what_it_saw() throws Exception {
    Future<Message<Buffer>> resume = vertx.eventBus().request(ADDRESS, new JsonObject()
        .put("kind", ShardSync.KIND_RESUME).put("after_rseq", 100).put("until_rseq", 102));
    relay(101);
    assertFalse(settled(resume), "its record is at 100, but it saw up to 102");
    relay(102);
    assertEquals(2, FrameBatch.decode(resume.await(5, TimeUnit.SECONDS).body()).size(),
        "frames after its record, for its node to walk to where it is");
  }

  @Test
  void a_resume_behind_the_checkpoint_is_told_its_position_is_gone() {
    ReplyException gone = org.junit.jupiter.api.Assertions.assertThrows(ReplyException.class,
        () -> resume(99).await(5, TimeUnit.SECONDS));
    assertEquals(ShardSync.GONE, gone.failureCode());
  }

  @Test
  void a_resume_ahead_of_a_stream_that_was_replaced_is_told_its_position_is_gone() throws Exception {
    Future<Message<Buffer>> resume = resume(105);
    relay(101);
    onContext(() -> {
      sync.streamRestarted();
      return null;
    });
    ReplyException gone = org.junit.jupiter.api.Assertions.assertThrows(ReplyException.class,
        () -> resume.await(5, TimeUnit.SECONDS));
    assertEquals(ShardSync.GONE, gone.failureCode());
  }

  private Future<Message<Buffer>> resume(long afterRseq) {
    return vertx.eventBus().request(ADDRESS, new JsonObject().put("kind", ShardSync.KIND_RESUME)
        .put("after_rseq", afterRseq));
  }

  private void relay(long next) throws Exception {
    onContext(() -> {
      byte[] payload = ("{\"op\":0,\"t\":\"X\",\"s\":" + next + ",\"d\":{}}").getBytes(StandardCharsets.UTF_8);
      rseq = next;
      window.append(GatewayFrame.scan(0, next, payload), System.currentTimeMillis());
      sync.relayed(next);
      return null;
    });
  }

  /** Whether the request settled, after the event bus had every chance to deliver a reply. */
  private boolean settled(Future<?> future) throws Exception {
    onContext(() -> null);
    onContext(() -> null);
    return future.isComplete();
  }

  private <T> T onContext(Callable<T> action) throws Exception {
    java.util.concurrent.CompletableFuture<T> result = new java.util.concurrent.CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(action.call());
      } catch (Exception e) {
        result.completeExceptionally(e);
      }
    });
    return result.get(5, TimeUnit.SECONDS);
  }
}
