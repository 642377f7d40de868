package io.shardgate.simulator;

import java.util.List;
import java.util.Random;

/** Word lists and random human-looking strings: names, hashes, message text. */
final class SimWorldNames {
  private static final List<String> ADJECTIVES = List.of(
      "quiet", "brave", "sleepy", "cosmic", "rusty", "lucky", "fuzzy", "silent", "golden", "tiny",
      "swift", "crimson", "frosty", "mellow", "wild", "clever", "salty", "neon", "ancient", "happy");
  private static final List<String> NOUNS = List.of(
      "otter", "falcon", "pixel", "comet", "badger", "lantern", "maple", "wizard", "pancake", "river",
      "cactus", "dragon", "meadow", "robot", "tiger", "harbor", "koala", "nebula", "panda", "sparrow");
  private static final List<String> GUILD_THEMES = List.of(
      "Gaming", "Study Group", "Dev Hub", "Art Club", "Book Nook", "Music Lounge", "Speedrunners",
      "Homelab", "Anime Corner", "Chess Club", "Photography", "Language Exchange", "Modding", "Esports");
  private static final List<String> TEXT_CHANNELS = List.of(
      "general", "off-topic", "memes", "announcements", "help", "showcase", "bot-commands", "media",
      "introductions", "suggestions", "clips", "resources", "random", "feedback", "events", "lfg");
  private static final List<String> VOICE_CHANNELS = List.of(
      "General", "Gaming", "Chill", "Music", "Study", "AFK", "Lounge", "Duo", "Squad", "Podcast");
  private static final List<String> CATEGORIES = List.of(
      "Information", "Community", "Text Channels", "Voice Channels", "Staff", "Events", "Projects");
  private static final List<String> ROLES = List.of(
      "Moderator", "Admin", "Member", "Regular", "VIP", "Booster", "Helper", "Artist", "Developer",
      "Event Host", "Muted", "Verified", "Streamer", "Veteran", "Newbie", "DJ");
  private static final List<String> WORDS = List.of(
      "hello", "anyone", "here", "tonight", "game", "build", "patch", "lol", "nice", "thanks", "does",
      "know", "how", "to", "fix", "this", "server", "update", "just", "shipped", "the", "new", "map",
      "who", "wants", "play", "later", "gg", "that", "was", "close", "check", "out", "my", "clip");
  private static final List<String> GAMES = List.of(
      "Minecraft", "Rocket League", "Stardew Valley", "Valorant", "Factorio", "Celeste", "Terraria",
      "Hades", "Overwatch 2", "Elden Ring", "Hollow Knight", "Among Us", "Fortnite", "Dota 2");
  private static final List<String> UNICODE_EMOJIS = List.of(
      "\uD83D\uDE00", "\uD83C\uDF89", "\uD83D\uDD25", "\uD83D\uDC4B", "\u2B50", "\uD83C\uDFAE",
      "\uD83C\uDFB5", "\uD83D\uDCDA", "\uD83D\uDE80", "\uD83C\uDF55");
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int MESSAGE_MAX_WORDS = 12;

  private SimWorldNames() {
  }

  static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  static String guildName(Random random) {
    return capitalize(pick(random, ADJECTIVES)) + " " + capitalize(pick(random, NOUNS)) + " "
        + pick(random, GUILD_THEMES);
  }

  /** A new-style (lowercase, unique by serial) username such as {@code quietotter_42}. */
  static String username(Random random, int serial) {
    return pick(random, ADJECTIVES) + pick(random, NOUNS) + "_" + serial;
  }

  static String globalName(Random random) {
    return capitalize(pick(random, ADJECTIVES)) + " " + capitalize(pick(random, NOUNS));
  }

  static String textChannelName(Random random) {
    return pick(random, TEXT_CHANNELS);
  }

  static String voiceChannelName(Random random) {
    return pick(random, VOICE_CHANNELS);
  }

  static String categoryName(Random random) {
    return pick(random, CATEGORIES);
  }

  static String roleName(Random random) {
    return pick(random, ROLES);
  }

  static String threadName(Random random) {
    return capitalize(words(random, 2 + random.nextInt(3)));
  }

  static String emojiName(Random random) {
    return pick(random, ADJECTIVES) + "_" + pick(random, NOUNS);
  }

  static String game(Random random) {
    return pick(random, GAMES);
  }

  static String unicodeEmoji(Random random) {
    return pick(random, UNICODE_EMOJIS);
  }

  static String messageContent(Random random) {
    return words(random, 1 + random.nextInt(MESSAGE_MAX_WORDS));
  }

  static String words(Random random, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(pick(random, WORDS));
    }
    return text.toString();
  }

  /** An image or session hash: {@code length} lowercase hex digits. */
  static String hex(Random random, int length) {
    char[] digits = new char[length];
    for (int i = 0; i < length; i++) {
      digits[i] = HEX[random.nextInt(HEX.length)];
    }
    return new String(digits);
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
