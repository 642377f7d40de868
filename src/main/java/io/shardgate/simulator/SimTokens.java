package io.shardgate.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Token checks as Discord does them: raw token or "Bot " prefix, compared in constant time. */
final class SimTokens {
  private static final String BOT_PREFIX = "Bot ";

  private SimTokens() {
  }

  static boolean matches(String presented, String expected) {
    if (presented == null) {
      return false;
    }
    String raw = presented.startsWith(BOT_PREFIX) ? presented.substring(BOT_PREFIX.length()) : presented;
    return MessageDigest.isEqual(raw.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
