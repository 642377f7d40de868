package io.shardgate.simulator;

import io.shardgate.testing.GatewayTestClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.protocol.Opcodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SimGuildCommandsTest {
  private static final int GUILDS = SimTestSupport.GUILDS_PER_SHARD;
  private Vertx vertx;
  private DiscordSimulator simulator;
  private GatewayTestClient a;
  private GatewayTestClient b;
  private String guildId;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    simulator = SimTestSupport.start(vertx, SimTestSupport.options());
    a = GatewayTestClient.connect(vertx, simulator.port());
    guildId = a.identifyAndAwaitReady(0, 2, GUILDS).getJsonArray("guilds").getJsonObject(0).getString("id");
    b = GatewayTestClient.connect(vertx, simulator.port());
    b.identifyAndAwaitReady(0, 2, GUILDS);
  }

  @AfterEach
  void stop() {
    SimTestSupport.await(simulator.stop());
  }

  /** A heartbeat round trip proves every earlier message of that connection was delivered. */
  private static void assertNothingElse(GatewayTestClient client) {
    client.send(1, null);
    client.nextOp(11);
    assertFalse(client.hasPendingMessages());
  }

  @Test
  void member_chunks_go_only_to_the_requesting_session_with_its_nonce() {
    a.send(Opcodes.REQUEST_GUILD_MEMBERS, new JsonObject().put("guild_id", guildId).put("query", "").put("limit", 0)
        .put("nonce", "from-a"));
    JsonObject chunk = a.nextDispatch("GUILD_MEMBERS_CHUNK").getJsonObject("d");
    assertEquals("from-a", chunk.getString("nonce"));
    assertEquals(guildId, chunk.getString("guild_id"));
    assertNothingElse(b);
    assertEquals(1, simulator.counters().commands(0, Opcodes.REQUEST_GUILD_MEMBERS));
  }

  @Test
  void a_second_full_member_request_within_30_seconds_gets_rate_limited() {
    JsonObject request = new JsonObject().put("guild_id", guildId).put("query", "").put("limit", 0);
    a.send(Opcodes.REQUEST_GUILD_MEMBERS, request.copy().put("nonce", "one"));
    a.nextDispatch("GUILD_MEMBERS_CHUNK");
    b.send(Opcodes.REQUEST_GUILD_MEMBERS, request.copy().put("nonce", "two"));
    JsonObject limited = b.nextDispatch("RATE_LIMITED").getJsonObject("d");
    assertEquals(Opcodes.REQUEST_GUILD_MEMBERS, limited.getInteger("opcode"));
    double retryAfter = limited.getDouble("retry_after");
    assertTrue(retryAfter > 0 && retryAfter <= 30, "retry_after " + retryAfter);
    assertEquals(new JsonObject().put("guild_id", guildId).put("nonce", "two"), limited.getJsonObject("meta"));
    // A query for some members is not limited.
    b.send(Opcodes.REQUEST_GUILD_MEMBERS, request.copy().put("query", "sim").put("limit", 10).put("nonce", "three"));
    assertEquals("three", b.nextDispatch("GUILD_MEMBERS_CHUNK").getJsonObject("d").getString("nonce"));
  }

  @Test
  void voice_state_goes_to_every_session_of_the_shard_and_voice_server_only_to_the_requester() {
    b.send(Opcodes.VOICE_STATE_UPDATE, new JsonObject().put("guild_id", guildId).put("channel_id", voiceChannel())
        .put("self_mute", false).put("self_deaf", false));
    JsonObject stateForB = b.nextDispatch("VOICE_STATE_UPDATE").getJsonObject("d");
    b.nextDispatch("VOICE_SERVER_UPDATE");
    JsonObject stateForA = a.nextDispatch("VOICE_STATE_UPDATE").getJsonObject("d");
    assertEquals(stateForB, stateForA);
    assertNothingElse(a);
  }

  /** The world is deterministic: the same seed gives the guild the simulator serves. */
  private String voiceChannel() {
    SimulatorOptions options = simulator.options();
    JsonObject guild = new SimWorld(options.seed(), options.shards(), options.guilds()).guildCreate(guildId);
    return guild.getJsonArray("channels").stream().map(JsonObject.class::cast)
        .filter(channel -> channel.getInteger("type") == 2).findFirst().orElseThrow().getString("id");
  }

  @Test
  void presence_update_is_validated_and_recorded() {
    JsonObject presence = new JsonObject().put("since", null).put("activities", new JsonArray()).put("status", "dnd")
        .put("afk", false);
    a.send(Opcodes.PRESENCE_UPDATE, presence);
    assertNothingElse(a);
    JsonArray sessions = SimTestSupport.request(vertx, io.vertx.core.http.HttpMethod.GET, simulator.port(),
        "/control/sessions", null, null).body().toJsonArray();
    assertTrue(sessions.stream().map(JsonObject.class::cast).anyMatch(s -> presence.equals(s.getJsonObject("presence"))),
        sessions.encode());
    a.send(Opcodes.PRESENCE_UPDATE, presence.copy().put("status", "busy"));
    assertEquals(4002, a.awaitClose());
  }

  @Test
  void soundboard_and_channel_info_requests_are_accepted_and_counted() {
    a.send(Opcodes.REQUEST_SOUNDBOARD_SOUNDS, new JsonObject().put("guild_ids", new JsonArray().add(guildId)));
    a.send(Opcodes.REQUEST_CHANNEL_INFO, new JsonObject().put("guild_id", guildId).put("fields", new JsonArray()));
    assertNothingElse(a);
    assertEquals(1, simulator.counters().commands(0, Opcodes.REQUEST_SOUNDBOARD_SOUNDS));
    assertEquals(1, simulator.counters().commands(0, Opcodes.REQUEST_CHANNEL_INFO));
  }
}
