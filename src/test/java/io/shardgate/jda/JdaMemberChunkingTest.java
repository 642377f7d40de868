package io.shardgate.jda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.simulator.SimWorld;
import io.shardgate.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.entities.Guild;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JDA chunks every large guild at login (op 8 without a nonce, {@code guild_id} sent as a JSON number)
 * and holds READY back until the GUILD_MEMBERS_CHUNKs arrived: through a proxy this is the command
 * path and the routing of nonce-less chunks back to the client that asked.
 *
 * <p>JDA chunks a guild only when its GUILD_CREATE carries fewer members than {@code member_count},
 * as Discord's does for a large guild (only the bot, members in voice and, with GUILD_PRESENCES,
 * online members). The simulator sends every member, so JDA never chunks there yet.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdaMemberChunkingTest {
  /** A world whose shard 0 has a guild above JDA's large_threshold, one of them over 1000 members (2 chunks). */
  private static final long SEED_WITH_LARGE_GUILDS = 23;
  private static final int SHARDS = 2;
  private static final int GUILDS = 6;
  private static final int SHARD = 0;
  private static final int REQUEST_GUILD_MEMBERS = 8;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private static Vertx vertx;

  @BeforeAll
  static void start_vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close_vertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @Disabled("the simulator's GUILD_CREATE carries every member of a large guild; Discord's carries only "
      + "the bot, members in voice and online members, so JDA sees no reason to chunk")
  void jda_chunks_each_large_guild_before_ready_and_caches_every_member() throws Exception {
    SimulatorOptions options = new SimulatorOptions().token("jda-chunk-token").seed(SEED_WITH_LARGE_GUILDS)
        .shards(SHARDS).guilds(GUILDS).rate(0);
    long largeGuilds = largeGuildsOfShard(new SimWorld(SEED_WITH_LARGE_GUILDS, SHARDS, GUILDS));
    assertTrue(largeGuilds > 0, "the seed must give shard 0 a large guild for this test to mean anything");

    try (SimulatorFixture fixture = SimulatorFixture.start(vertx, options);
        JdaHarness jda = JdaHarness.connect(fixture.target(SHARD), READY_TIMEOUT)) {
      assertEquals(largeGuilds, fixture.simulator().counters().commands(SHARD, REQUEST_GUILD_MEMBERS));
      for (Guild guild : jda.jda().getGuilds()) {
        assertEquals(guild.getMemberCount(), guild.getMembers().size(), "members of " + guild.getId());
      }
    }
  }

  private static long largeGuildsOfShard(SimWorld world) {
    return world.guildIds(SHARD).stream()
        .filter(id -> world.guildCreate(id).getInteger("member_count") > JdaHarness.LARGE_THRESHOLD).count();
  }
}
