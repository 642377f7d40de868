package io.shardgate.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.shardgate.cache.CacheChanges;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shard directory written to disk by a stopping node and loaded by the next one. */
class StateFileTest {

  private static final String TOKEN = "state-file-token";
  private final Vertx before = Vertx.vertx();
  private final Vertx after = Vertx.vertx();

  @TempDir
  Path dir;

  @AfterEach
  void close() throws Exception {
    before.close().await(10, TimeUnit.SECONDS);
    after.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void a_restarted_node_finds_the_checkpoints_its_previous_run_wrote() throws Exception {
    checkpoint(before, 0, "s0", 41, 1000);
    checkpoint(before, 1, "s1", 42, 2000);
    Path file = dir.resolve("state.gz");
    assertEquals(2, StateFile.save(before, file, List.of(0, 1, 2)).await(10, TimeUnit.SECONDS),
        "shard 2 had no checkpoint");

    assertEquals(2, StateFile.load(after, file).await(10, TimeUnit.SECONDS));
    ShardDirectory.Restored restored = new ShardDirectory(after, 1, TOKEN).read().await(10, TimeUnit.SECONDS);
    assertNotNull(restored);
    assertEquals("s1", restored.checkpoint().session().sessionId());
    assertEquals(42, restored.checkpoint().session().sequence());
    assertEquals(2000, restored.checkpoint().rseq());
    assertEquals("bot", restored.ready().getString("name"));
    assertEquals("{\"seq\":42}", new String(restored.guilds().get("11"), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(1, restored.guilds().size());
    assertFalse(Files.exists(file), "a checkpoint is loaded once, never resumed twice");
    assertEquals(0, StateFile.load(after, file).await(10, TimeUnit.SECONDS));
  }

  @Test
  void the_cluster_checkpoint_wins_over_the_file() throws Exception {
    checkpoint(before, 0, "from-file", 5, 100);
    Path file = dir.resolve("state.gz");
    StateFile.save(before, file, List.of(0)).await(10, TimeUnit.SECONDS);
    checkpoint(after, 0, "from-cluster", 9, 200);

    assertEquals(0, StateFile.load(after, file).await(10, TimeUnit.SECONDS));
    assertEquals("from-cluster",
        new ShardDirectory(after, 0, TOKEN).read().await(10, TimeUnit.SECONDS).checkpoint().session().sessionId());
  }

  @Test
  void a_missing_file_loads_nothing() throws Exception {
    assertEquals(0, StateFile.load(after, dir.resolve("absent.gz")).await(10, TimeUnit.SECONDS));
    assertNull(new ShardDirectory(after, 0, TOKEN).read().await(10, TimeUnit.SECONDS));
  }

  private static void checkpoint(Vertx vertx, int shard, String sessionId, long seq, long rseq) throws Exception {
    ShardDirectory directory = new ShardDirectory(vertx, shard, TOKEN);
    directory.writeReady(new JsonObject().put("name", "bot")).await(10, TimeUnit.SECONDS);
    directory.writeGuilds(new CacheChanges(true, Map.of("11", ("{\"seq\":" + seq + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8)))).await(10, TimeUnit.SECONDS);
    directory.writeCheckpoint(new GatewaySession(sessionId, seq, "ws://resume"), rseq, seq, rseq).await(10, TimeUnit.SECONDS);
  }
}
