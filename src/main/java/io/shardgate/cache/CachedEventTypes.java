package io.shardgate.cache;

import io.shardgate.config.CacheConfig;
import java.util.HashSet;
import java.util.Set;

/**
 * The dispatch types that change what the cache keeps under given flags: the relay parses only these.
 * Computed once per shard so {@link #contains} is one hash lookup on the hot path.
 *
 * <p>Mirrors gateway-proxy's event flags per cache flag, with three deliberate differences:
 * GUILD_MEMBER_ADD/REMOVE are always wanted (they move {@code member_count}, a guild field every
 * GUILD_CREATE carries), GUILD_STICKERS_UPDATE is wanted with stickers (gateway-proxy keeps stickers
 * but never updates them), and soundboard events are always wanted (sounds have no flag).
 * MESSAGE_CREATE is never wanted: parsing 40% of all traffic to keep channels' {@code last_message_id}
 * fresh is not worth it (gateway-proxy does not either).
 */
final class CachedEventTypes {
  private final Set<String> types = new HashSet<>();

  CachedEventTypes(CacheConfig flags) {
    add(true, "GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE", "GUILD_MEMBER_ADD", "GUILD_MEMBER_REMOVE",
        "USER_UPDATE", "GUILD_SOUNDBOARD_SOUND_CREATE", "GUILD_SOUNDBOARD_SOUND_UPDATE",
        "GUILD_SOUNDBOARD_SOUND_DELETE", "GUILD_SOUNDBOARD_SOUNDS_UPDATE");
    add(flags.channels(), "CHANNEL_CREATE", "CHANNEL_UPDATE", "CHANNEL_DELETE", "CHANNEL_PINS_UPDATE",
        "THREAD_CREATE", "THREAD_UPDATE", "THREAD_DELETE", "THREAD_LIST_SYNC");
    add(flags.roles(), "GUILD_ROLE_CREATE", "GUILD_ROLE_UPDATE");
    boolean anyMember = flags.members() || flags.currentMember();
    // A deleted role also leaves every member's roles.
    add(flags.roles() || anyMember, "GUILD_ROLE_DELETE");
    add(anyMember, "GUILD_MEMBER_UPDATE");
    add(flags.members() || flags.presences(), "GUILD_MEMBERS_CHUNK");
    add(flags.presences(), "PRESENCE_UPDATE");
    add(flags.voiceStates(), "VOICE_STATE_UPDATE");
    add(flags.emojis(), "GUILD_EMOJIS_UPDATE");
    add(flags.stickers(), "GUILD_STICKERS_UPDATE");
    add(flags.stageInstances(), "STAGE_INSTANCE_CREATE", "STAGE_INSTANCE_UPDATE", "STAGE_INSTANCE_DELETE");
    add(flags.scheduledEvents(), "GUILD_SCHEDULED_EVENT_CREATE", "GUILD_SCHEDULED_EVENT_UPDATE",
        "GUILD_SCHEDULED_EVENT_DELETE");
  }

  boolean contains(String eventType) {
    return eventType != null && types.contains(eventType);
  }

  private void add(boolean enabled, String... eventTypes) {
    if (enabled) {
      types.addAll(Set.of(eventTypes));
    }
  }
}
