package io.shardgate.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.metrics.Scrape;
import io.shardgate.testing.Await;
import io.shardgate.testing.HttpGet;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The replay window and checkpoint figures of a simulator-backed node, as /metrics serves them. */
@ExtendWith(VertxExtension.class)
class ReplayWindowMetricsTest {

  /** Fewer than a shard's GUILD_CREATEs plus the injected events: the count bound must bite. */
  private static final int MAX_EVENTS = 6;
  private static final long MAX_BYTES = 65_536;
  private static final int MAX_AGE_SECONDS = 120;
  /** Short, so the figures (published with each checkpoint round) show up at once. */
  private static final int CHECKPOINT_INTERVAL_MS = 500;
  private static final int INJECTED = 10;
  private static final long WAIT_SECONDS = 20;

  private ProxyFixture proxy;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    proxy = ProxyFixture.start(vertx, new JsonObject()
        .put("replay_window", new JsonObject()
            .put("max_events", MAX_EVENTS).put("max_bytes", MAX_BYTES).put("max_age_seconds", MAX_AGE_SECONDS))
        .put("checkpoint_interval_ms", CHECKPOINT_INTERVAL_MS));
  }

  @AfterEach
  void stop() throws Exception {
    proxy.stop();
  }

  private Scrape scrape() throws Exception {
    return Scrape.parse(HttpGet.text(proxy.node.clientPort(), "/metrics"));
  }

  private static String shard(String metric, int shard) {
    return metric + "{shard=\"" + shard + "\"}";
  }

  @Test
  void replay_window_and_checkpoint_figures_are_served_per_shard_with_the_configured_bounds() throws Exception {
    for (int n = 1; n <= INJECTED; n++) {
      proxy.inject(0, "TEST_EVENT", new JsonObject().put("n", n));
    }

    AtomicReference<Scrape> last = new AtomicReference<>();
    Await.blocking("shard 0's window capped at " + MAX_EVENTS + " events and checkpoint figures for both shards",
        WAIT_SECONDS, () -> {
          Scrape scrape = scrape();
          last.set(scrape);
          return Double.valueOf(MAX_EVENTS).equals(scrape.value(shard("shardgate_replay_window_events", 0)))
              && scrape.value(shard("shardgate_checkpoint_duration_seconds", 0)) != null
              && scrape.value(shard("shardgate_checkpoint_duration_seconds", 1)) != null;
        });

    Scrape scrape = last.get();
    assertEquals(MAX_EVENTS, scrape.value("shardgate_replay_window_max_events"));
    assertEquals(MAX_BYTES, scrape.value("shardgate_replay_window_max_bytes"));
    assertEquals(MAX_AGE_SECONDS, scrape.value("shardgate_replay_window_max_age_seconds"));
    assertEquals(CHECKPOINT_INTERVAL_MS / 1_000.0, scrape.value("shardgate_checkpoint_interval_seconds"));
    for (int id = 0; id < ProxyFixture.SHARDS; id++) {
      double events = scrape.value(shard("shardgate_replay_window_events", id));
      double bytes = scrape.value(shard("shardgate_replay_window_bytes", id));
      double oldestAge = scrape.value(shard("shardgate_replay_window_oldest_age_seconds", id));
      assertTrue(events >= 1 && events <= MAX_EVENTS, "shard " + id + " holds its GUILD_CREATEs: " + events);
      assertTrue(bytes > events && bytes <= MAX_BYTES, "shard " + id + " bytes " + bytes);
      assertTrue(oldestAge >= 0 && oldestAge <= MAX_AGE_SECONDS, "shard " + id + " oldest age " + oldestAge);
      double guilds = scrape.value(shard("shardgate_checkpoint_guilds_written", id));
      assertTrue(guilds >= 0 && guilds <= proxy.guildsOn(id), "shard " + id + " guilds written " + guilds);
      assertNotNull(scrape.value(shard("shardgate_checkpoint_bytes_written", id)));
      assertTrue(scrape.value(shard("shardgate_checkpoint_duration_seconds", id)) < WAIT_SECONDS);
    }
  }
}
