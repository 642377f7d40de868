package io.shardgate.simulator;

import static io.shardgate.simulator.SimWorldShapes.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The people of a guild: members (humans, the owner, the bot), their presences and who sits in voice.
 * The static helpers also serve live events (a member joins, a presence changes).
 */
final class SimWorldPeopleFactory {
  private static final double PRESENCE_SHARE = 0.4;
  private static final double ROLE_SHARE = 0.25;
  private static final int MAX_VOICE_MEMBERS = 8;
  private static final int MEMBERS_PER_VOICE_USER = 6;
  private static final int SESSION_ID_LENGTH = 32;
  private static final int HASH_LENGTH = 32;
  private static final long HOUR_MS = 3_600_000L;
  private static final List<String> PLATFORMS = List.of("desktop", "desktop", "mobile", "web");

  private final Random random;
  private final SimWorldIds ids;
  private final long maxGapMs;
  private final long nowMs;
  private int userSerial;

  SimWorldPeopleFactory(Random random, SimWorldIds ids, long maxGapMs, long nowMs) {
    this.random = random;
    this.ids = ids;
    this.maxGapMs = maxGapMs;
    this.nowMs = nowMs;
  }

  int userSerial() {
    return userSerial;
  }

  /** Owner first, then the other humans in join order, then the bot with its managed role. */
  JsonArray members(String ownerId, int humanCount, JsonArray roles, JsonObject botUser, String botRoleId,
      long botJoinedMs) {
    JsonArray members = new JsonArray();
    members.add(human(random, ownerId, ++userSerial, SimWorldIds.millisOf(ownerId), randomRoles(random, roles)));
    for (int i = 1; i < humanCount; i++) {
      String id = ids.nextAfterGap(random, maxGapMs);
      members.add(human(random, id, ++userSerial, SimWorldIds.millisOf(id), randomRoles(random, roles)));
    }
    members.add(member(botUser.copy(), new JsonArray().add(botRoleId), SimWorldIds.iso(botJoinedMs), null));
    return members;
  }

  JsonArray presences(JsonArray members, String botId) {
    JsonArray presences = new JsonArray();
    for (int i = 0; i < members.size(); i++) {
      String userId = members.getJsonObject(i).getJsonObject("user").getString("id");
      if (!userId.equals(botId) && random.nextDouble() < PRESENCE_SHARE) {
        presences.add(presence(random, userId, nowMs));
      }
    }
    return presences;
  }

  /** A few humans sit in voice channels; in a stage they are audience (suppressed). */
  JsonArray voiceStates(JsonArray members, JsonArray channels) {
    JsonArray states = new JsonArray();
    List<JsonObject> voice = SimWorldGuild.filter(channels, SimWorldPeopleFactory::isVoice);
    int humans = members.size() - 1;
    int count = voice.isEmpty() ? 0 : random.nextInt(Math.min(MAX_VOICE_MEMBERS, humans / MEMBERS_PER_VOICE_USER) + 1);
    Set<Integer> seated = new HashSet<>();
    for (int i = 0; i < count; i++) {
      int index = random.nextInt(humans);
      if (seated.add(index)) {
        JsonObject channel = voice.get(random.nextInt(voice.size()));
        String userId = members.getJsonObject(index).getJsonObject("user").getString("id");
        states.add(voiceState(channel.getString("id"), userId, SimWorldNames.hex(random, SESSION_ID_LENGTH),
            random.nextInt(3) == 0, random.nextInt(10) == 0, channel.getInteger("type") == GUILD_STAGE_VOICE));
      }
    }
    return states;
  }

  static boolean isVoice(JsonObject channel) {
    int type = channel.getInteger("type");
    return type == GUILD_VOICE || type == GUILD_STAGE_VOICE;
  }

  static JsonObject human(Random random, String id, int serial, long joinedMs, JsonArray roles) {
    String avatar = random.nextInt(10) < 3 ? null : SimWorldNames.hex(random, HASH_LENGTH);
    String globalName = random.nextInt(10) < 6 ? SimWorldNames.globalName(random) : null;
    JsonObject user = user(id, SimWorldNames.username(random, serial), globalName, avatar, false);
    String nick = random.nextInt(100) < 15 ? SimWorldNames.globalName(random) : null;
    return member(user, roles, SimWorldIds.iso(joinedMs), nick);
  }

  /** Any role but @everyone (implicit) and managed ones (only integrations hand those out). */
  static JsonArray randomRoles(Random random, JsonArray roles) {
    JsonArray chosen = new JsonArray();
    for (int i = 1; i < roles.size(); i++) {
      JsonObject role = roles.getJsonObject(i);
      if (!role.getBoolean("managed") && random.nextDouble() < ROLE_SHARE) {
        chosen.add(role.getString("id"));
      }
    }
    return chosen;
  }

  /** A non-offline presence: status on one platform, maybe a game or a custom status. */
  static JsonObject presence(Random random, String userId, long nowMs) {
    int roll = random.nextInt(10);
    String status = roll < 7 ? "online" : roll < 9 ? "idle" : "dnd";
    JsonArray activities = new JsonArray();
    long since = nowMs - (long) (random.nextDouble() * HOUR_MS);
    int activity = random.nextInt(10);
    if (activity < 3) {
      activities.add(playingActivity(SimWorldNames.game(random), since));
    } else if (activity == 3) {
      activities.add(customStatus(SimWorldNames.words(random, 3), SimWorldNames.unicodeEmoji(random), since));
    }
    return SimWorldShapes.presence(userId, status, activities, SimWorldNames.pick(random, PLATFORMS));
  }
}
