package io.shardgate.simulator;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The simulator's ground truth: a bot's guilds spread over shards and the dispatches that change them.
 *
 * <p>Everything derives from the seed: two worlds with the same seed hold byte-identical guilds, and
 * the same calls (with equally seeded {@link Random}s) give the same events. Each guild is built from its
 * own seed, and only kept in memory once an event has changed it: a world of 10k guilds starts at once,
 * and an untouched guild costs nothing until asked for (it is rebuilt, identically, on each request).
 * Every event is consistent with the state it leaves: applying the events to an earlier
 * {@link #guildCreate} yields the current one (the folding rules a cache must follow are spelled out in
 * the test-side {@code SimWorldApplier}).
 *
 * <p>Not thread-safe: the simulator server calls it from one event-loop thread.
 */
public final class SimWorld {
  private static final long WORLD_START_MS = 1_735_689_600_000L; // 2025-01-01T00:00:00Z
  private static final long BOT_CREATED_MS = 1_609_459_200_000L;  // 2021-01-01T00:00:00Z
  private static final long SEED_SPREAD_MS = 30L * 86_400_000L;
  private static final int MAX_TICK_MS = 50;
  private static final int MAX_CONTENT_LENGTH = 4000;
  /** GATEWAY_PRESENCE_LIMITED | GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED. */
  private static final int APPLICATION_FLAGS = (1 << 13) | (1 << 15) | (1 << 19);

  private final long seed;
  private final int shardCount;
  private final long worldStartMs;
  private final SimWorldIds worldIds;
  private final JsonObject botUser;
  private final JsonObject botPublicUser;
  private final SimWorldDirect direct;
  private final Random worldRandom;
  private final List<Slot> slots = new ArrayList<>();
  private final Map<String, Slot> slotsById = new HashMap<>();
  private final List<List<String>> shardGuilds = new ArrayList<>();
  private long nowMs;

  /** A guild the bot is in; its state is kept from the first event that changes it. */
  private static final class Slot {
    final int index;
    final String id;
    final Long joinedNowMs;
    SimWorldGuild guild;

    Slot(int index, String id, Long joinedNowMs) {
      this.index = index;
      this.id = id;
      this.joinedNowMs = joinedNowMs;
    }
  }

  public SimWorld(long seed, int shardCount, int guildCount) {
    if (shardCount < 1) {
      throw new IllegalArgumentException("shardCount (" + shardCount + ") must be at least 1");
    }
    if (guildCount < 0 || guildCount > SimWorldIds.MAX_GUILD_INDEX) {
      throw new IllegalArgumentException("guildCount (" + guildCount + ") must be in 0.."
          + SimWorldIds.MAX_GUILD_INDEX);
    }
    this.seed = seed;
    this.shardCount = shardCount;
    Random setup = new Random(mix(seed, SimWorldIds.WORLD_OWNER, 0));
    this.worldStartMs = WORLD_START_MS + (long) (setup.nextDouble() * SEED_SPREAD_MS);
    this.nowMs = worldStartMs;
    this.worldIds = new SimWorldIds(SimWorldIds.WORLD_OWNER, BOT_CREATED_MS + (long) (setup.nextDouble() * SEED_SPREAD_MS));
    String botId = worldIds.next(0);
    String username = SimWorldNames.globalName(setup).replace(' ', '-').toLowerCase() + "-bot";
    this.botPublicUser = SimWorldShapes.user(botId, username, null, SimWorldNames.hex(setup, 32), true);
    this.botUser = botPublicUser.copy().put("verified", true).put("mfa_enabled", false).putNull("email");
    this.direct = new SimWorldDirect(worldIds, setup);
    this.worldRandom = new Random(mix(seed, SimWorldIds.WORLD_OWNER, 1));
    for (int shard = 0; shard < shardCount; shard++) {
      shardGuilds.add(new ArrayList<>());
    }
    for (int index = 0; index < guildCount; index++) {
      addSlot(index % shardCount, null);
    }
  }

  public int shardCount() {
    return shardCount;
  }

  /** The bot's user as READY carries it. */
  public JsonObject botUser() {
    return botUser.copy();
  }

  public JsonObject application() {
    return new JsonObject().put("id", botUser.getString("id")).put("flags", APPLICATION_FLAGS);
  }

  public List<String> guildIds(int shardId) {
    return List.copyOf(shardGuilds.get(checkShard(shardId)));
  }

  public int shardOf(String guildId) {
    return (int) ((Long.parseLong(guildId) >> SimWorldIds.TIMESTAMP_SHIFT) % shardCount);
  }

  public JsonObject guildCreate(String guildId) {
    Slot slot = slot(guildId);
    return slot.guild != null ? slot.guild.guildCreate() : build(slot).state();
  }

  public SimEvent nextEvent(int shardId, Random random) {
    checkShard(shardId);
    nowMs += 1 + random.nextInt(MAX_TICK_MS);
    List<String> guilds = shardGuilds.get(shardId);
    if (guilds.isEmpty()) {
      return join(shardId);
    }
    SimWorldEventKind kind = SimWorldEventKind.pick(random);
    if (kind == SimWorldEventKind.GUILD_JOIN) {
      return join(shardId);
    }
    if (kind == SimWorldEventKind.DIRECT_MESSAGE && shardId == 0) {
      return direct.next(random, nowMs); // DMs carry no guild_id: Discord sends them to shard 0 only
    }
    SimWorldGuild guild = guild(guilds.get(random.nextInt(guilds.size())));
    if (kind == SimWorldEventKind.GUILD_LEAVE) {
      return leave(shardId, guild.id());
    }
    SimEvent event = guildEvent(kind, guild, random);
    return event != null ? event : SimWorldChatEvents.randomMessage(guild, random, nowMs);
  }

  public List<SimEvent> requestGuildMembers(int shardId, JsonObject op8Data) {
    SimWorldGuild guild = guildOnShard(shardId, op8Data.getValue("guild_id"));
    return guild == null ? List.of() : SimWorldRequests.requestGuildMembers(guild, op8Data);
  }

  public List<SimEvent> voiceStateUpdate(int shardId, JsonObject op4Data, String sessionId) {
    SimWorldGuild guild = guildOnShard(shardId, op4Data.getValue("guild_id"));
    if (guild == null) {
      return List.of();
    }
    nowMs++;
    JsonObject botMember = guild.member(botUser.getString("id"));
    return SimWorldRequests.voiceStateUpdate(guild, op4Data, botMember, sessionId, worldRandom);
  }

  /** A human-looking member says {@code content} in an existing text or announcement channel. */
  public SimEvent messageCreate(String channelId, String content) {
    if (content == null || content.length() > MAX_CONTENT_LENGTH) {
      throw new IllegalArgumentException("content must be at most " + MAX_CONTENT_LENGTH + " characters");
    }
    int index = SimWorldIds.ownerOf(channelId);
    Slot slot = index < slots.size() ? slots.get(index) : null;
    JsonObject channel = slot == null || !slotsById.containsKey(slot.id) ? null : guild(slot.id).channel(channelId);
    if (channel == null || !SimWorldGuildFactory.isMessageChannel(channel)) {
      throw new IllegalArgumentException("no text channel " + channelId + " in any guild of this world");
    }
    nowMs++;
    SimWorldGuild guild = slot.guild;
    return SimWorldChatEvents.messageCreate(guild, channel, SimWorldChatEvents.randomMember(guild, worldRandom),
        content, nowMs);
  }

  private SimEvent guildEvent(SimWorldEventKind kind, SimWorldGuild guild, Random random) {
    String botId = botUser.getString("id");
    return switch (kind) {
      case TYPING_START -> SimWorldChatEvents.typingStart(guild, random, nowMs);
      case PRESENCE_UPDATE -> SimWorldMemberEvents.presenceUpdate(guild, random, botId, nowMs);
      case GUILD_MEMBER_UPDATE -> SimWorldMemberEvents.memberUpdate(guild, random, botId);
      case VOICE_STATE_UPDATE -> SimWorldMemberEvents.voiceMove(guild, random, botId);
      case GUILD_MEMBER_ADD -> SimWorldMemberEvents.memberAdd(guild, random, nowMs);
      case GUILD_MEMBER_REMOVE -> SimWorldMemberEvents.memberRemove(guild, random, botId);
      case CHANNEL_UPDATE -> SimWorldChatEvents.channelUpdate(guild, random);
      case CHANNEL_CREATE -> SimWorldChatEvents.channelCreate(guild, random, nowMs);
      case CHANNEL_DELETE -> SimWorldChatEvents.channelDelete(guild, random);
      case THREAD_CREATE -> SimWorldChatEvents.threadCreate(guild, random, nowMs);
      case THREAD_UPDATE -> SimWorldChatEvents.threadUpdate(guild, random, nowMs);
      case THREAD_DELETE -> SimWorldChatEvents.threadDelete(guild, random);
      case GUILD_ROLE_CREATE -> SimWorldMemberEvents.roleCreate(guild, random, nowMs);
      case GUILD_ROLE_UPDATE -> SimWorldMemberEvents.roleUpdate(guild, random);
      case GUILD_ROLE_DELETE -> SimWorldMemberEvents.roleDelete(guild, random);
      case GUILD_UPDATE -> SimWorldMemberEvents.guildUpdate(guild, random);
      default -> SimWorldChatEvents.randomMessage(guild, random, nowMs);
    };
  }

  /** The bot is added to a brand-new guild on this shard. */
  private SimEvent join(int shardId) {
    if (slots.size() > SimWorldIds.MAX_GUILD_INDEX) {
      throw new IllegalStateException("this world has created its maximum of guilds");
    }
    Slot slot = addSlot(shardId, nowMs);
    return new SimEvent("GUILD_CREATE", guildCreate(slot.id), slot.id);
  }

  /** The bot leaves (or is removed from) a guild: GUILD_DELETE without {@code unavailable}. */
  private SimEvent leave(int shardId, String guildId) {
    shardGuilds.get(shardId).remove(guildId);
    slotsById.remove(guildId);
    return new SimEvent("GUILD_DELETE", new JsonObject().put("id", guildId), guildId);
  }

  private Slot addSlot(int shardId, Long joinedNowMs) {
    int index = slots.size();
    String id = SimWorldGuildFactory.guildId(new Random(mix(seed, index, 1)), index, shardId, shardCount);
    Slot slot = new Slot(index, id, joinedNowMs);
    slots.add(slot);
    slotsById.put(id, slot);
    shardGuilds.get(shardId).add(id);
    return slot;
  }

  /** The guild's live state, built and kept from now on: the caller is about to change or read it. */
  private SimWorldGuild guild(String guildId) {
    Slot slot = slot(guildId);
    if (slot.guild == null) {
      slot.guild = build(slot);
    }
    return slot.guild;
  }

  private SimWorldGuild build(Slot slot) {
    return SimWorldGuildFactory.build(new Random(mix(seed, slot.index, 2)), slot.index, slot.id, worldStartMs,
        botPublicUser, slot.joinedNowMs);
  }

  private Slot slot(String guildId) {
    Slot slot = slotsById.get(guildId);
    if (slot == null) {
      throw new IllegalArgumentException("the bot is in no guild " + guildId);
    }
    return slot;
  }

  private SimWorldGuild guildOnShard(int shardId, Object guildId) {
    checkShard(shardId);
    return guildId instanceof String id && slotsById.containsKey(id) && shardOf(id) == shardId ? guild(id) : null;
  }

  private int checkShard(int shardId) {
    if (shardId < 0 || shardId >= shardCount) {
      throw new IllegalArgumentException("shard " + shardId + " is not in 0.." + (shardCount - 1));
    }
    return shardId;
  }

  /** SplitMix64 finaliser: independent seeds per guild and purpose from one world seed. */
  static long mix(long seed, long index, long purpose) {
    long z = seed + index * 0x9E3779B97F4A7C15L + purpose * 0xD1B54A32D192ED03L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
