package io.shardgate.simulator;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Discord lets a bot request ALL members of a guild (op 8 with query "" and limit 0) once per guild
 * per 30 s; the excess gets a RATE_LIMITED dispatch instead of chunks. Keyed per guild (guilds belong
 * to one shard, so this is per shard too). Event-loop confined.
 */
final class SimMemberRequestLimiter {
  static final long WINDOW_MS = 30_000;

  private final Clock clock;
  private final Map<String, Long> lastFullRequestPerGuild = new HashMap<>();

  SimMemberRequestLimiter(Clock clock) {
    this.clock = clock;
  }

  /** 0 when the request may go ahead (and is recorded), else the milliseconds left to wait. */
  long retryAfterMs(String guildId) {
    long now = clock.millis();
    Long last = lastFullRequestPerGuild.get(guildId);
    if (last != null && now - last < WINDOW_MS) {
      return WINDOW_MS - (now - last);
    }
    lastFullRequestPerGuild.put(guildId, now);
    return 0;
  }
}
