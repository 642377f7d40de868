package io.shardgate.downstream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Compares a client's token with the bot's in constant time; a {@code Bot } prefix is allowed. */
final class TokenCheck {

  private static final String BOT_PREFIX = "Bot ";

  private final byte[] expected;

  /** @param token the bot token, or null to accept any token */
  TokenCheck(String token) {
    this.expected = token == null ? null : strip(token).getBytes(StandardCharsets.UTF_8);
  }

  boolean accepts(Object presented) {
    if (expected == null) {
      return true;
    }
    if (!(presented instanceof String token)) {
      return false;
    }
    // MessageDigest.isEqual does not return early on the first differing byte.
    return MessageDigest.isEqual(expected, strip(token).getBytes(StandardCharsets.UTF_8));
  }

  private static String strip(String token) {
    return token.startsWith(BOT_PREFIX) ? token.substring(BOT_PREFIX.length()) : token;
  }
}
