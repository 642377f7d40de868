package io.shardgate.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/** Answers to the commands a bot sends about a guild: op 8 (members) and op 4 (the bot's voice state). */
final class SimWorldRequests {
  static final int MEMBERS_PER_CHUNK = 1000;
  /** Discord returns at most 100 members for a prefix query or a user_ids list. */
  static final int MAX_QUERY_RESULTS = 100;
  static final int MAX_NONCE_BYTES = 32;
  private static final int VOICE_TOKEN_LENGTH = 16;
  private static final List<String> VOICE_REGIONS = List.of("fra", "ams", "iad", "sjc", "sin", "syd");

  private SimWorldRequests() {
  }

  /** GUILD_MEMBERS_CHUNK events for a valid request, none for a malformed one (Discord ignores those). */
  static List<SimEvent> requestGuildMembers(SimWorldGuild guild, JsonObject request) {
    Object query = request.getValue("query");
    Object userIds = request.getValue("user_ids");
    Object limit = request.getValue("limit");
    List<JsonObject> members = new ArrayList<>();
    JsonArray notFound = null;
    if (userIds != null) {
      notFound = new JsonArray();
      for (String userId : requestedIds(userIds)) {
        JsonObject member = guild.member(userId);
        if (member != null) {
          members.add(member);
        } else {
          notFound.add(userId);
        }
      }
    } else if (query instanceof String prefix && (limit == null || limit instanceof Number)) {
      int wanted = limit == null ? 0 : ((Number) limit).intValue();
      int max = prefix.isEmpty() ? (wanted <= 0 ? Integer.MAX_VALUE : wanted)
          : (wanted <= 0 ? MAX_QUERY_RESULTS : Math.min(wanted, MAX_QUERY_RESULTS));
      members = matching(guild, prefix.toLowerCase(Locale.ROOT), max);
    } else {
      return List.of();
    }
    return chunks(guild, members, notFound, Boolean.TRUE.equals(request.getValue("presences")),
        nonce(request.getValue("nonce")));
  }

  /** The bot joins, moves or leaves voice: VOICE_STATE_UPDATE, plus VOICE_SERVER_UPDATE when in a channel. */
  static List<SimEvent> voiceStateUpdate(SimWorldGuild guild, JsonObject request, JsonObject botMember,
      String sessionId, Random random) {
    Object channelId = request.getValue("channel_id");
    JsonObject channel = channelId instanceof String id ? guild.channel(id) : null;
    if (channelId != null && (channel == null || !SimWorldPeopleFactory.isVoice(channel))) {
      return List.of();
    }
    SimEvent state = SimWorldMemberEvents.voiceStateChange(guild, botMember, channel, sessionId,
        Boolean.TRUE.equals(request.getValue("self_mute")), Boolean.TRUE.equals(request.getValue("self_deaf")));
    if (channel == null) {
      return List.of(state);
    }
    JsonObject server = new JsonObject()
        .put("token", SimWorldNames.hex(random, VOICE_TOKEN_LENGTH))
        .put("guild_id", guild.id())
        .put("endpoint", "c-" + SimWorldNames.pick(random, VOICE_REGIONS) + (1 + random.nextInt(20)) + "-"
            + SimWorldNames.hex(random, 8) + ".discord.media:443");
    return List.of(state, new SimEvent("VOICE_SERVER_UPDATE", server, guild.id()));
  }

  private static Set<String> requestedIds(Object userIds) {
    Set<String> ids = new LinkedHashSet<>();
    List<?> values = userIds instanceof JsonArray array ? array.getList() : List.of(userIds);
    for (Object value : values) {
      if (ids.size() == MAX_QUERY_RESULTS) {
        break;
      }
      if (value instanceof String || value instanceof Number) {
        ids.add(value.toString());
      }
    }
    return ids;
  }

  private static List<JsonObject> matching(SimWorldGuild guild, String prefix, int max) {
    List<JsonObject> matches = new ArrayList<>();
    JsonArray members = guild.members();
    for (int i = 0; i < members.size() && matches.size() < max; i++) {
      JsonObject member = members.getJsonObject(i);
      String username = member.getJsonObject("user").getString("username").toLowerCase(Locale.ROOT);
      if (username.startsWith(prefix)) {
        matches.add(member);
      }
    }
    return matches;
  }

  private static List<SimEvent> chunks(SimWorldGuild guild, List<JsonObject> members, JsonArray notFound,
      boolean withPresences, String nonce) {
    int count = Math.max(1, (members.size() + MEMBERS_PER_CHUNK - 1) / MEMBERS_PER_CHUNK);
    List<SimEvent> events = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      List<JsonObject> slice = members.subList(index * MEMBERS_PER_CHUNK,
          Math.min(members.size(), (index + 1) * MEMBERS_PER_CHUNK));
      JsonArray chunkMembers = new JsonArray();
      JsonArray presences = new JsonArray();
      for (JsonObject member : slice) {
        chunkMembers.add(member.copy());
        JsonObject presence = guild.presence(member.getJsonObject("user").getString("id"));
        if (presence != null) {
          presences.add(presence.copy());
        }
      }
      JsonObject chunk = new JsonObject().put("guild_id", guild.id()).put("members", chunkMembers)
          .put("chunk_index", index).put("chunk_count", count);
      if (notFound != null) {
        chunk.put("not_found", notFound.copy());
      }
      if (withPresences) {
        chunk.put("presences", presences);
      }
      if (nonce != null) {
        chunk.put("nonce", nonce);
      }
      events.add(new SimEvent("GUILD_MEMBERS_CHUNK", chunk, guild.id()));
    }
    return events;
  }

  /** Discord ignores a nonce over 32 bytes: the chunks then carry none. */
  private static String nonce(Object value) {
    if (value instanceof String nonce && nonce.getBytes(StandardCharsets.UTF_8).length <= MAX_NONCE_BYTES) {
      return nonce;
    }
    return null;
  }
}
