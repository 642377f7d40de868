package io.shardgate;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} and {@code --name=value} command-line flags. */
final class Flags {

  private Flags() {
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> flags = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument \"" + arg + "\"");
      }
      int equals = arg.indexOf('=');
      if (equals > 0) {
        flags.put(arg.substring(2, equals), arg.substring(equals + 1));
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        flags.put(arg.substring(2), args[++i]);
      } else {
        flags.put(arg.substring(2), "true");
      }
    }
    return flags;
  }
}
