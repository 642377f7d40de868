package io.shardgate.simulator;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;

/**
 * Allocates real Discord snowflakes for one owner (a guild, or the world itself).
 *
 * <p>Layout: {@code (timestampMs - DISCORD_EPOCH) << 22 | low}. The 22 low bits (worker, process and
 * increment in Discord's scheme) hold the owner's index, so ids of two owners can never collide and
 * the owner of any id is known without a lookup. Within one owner, timestamps strictly increase.
 */
final class SimWorldIds {
  static final long DISCORD_EPOCH_MS = 1_420_070_400_000L;
  static final int TIMESTAMP_SHIFT = 22;
  static final long LOW_MASK = (1L << TIMESTAMP_SHIFT) - 1;
  /** Low bits of ids that belong to no guild: the bot, its application, DM channels and users. */
  static final int WORLD_OWNER = (int) LOW_MASK;
  /** Largest guild index: every other low-bit value is a guild's. */
  static final int MAX_GUILD_INDEX = WORLD_OWNER - 1;

  private final int owner;
  private long lastMs;

  SimWorldIds(int owner, long startMs) {
    this.owner = owner;
    this.lastMs = startMs;
  }

  /** An id created at {@code atLeastMs}, or just after the previous one if that is later. */
  String next(long atLeastMs) {
    lastMs = Math.max(lastMs + 1, atLeastMs);
    return Long.toString(snowflake(lastMs, owner));
  }

  /** An id created a random 1..maxGapMs after the previous one (to spread a guild's history). */
  String nextAfterGap(Random random, long maxGapMs) {
    return next(lastMs + 1 + (long) (random.nextDouble() * Math.max(0, maxGapMs - 1)));
  }

  long lastMillis() {
    return lastMs;
  }

  static long snowflake(long timestampMs, long low) {
    return ((timestampMs - DISCORD_EPOCH_MS) << TIMESTAMP_SHIFT) | (low & LOW_MASK);
  }

  static long millisOf(String snowflake) {
    return (Long.parseLong(snowflake) >>> TIMESTAMP_SHIFT) + DISCORD_EPOCH_MS;
  }

  static int ownerOf(String snowflake) {
    return (int) (Long.parseLong(snowflake) & LOW_MASK);
  }

  /**
   * Discord's ISO 8601 form: {@code 2021-04-12T23:40:39.855000+00:00}. Hand-built because
   * DateTimeFormatter costs microseconds and a large guild needs thousands of timestamps.
   */
  static String iso(long epochMs) {
    LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMs, 1000), 0, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(32).append(time.getYear()).append('-');
    pad(text, time.getMonthValue(), 2).append('-');
    pad(text, time.getDayOfMonth(), 2).append('T');
    pad(text, time.getHour(), 2).append(':');
    pad(text, time.getMinute(), 2).append(':');
    pad(text, time.getSecond(), 2).append('.');
    return pad(text, Math.floorMod(epochMs, 1000), 3).append("000+00:00").toString();
  }

  private static StringBuilder pad(StringBuilder text, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      text.append('0');
    }
    return text.append(digits);
  }
}
