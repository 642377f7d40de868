package io.shardgate.jda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.shardgate.Node;
import io.shardgate.config.ConfigLoader;
import io.shardgate.simulator.DiscordSimulator;
import io.shardgate.simulator.SimWorld;
import io.shardgate.simulator.SimulatorOptions;
import io.shardgate.testing.GatewayTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JDA, unmodified, logs in through shardgate: REST goes to the simulator (Discord), the gateway to
 * shardgate. With the default cache flags shardgate's GUILD_CREATEs carry only the bot's member, so JDA
 * also requests every guild's members (op 8, without a nonce) through shardgate at login.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class JdaThroughShardgateTest {
  private static final String TOKEN = "jda-test-token";
  private static final int SHARDS = 2;
  private static final int GUILDS = 6;
  private static final int SHARD = 0;
  private static final int GUILD_TEXT = 0;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

  private Vertx vertx;
  private SimulatorFixture fixture;
  private Node node;
  private JdaHarness jda;

  @BeforeEach
  void start_simulator_shardgate_and_log_in() throws Exception {
    // A Vert.x of its own per test: shared data (a stopped node's shard handover) must not leak into
    // the next test's node, which talks to another simulator.
    vertx = Vertx.vertx();
    fixture = SimulatorFixture.start(vertx, new SimulatorOptions().token(TOKEN).shards(SHARDS).guilds(GUILDS).rate(0)
        .maxConcurrency(SHARDS));
    DiscordSimulator simulator = fixture.simulator();
    JsonObject config = new JsonObject().put("token", TOKEN).put("intents", 53608447).put("port", 0)
        .put("twilight_http_proxy", "127.0.0.1:" + simulator.port())
        .put("externally_accessible_url", "ws://127.0.0.1:7878");
    node = Node.start(vertx, ConfigLoader.load(config, Map.of())).toCompletionStage().toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    jda = JdaHarness.connect(new JdaHarness.Target(simulator.restBaseUrl(), "ws://127.0.0.1:" + node.clientPort(),
        TOKEN, SHARD, SHARDS), READY_TIMEOUT);
  }

  @AfterEach
  void shut_down() throws Exception {
    try {
      if (jda != null) {
        jda.close();
      }
      node.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      fixture.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void jda_reaches_ready_and_sees_every_guild_with_channels_roles_and_all_members() {
    SimWorld world = new SimWorld(fixture.simulator().options().seed(), SHARDS, GUILDS);
    List<String> expectedGuilds = world.guildIds(SHARD);
    assertFalse(expectedGuilds.isEmpty());
    assertEquals(Set.copyOf(expectedGuilds), ids(jda.jda().getGuilds()));
    for (String guildId : expectedGuilds) {
      JsonObject sent = world.guildCreate(guildId);
      Guild guild = jda.jda().getGuildById(guildId);
      assertNotNull(guild, guildId);
      assertEquals(textChannelIds(sent), ids(guild.getTextChannels()), "text channels of " + guildId);
      assertEquals(sent.getJsonArray("roles").size(), guild.getRoles().size(), "roles of " + guildId);
      assertEquals(sent.getInteger("member_count"), guild.getMemberCount(), "member_count of " + guildId);
      assertEquals(guild.getMemberCount(), guild.getMembers().size(), "members chunked through shardgate");
    }
    assertEquals(1, fixture.simulator().counters().identifies(SHARD), "shardgate identified once upstream");
  }

  @Test
  void jda_receives_messages_and_keeps_working_across_a_forced_resume() throws Exception {
    BlockingQueue<MessageReceivedEvent> messages = jda.subscribe(MessageReceivedEvent.class);
    JsonObject before = fixture.control().message(SHARD, "before").await(10, TimeUnit.SECONDS);
    assertEquals(before.getString("id"), poll(messages).getMessageId());

    jda.closeGatewayResumably();
    jda.awaitResume(1, EVENT_TIMEOUT);
    JsonObject after = fixture.control().message(SHARD, "after").await(10, TimeUnit.SECONDS);
    assertEquals(after.getString("id"), poll(messages).getMessageId());
    assertEquals(1, fixture.simulator().counters().identifies(SHARD), "no upstream IDENTIFY for the client's resume");
    assertEquals(0, fixture.simulator().counters().resumes(SHARD), "the upstream session was never touched");
  }

  @Test
  void a_plain_websocket_client_on_the_same_shard_sees_the_same_events() throws Exception {
    int guilds = new SimWorld(fixture.simulator().options().seed(), SHARDS, GUILDS).guildIds(SHARD).size();
    GatewayTestClient plain = GatewayTestClient.connect(vertx, node.clientPort());
    plain.send(2, GatewayTestClient.identifyData(SHARD, SHARDS).put("token", TOKEN));
    plain.nextOp(10);
    plain.nextDispatch("READY");
    for (int i = 0; i < guilds; i++) {
      plain.nextDispatch("GUILD_CREATE");
    }
    BlockingQueue<MessageReceivedEvent> messages = jda.subscribe(MessageReceivedEvent.class);
    JsonObject sent = fixture.control().message(SHARD, "to both").await(10, TimeUnit.SECONDS);
    assertEquals(sent.getString("id"), poll(messages).getMessageId());
    JsonObject seen = plain.nextDispatch("MESSAGE_CREATE").getJsonObject("d");
    assertEquals(sent.getString("id"), seen.getString("id"));
    assertEquals("to both", seen.getString("content"));
  }

  private static MessageReceivedEvent poll(BlockingQueue<MessageReceivedEvent> messages) throws InterruptedException {
    MessageReceivedEvent event = messages.poll(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(event, "no message within " + EVENT_TIMEOUT);
    return event;
  }

  private static Set<String> ids(List<? extends ISnowflake> entities) {
    return entities.stream().map(ISnowflake::getId).collect(Collectors.toSet());
  }

  private static Set<String> textChannelIds(JsonObject guildCreate) {
    return guildCreate.getJsonArray("channels").stream().map(JsonObject.class::cast)
        .filter(channel -> channel.getInteger("type") == GUILD_TEXT)
        .map(channel -> channel.getString("id")).collect(Collectors.toSet());
  }
}
