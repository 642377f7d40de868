package io.shardgate.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Builds random, valid gateway payloads meant to trip an envelope scanner: any key order, any
 * whitespace, decoy {@code s}/{@code t}/{@code op}/{@code d} keys nested in {@code d}, and strings full
 * of escaped quotes, backslashes, unicode escapes and brackets.
 */
final class RandomPayloads {

  private static final String[] WHITESPACE = {"", "", "", " ", "\n", "\t", "\r\n", "  \t "};
  private static final String[] EVENT_NAMES = {
      "MESSAGE_CREATE", "GUILD_CREATE", "READY", "RESUMED", "PRESENCE_UPDATE", "TYPING_START",
      "MESSAGE\\u005fUPDATE", "\\u0047UILD_DELETE", "ÉVÉNEMENT", "EMOJI_😀", "WITH\\\"QUOTE", ""};
  private static final String[] EXTRA_KEYS = {"so", "top", "dd", "sequence", "", "S", "T", "D", "OP", "o p",
      "\\u0073s", "s\\\"", "\\\\s"};
  private static final String[] NESTED_KEYS = {"s", "t", "op", "d", "id", "content", "\\\"s\\\"", "\\u0073",
      "seq", ""};
  private static final String[] STRING_PIECES = {
      "\\\"s\\\":5", "\\\"t\\\":\\\"X\\\"", "\\\"op\\\":0", "\\\\", "\\\\\\\"", "\\u0022", "\\u0073", "\\uD83D\\uDE00",
      "é", "😀", "}", "{", "]", "[", ",", ":", "\\n", "\\t", "\\/", "\\b\\f\\r", "hello", " ", "s", "\\\\u0022"};

  private final Random random;

  RandomPayloads(Random random) {
    this.random = random;
  }

  String payload() {
    List<String> members = new ArrayList<>();
    if (chance(90)) {
      members.add(member("\"op\"", Integer.toString(pick(new int[] {0, 1, 7, 9, 10, 11, random.nextInt(100),
          Integer.MAX_VALUE}))));
    }
    if (chance(85)) {
      members.add(member("\"s\"", chance(20) ? "null" : Long.toString(sequence())));
    }
    if (chance(85)) {
      members.add(member("\"t\"", chance(20) ? "null" : "\"" + EVENT_NAMES[random.nextInt(EVENT_NAMES.length)] + "\""));
    }
    if (chance(90)) {
      members.add(member("\"d\"", value(0)));
    }
    List<String> extras = new ArrayList<>(List.of(EXTRA_KEYS));
    Collections.shuffle(extras, random);
    for (int i = random.nextInt(4); i > 0; i--) {
      members.add(member("\"" + extras.remove(0) + "\"", value(1)));
    }
    Collections.shuffle(members, random);
    StringBuilder json = new StringBuilder(ws()).append('{').append(ws());
    for (int i = 0; i < members.size(); i++) {
      json.append(i == 0 ? "" : ws() + "," + ws()).append(members.get(i));
    }
    return json.append(ws()).append('}').append(ws()).toString();
  }

  long sequence() {
    switch (random.nextInt(4)) {
      case 0: return random.nextInt(10);
      case 1: return random.nextInt(1_000_000);
      case 2: return Long.MAX_VALUE - random.nextInt(3);
      default: return random.nextLong() & Long.MAX_VALUE;
    }
  }

  private String member(String key, String value) {
    return key + ws() + ":" + ws() + value;
  }

  private String value(int depth) {
    int kind = random.nextInt(depth > 4 ? 4 : 6);
    switch (kind) {
      case 0: return string();
      case 1: return number();
      case 2: return new String[] {"true", "false", "null"}[random.nextInt(3)];
      case 3: return chance(50) ? string() : number();
      case 4: return object(depth + 1);
      default: return array(depth + 1);
    }
  }

  private String object(int depth) {
    StringBuilder json = new StringBuilder("{").append(ws());
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      String key = NESTED_KEYS[random.nextInt(NESTED_KEYS.length)];
      json.append(i == 0 ? "" : ws() + "," + ws()).append(member("\"" + key + "\"", value(depth)));
    }
    return json.append(ws()).append('}').toString();
  }

  private String array(int depth) {
    StringBuilder json = new StringBuilder("[").append(ws());
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      json.append(i == 0 ? "" : ws() + "," + ws()).append(value(depth));
    }
    return json.append(ws()).append(']').toString();
  }

  private String string() {
    StringBuilder json = new StringBuilder("\"");
    for (int i = random.nextInt(6); i > 0; i--) {
      json.append(STRING_PIECES[random.nextInt(STRING_PIECES.length)]);
    }
    return json.append('"').toString();
  }

  private String number() {
    StringBuilder json = new StringBuilder(chance(30) ? "-" : "");
    if (chance(20)) {
      json.append('0');
    } else {
      json.append(1 + (random.nextLong() & Long.MAX_VALUE) % 99_999_999_999L);
      if (chance(5)) {
        json.append("123456789012345678901234567890".substring(random.nextInt(20))); // beyond long range
      }
    }
    if (chance(30)) {
      json.append('.').append(random.nextInt(1000));
    }
    if (chance(20)) {
      json.append(chance(50) ? 'e' : 'E').append(new String[] {"", "+", "-"}[random.nextInt(3)])
          .append(random.nextInt(300));
    }
    return json.toString();
  }

  private String ws() {
    return WHITESPACE[random.nextInt(WHITESPACE.length)];
  }

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private int pick(int[] values) {
    return values[random.nextInt(values.length)];
  }
}
