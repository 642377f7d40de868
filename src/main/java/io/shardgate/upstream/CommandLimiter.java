package io.shardgate.upstream;

/**
 * Discord's gateway command limit: at most {@code limit} payloads per rolling {@code periodMs} on one
 * connection, else close 4008. A few slots stay reserved for heartbeats, which must never wait.
 * A ring of the last {@code limit} send times answers "how long until the next slot" in O(1).
 * Not thread-safe: used from the shard's context only.
 */
public final class CommandLimiter {

  public static final int DISCORD_LIMIT = 120;
  public static final long DISCORD_PERIOD_MS = 60_000;

  private final int limit;
  private final long periodMs;
  private final int heartbeatReserve;
  private final long[] sentAt;
  private int next;
  private int size;

  public CommandLimiter(int limit, long periodMs, int heartbeatReserve) {
    if (heartbeatReserve < 0 || heartbeatReserve >= limit) {
      throw new IllegalArgumentException("heartbeat reserve must be in [0, " + limit + ")");
    }
    this.limit = limit;
    this.periodMs = periodMs;
    this.heartbeatReserve = heartbeatReserve;
    this.sentAt = new long[limit];
  }

  /** Discord's 120/60 s with room for the heartbeats an interval of {@code heartbeatIntervalMs} needs. */
  public static CommandLimiter forHeartbeatInterval(long heartbeatIntervalMs) {
    int beats = (int) Math.ceil((double) DISCORD_PERIOD_MS / Math.max(1, heartbeatIntervalMs)) + 1;
    return new CommandLimiter(DISCORD_LIMIT, DISCORD_PERIOD_MS, Math.min(beats, DISCORD_LIMIT / 2));
  }

  /** Milliseconds until a command (not a heartbeat) may be sent; 0 means now. */
  public long delayMillis(long nowMs) {
    int allowed = limit - heartbeatReserve;
    int inWindow = sentInWindow(nowMs);
    if (inWindow < allowed) {
      return 0;
    }
    // The slot frees when the send that made the window full ages out of it.
    long blocking = nthNewest(allowed - 1);
    return Math.max(1, blocking + periodMs - nowMs);
  }

  /** Records a payload sent now (commands and heartbeats alike: Discord counts both). */
  public void record(long nowMs) {
    sentAt[next] = nowMs;
    next = (next + 1) % limit;
    size = Math.min(size + 1, limit);
  }

  public int sentInWindow(long nowMs) {
    int count = 0;
    for (int i = 0; i < size; i++) {
      if (nthNewest(i) > nowMs - periodMs) {
        count++;
      } else {
        break;
      }
    }
    return count;
  }

  public int userCommandCapacity() {
    return limit - heartbeatReserve;
  }

  private long nthNewest(int n) {
    return sentAt[Math.floorMod(next - 1 - n, limit)];
  }
}
