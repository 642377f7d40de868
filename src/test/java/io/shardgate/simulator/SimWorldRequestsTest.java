package io.shardgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** op 8 (request guild members), op 4 (voice state) and control-API messages. */
class SimWorldRequestsTest {
  private static final int SHARDS = 2;

  private final SimWorld world = new SimWorld(77, SHARDS, 20);
  private final String guildId = world.guildIds(1).get(0);

  @Test
  void all_members_come_in_chunks_of_at_most_a_thousand_each_carrying_the_nonce() {
    SimWorld big = new SimWorld(5, 1, 2_000);
    String largest = null;
    int members = 0;
    for (String id : big.guildIds(0)) {
      int count = big.guildCreate(id).getInteger("member_count");
      if (count > members) {
        largest = id;
        members = count;
      }
    }
    assertTrue(members > 1_000, "seed 5 has a guild over 1000 members, largest has " + members);

    List<SimEvent> chunks = big.requestGuildMembers(0, new JsonObject().put("guild_id", largest).put("query", "")
        .put("limit", 0).put("presences", true).put("nonce", "n-1"));

    assertEquals((members + 999) / 1000, chunks.size());
    Set<String> userIds = new HashSet<>();
    for (int i = 0; i < chunks.size(); i++) {
      JsonObject chunk = chunks.get(i).data();
      assertEquals("GUILD_MEMBERS_CHUNK", chunks.get(i).type());
      assertEquals(largest, chunk.getString("guild_id"));
      assertEquals(i, chunk.getInteger("chunk_index"));
      assertEquals(chunks.size(), chunk.getInteger("chunk_count"));
      assertEquals("n-1", chunk.getString("nonce"));
      JsonArray chunkMembers = chunk.getJsonArray("members");
      assertTrue(chunkMembers.size() <= 1000);
      Set<String> inChunk = new HashSet<>();
      chunkMembers.forEach(m -> inChunk.add(((JsonObject) m).getJsonObject("user").getString("id")));
      chunk.getJsonArray("presences").forEach(p ->
          assertTrue(inChunk.contains(((JsonObject) p).getJsonObject("user").getString("id")), "presence of a chunk member"));
      assertFalse(chunk.containsKey("not_found"));
      userIds.addAll(inChunk);
    }
    assertEquals(members, userIds.size());
  }

  @Test
  void user_ids_return_the_members_found_and_list_the_others_as_not_found() {
    JsonArray members = world.guildCreate(guildId).getJsonArray("members");
    String known = members.getJsonObject(1).getJsonObject("user").getString("id");
    String missing = "1234567890123456789";

    List<SimEvent> chunks = world.requestGuildMembers(1, new JsonObject().put("guild_id", guildId)
        .put("user_ids", new JsonArray().add(known).add(missing)));

    assertEquals(1, chunks.size());
    JsonObject chunk = chunks.get(0).data();
    assertEquals(1, chunk.getJsonArray("members").size());
    assertEquals(known, chunk.getJsonArray("members").getJsonObject(0).getJsonObject("user").getString("id"));
    assertEquals(new JsonArray().add(missing), chunk.getJsonArray("not_found"));
    assertFalse(chunk.containsKey("nonce"));
    assertFalse(chunk.containsKey("presences"));
  }

  @Test
  void a_query_matches_username_prefixes_case_insensitively_up_to_the_limit() {
    JsonArray members = world.guildCreate(guildId).getJsonArray("members");
    String prefix = members.getJsonObject(0).getJsonObject("user").getString("username").substring(0, 3);
    long expected = members.stream().map(m -> ((JsonObject) m).getJsonObject("user").getString("username"))
        .filter(name -> name.startsWith(prefix)).count();

    List<SimEvent> all = world.requestGuildMembers(1, new JsonObject().put("guild_id", guildId)
        .put("query", prefix.toUpperCase(Locale.ROOT)).put("limit", 100));
    List<SimEvent> one = world.requestGuildMembers(1, new JsonObject().put("guild_id", guildId)
        .put("query", prefix).put("limit", 1));

    assertEquals(expected, all.get(0).data().getJsonArray("members").size());
    all.get(0).data().getJsonArray("members").forEach(m ->
        assertTrue(((JsonObject) m).getJsonObject("user").getString("username").startsWith(prefix)));
    assertEquals(1, one.get(0).data().getJsonArray("members").size());
  }

  @Test
  void a_nonce_over_32_bytes_is_dropped_and_requests_for_other_shards_or_bad_payloads_get_nothing() {
    List<SimEvent> chunks = world.requestGuildMembers(1, new JsonObject().put("guild_id", guildId).put("query", "")
        .put("limit", 0).put("nonce", "x".repeat(33)));
    assertNull(chunks.get(0).data().getValue("nonce"));

    assertTrue(world.requestGuildMembers(0, new JsonObject().put("guild_id", guildId).put("query", "")).isEmpty());
    assertTrue(world.requestGuildMembers(1, new JsonObject().put("guild_id", guildId)).isEmpty());
    assertTrue(world.requestGuildMembers(1, new JsonObject().put("guild_id", 42).put("query", "")).isEmpty());
  }

  @Test
  void joining_voice_answers_with_both_voice_events_and_leaving_clears_the_state() {
    String botId = world.botUser().getString("id");
    String channelId = channelOfType(world.guildCreate(guildId), 2);

    List<SimEvent> joined = world.voiceStateUpdate(1, new JsonObject().put("guild_id", guildId)
        .put("channel_id", channelId).put("self_mute", true).put("self_deaf", false), "sess-1");

    assertEquals(List.of("VOICE_STATE_UPDATE", "VOICE_SERVER_UPDATE"), joined.stream().map(SimEvent::type).toList());
    JsonObject state = joined.get(0).data();
    assertEquals(guildId, state.getString("guild_id"));
    assertEquals(channelId, state.getString("channel_id"));
    assertEquals(botId, state.getString("user_id"));
    assertEquals("sess-1", state.getString("session_id"));
    assertTrue(state.getBoolean("self_mute"));
    assertEquals(botId, state.getJsonObject("member").getJsonObject("user").getString("id"));
    JsonObject server = joined.get(1).data();
    assertEquals(guildId, server.getString("guild_id"));
    assertNotNull(server.getString("token"));
    assertTrue(server.getString("endpoint").endsWith(".discord.media:443"));
    JsonObject cached = botVoiceState(botId);
    assertEquals(channelId, cached.getString("channel_id"));
    assertEquals("sess-1", cached.getString("session_id"));
    assertNull(cached.getValue("guild_id"));

    List<SimEvent> left = world.voiceStateUpdate(1, new JsonObject().put("guild_id", guildId)
        .putNull("channel_id").put("self_mute", false).put("self_deaf", false), "sess-1");

    assertEquals(1, left.size());
    assertNull(left.get(0).data().getValue("channel_id"));
    assertNull(botVoiceState(botId));
  }

  @Test
  void voice_requests_for_a_text_channel_or_a_foreign_guild_are_ignored() {
    String textId = channelOfType(world.guildCreate(guildId), 0);
    assertTrue(world.voiceStateUpdate(1, new JsonObject().put("guild_id", guildId).put("channel_id", textId), "s")
        .isEmpty());
    assertTrue(world.voiceStateUpdate(0, new JsonObject().put("guild_id", guildId).putNull("channel_id"), "s")
        .isEmpty());
  }

  @Test
  void a_control_message_is_a_member_speaking_in_that_channel() {
    String channelId = channelOfType(world.guildCreate(guildId), 0);

    SimEvent event = world.messageCreate(channelId, "!ping");

    assertEquals("MESSAGE_CREATE", event.type());
    assertEquals(guildId, event.guildId());
    JsonObject message = event.data();
    assertEquals("!ping", message.getString("content"));
    assertEquals(guildId, message.getString("guild_id"));
    assertEquals(channelId, message.getString("channel_id"));
    assertNotNull(message.getJsonObject("member").getJsonArray("roles"));
    assertNull(message.getJsonObject("member").getValue("user"), "the member partial omits user");
    JsonObject guild = world.guildCreate(guildId);
    JsonObject author = guild.getJsonArray("members").stream().map(JsonObject.class::cast)
        .filter(m -> m.getJsonObject("user").getString("id").equals(message.getJsonObject("author").getString("id")))
        .findFirst().orElseThrow();
    assertNotNull(author);
    JsonObject channel = guild.getJsonArray("channels").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("id").equals(channelId)).findFirst().orElseThrow();
    assertEquals(message.getString("id"), channel.getString("last_message_id"));
    assertThrows(IllegalArgumentException.class, () -> world.messageCreate("1234567890123456789", "hi"));
    String voiceId = channelOfType(guild, 2);
    assertThrows(IllegalArgumentException.class, () -> world.messageCreate(voiceId, "hi"));
  }

  private JsonObject botVoiceState(String botId) {
    return world.guildCreate(guildId).getJsonArray("voice_states").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("user_id").equals(botId)).findFirst().orElse(null);
  }

  private static String channelOfType(JsonObject guild, int type) {
    return guild.getJsonArray("channels").stream().map(JsonObject.class::cast)
        .filter(c -> c.getInteger("type") == type).findFirst().orElseThrow().getString("id");
  }
}
