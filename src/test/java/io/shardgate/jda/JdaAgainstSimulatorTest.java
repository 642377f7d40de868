package io.shardgate.jda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.shardgate.simulator.DiscordSimulator;
import io.shardgate.simulator.SimWorld;
import io.shardgate.simulator.SimulatorOptions;
import io.shardgate.testing.SimControl;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.ISnowflake;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * JDA, unmodified, against the Discord simulator directly: the baseline that the same harness must
 * reproduce through shardgate's client-facing gateway, where only the gateway URL changes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdaAgainstSimulatorTest {
  private static final String TOKEN = "jda-test-token";
  private static final int SHARDS = 2;
  private static final int GUILDS = 6;
  private static final int SHARD = 0;
  private static final int GUILD_TEXT = 0;
  private static final int REQUEST_GUILD_MEMBERS = 8;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

  private static Vertx vertx;
  private SimulatorFixture fixture;
  private DiscordSimulator simulator;
  private SimControl control;
  private JdaHarness jda;

  @BeforeAll
  static void start_vertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void close_vertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void start_simulator_and_log_in() throws Exception {
    fixture = SimulatorFixture.start(vertx, new SimulatorOptions().token(TOKEN).shards(SHARDS).guilds(GUILDS).rate(0));
    simulator = fixture.simulator();
    control = fixture.control();
    jda = JdaHarness.connect(fixture.target(SHARD), READY_TIMEOUT);
  }

  @AfterEach
  void shut_down() throws Exception {
    try {
      if (jda != null) {
        jda.close();
      }
    } finally {
      fixture.close();
    }
  }

  @Test
  void jda_sees_every_guild_of_its_shard_with_its_text_channels_roles_and_members() {
    SimWorld world = new SimWorld(simulator.options().seed(), SHARDS, GUILDS);
    List<String> expectedGuilds = world.guildIds(SHARD);
    assertFalse(expectedGuilds.isEmpty(), "the world must give shard 0 guilds for this test to mean anything");

    assertEquals(Set.copyOf(expectedGuilds), ids(jda.jda().getGuilds()));
    for (String guildId : expectedGuilds) {
      JsonObject sent = world.guildCreate(guildId);
      Guild guild = jda.jda().getGuildById(guildId);
      assertNotNull(guild, guildId);
      assertEquals(textChannelIds(sent), ids(guild.getTextChannels()), "text channels of " + guildId);
      assertEquals(idsOf(sent.getJsonArray("roles")), ids(guild.getRoles()), "roles of " + guildId);
      assertEquals(sent.getInteger("member_count"), guild.getMemberCount(), "member_count of " + guildId);
      assertEquals(guild.getMemberCount(), guild.getMembers().size(), "members chunked (op 8) of " + guildId);
    }
  }

  @Test
  void jda_logs_in_with_only_the_rest_routes_the_simulator_serves() {
    assertEquals(List.of("GET /api/v10/users/@me -> 200"), jda.restCalls());
    assertEquals(1, simulator.counters().identifies(SHARD));
  }

  @Test
  void jda_receives_a_message_posted_through_the_control_api() throws Exception {
    JsonObject sent = control.message(SHARD, "hello").await(10, TimeUnit.SECONDS);

    MessageReceivedEvent received = awaitMessage(sent);

    assertEquals("hello", received.getMessage().getContentRaw());
    assertEquals(sent.getString("channel_id"), received.getChannel().getId());
    assertEquals(sent.getString("guild_id"), received.getGuild().getId());
  }

  @Test
  void jda_resumes_after_a_drop_without_close_frame_and_receives_later_messages() throws Exception {
    control.drop(SHARD, false).await(10, TimeUnit.SECONDS);
    jda.awaitResume(1, EVENT_TIMEOUT);

    assertEquals(1, simulator.counters().resumes(SHARD));
    assertEquals(1, simulator.counters().identifies(SHARD));
    assertEquals("after the drop", awaitMessage(control.message(SHARD, "after the drop").await(10, TimeUnit.SECONDS)).getMessage().getContentRaw());
  }

  @Test
  void jda_resumes_after_closing_its_own_socket_with_a_resumable_code() throws Exception {
    BlockingQueue<MessageReceivedEvent> messages = jda.subscribe(MessageReceivedEvent.class);

    jda.closeGatewayResumably();
    jda.awaitResume(1, EVENT_TIMEOUT);
    JsonObject first = control.message(SHARD, "one").await(10, TimeUnit.SECONDS);
    JsonObject second = control.message(SHARD, "two").await(10, TimeUnit.SECONDS);

    assertEquals(1, simulator.counters().resumes(SHARD));
    assertEquals(1, simulator.counters().identifies(SHARD));
    assertEquals(first.getString("id"), poll(messages).getMessageId());
    assertEquals(second.getString("id"), poll(messages).getMessageId());
  }

  @Test
  void jda_retrieves_members_by_id_through_op_8_with_its_nonce() throws Exception {
    String guildId = new SimWorld(simulator.options().seed(), SHARDS, GUILDS).guildIds(SHARD).get(0);
    Guild guild = jda.jda().getGuildById(guildId);
    Set<String> memberIds = ids(guild.getMembers());

    List<Member> retrieved = guild.retrieveMembersByIds(memberIds.stream().mapToLong(Long::parseLong).toArray())
        .setTimeout(EVENT_TIMEOUT).get();

    assertEquals(memberIds, ids(retrieved));
    assertEquals(1, simulator.counters().commands(SHARD, REQUEST_GUILD_MEMBERS));
  }

  private MessageReceivedEvent awaitMessage(JsonObject sent) throws Exception {
    String id = sent.getString("id");
    return jda.await(MessageReceivedEvent.class, event -> event.getMessageId().equals(id), EVENT_TIMEOUT);
  }

  private static MessageReceivedEvent poll(BlockingQueue<MessageReceivedEvent> messages) throws InterruptedException {
    MessageReceivedEvent event = messages.poll(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    assertNotNull(event, "no message within " + EVENT_TIMEOUT);
    return event;
  }

  private static Set<String> ids(List<? extends ISnowflake> entities) {
    return entities.stream().map(ISnowflake::getId).collect(Collectors.toSet());
  }

  private static Set<String> idsOf(JsonArray objects) {
    return objects.stream().map(o -> ((JsonObject) o).getString("id")).collect(Collectors.toSet());
  }

  private static Set<String> textChannelIds(JsonObject guildCreate) {
    return guildCreate.getJsonArray("channels").stream().map(JsonObject.class::cast)
        .filter(channel -> channel.getInteger("type") == GUILD_TEXT)
        .map(channel -> channel.getString("id")).collect(Collectors.toSet());
  }
}
