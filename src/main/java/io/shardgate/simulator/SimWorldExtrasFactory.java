package io.shardgate.simulator;

import static io.shardgate.simulator.SimWorldShapes.*;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;

/** The rest of a guild: emojis, stickers, active threads, stage instances, scheduled events, sounds. */
final class SimWorldExtrasFactory {
  private static final int MAX_EMOJIS = 10;
  private static final int MAX_STICKERS = 3;
  private static final int MAX_THREADS = 3;
  private static final int MAX_THREAD_MESSAGES = 50;
  private static final int MAX_SCHEDULED_EVENTS = 2;
  private static final int MAX_SOUNDS = 3;
  private static final int BOOSTS_FOR_SOUNDS = 2;
  private static final int GUILD_ONLY = 2;
  private static final int STICKER_TYPE_GUILD = 2;
  private static final int STICKER_FORMAT_PNG = 1;
  private static final int EVENT_SCHEDULED = 1;
  private static final int ENTITY_STAGE = 1;
  private static final int ENTITY_VOICE = 2;
  private static final int ENTITY_EXTERNAL = 3;
  private static final long DAY_MS = 86_400_000L;
  private static final long EVENT_LENGTH_MS = 2 * 3_600_000L;

  private final Random random;
  private final SimWorldIds ids;
  private final long maxGapMs;
  private final String guildId;
  private final long nowMs;

  SimWorldExtrasFactory(Random random, SimWorldIds ids, long maxGapMs, String guildId, long nowMs) {
    this.random = random;
    this.ids = ids;
    this.maxGapMs = maxGapMs;
    this.guildId = guildId;
    this.nowMs = nowMs;
  }

  JsonArray emojis(JsonArray roles) {
    JsonArray emojis = new JsonArray();
    int count = random.nextInt(MAX_EMOJIS + 1);
    for (int i = 0; i < count; i++) {
      emojis.add(new JsonObject()
          .put("id", ids.nextAfterGap(random, maxGapMs))
          .put("name", SimWorldNames.emojiName(random) + i)
          .put("roles", new JsonArray())
          .put("require_colons", true)
          .put("managed", false)
          .put("animated", random.nextInt(5) == 0)
          .put("available", true));
    }
    return emojis;
  }

  JsonArray stickers(boolean community) {
    JsonArray stickers = new JsonArray();
    int count = community ? random.nextInt(MAX_STICKERS + 1) : 0;
    for (int i = 0; i < count; i++) {
      String name = SimWorldNames.emojiName(random);
      stickers.add(new JsonObject()
          .put("id", ids.nextAfterGap(random, maxGapMs))
          .put("name", name)
          .put("tags", name.substring(0, name.indexOf('_')))
          .put("type", STICKER_TYPE_GUILD)
          .put("format_type", STICKER_FORMAT_PNG)
          .put("description", SimWorldNames.words(random, 3))
          .put("available", true)
          .put("guild_id", guildId));
    }
    return stickers;
  }

  /** Active public threads in text channels, started by humans. */
  JsonArray threads(JsonArray channels, JsonArray members) {
    JsonArray threads = new JsonArray();
    List<JsonObject> texts = SimWorldGuild.filter(channels, c -> c.getInteger("type") == GUILD_TEXT);
    int count = texts.isEmpty() ? 0 : random.nextInt(MAX_THREADS + 1);
    for (int i = 0; i < count; i++) {
      String id = ids.nextAfterGap(random, maxGapMs);
      String parent = texts.get(random.nextInt(texts.size())).getString("id");
      String owner = members.getJsonObject(random.nextInt(members.size() - 1)).getJsonObject("user").getString("id");
      int messages = random.nextInt(MAX_THREAD_MESSAGES);
      JsonObject thread = thread(id, SimWorldNames.threadName(random), parent, owner,
          SimWorldIds.iso(SimWorldIds.millisOf(id)), messages);
      if (messages > 0) {
        thread.put("last_message_id", ids.nextAfterGap(random, maxGapMs));
      }
      threads.add(thread);
    }
    return threads;
  }

  JsonArray stageInstances(JsonArray channels) {
    JsonArray instances = new JsonArray();
    for (JsonObject stage : SimWorldGuild.filter(channels, c -> c.getInteger("type") == GUILD_STAGE_VOICE)) {
      if (random.nextInt(5) < 2) {
        instances.add(new JsonObject()
            .put("id", ids.nextAfterGap(random, maxGapMs))
            .put("guild_id", guildId)
            .put("channel_id", stage.getString("id"))
            .put("topic", SimWorldNames.words(random, 4))
            .put("privacy_level", GUILD_ONLY)
            .put("discoverable_disabled", false)
            .putNull("guild_scheduled_event_id"));
      }
    }
    return instances;
  }

  /** Upcoming events: in a voice or stage channel when there is one, else somewhere external. */
  JsonArray scheduledEvents(JsonArray channels, String creatorId) {
    JsonArray events = new JsonArray();
    List<JsonObject> voice = SimWorldGuild.filter(channels, SimWorldPeopleFactory::isVoice);
    int count = random.nextInt(MAX_SCHEDULED_EVENTS + 1);
    for (int i = 0; i < count; i++) {
      long startMs = nowMs + (1 + random.nextInt(30)) * DAY_MS;
      JsonObject channel = voice.isEmpty() || random.nextInt(4) == 0 ? null : voice.get(random.nextInt(voice.size()));
      int entityType = channel == null ? ENTITY_EXTERNAL
          : channel.getInteger("type") == GUILD_STAGE_VOICE ? ENTITY_STAGE : ENTITY_VOICE;
      events.add(new JsonObject()
          .put("id", ids.nextAfterGap(random, maxGapMs))
          .put("guild_id", guildId)
          .put("channel_id", channel == null ? null : channel.getString("id"))
          .put("creator_id", creatorId)
          .put("name", SimWorldNames.game(random) + " night")
          .put("description", SimWorldNames.words(random, 6))
          .put("scheduled_start_time", SimWorldIds.iso(startMs))
          .put("scheduled_end_time", channel == null ? SimWorldIds.iso(startMs + EVENT_LENGTH_MS) : null)
          .put("privacy_level", GUILD_ONLY)
          .put("status", EVENT_SCHEDULED)
          .put("entity_type", entityType)
          .putNull("entity_id")
          .put("entity_metadata", channel == null ? new JsonObject().put("location", "Town square") : null)
          .putNull("image")
          .putNull("recurrence_rule"));
    }
    return events;
  }

  JsonArray soundboardSounds(int boosts) {
    JsonArray sounds = new JsonArray();
    int count = boosts >= BOOSTS_FOR_SOUNDS ? random.nextInt(MAX_SOUNDS + 1) : 0;
    for (int i = 0; i < count; i++) {
      sounds.add(new JsonObject()
          .put("name", SimWorldNames.emojiName(random))
          .put("sound_id", ids.nextAfterGap(random, maxGapMs))
          .put("volume", 1.0)
          .putNull("emoji_id")
          .put("emoji_name", SimWorldNames.unicodeEmoji(random))
          .put("guild_id", guildId)
          .put("available", true));
    }
    return sounds;
  }
}
