package io.shardgate.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Checks the {@code replay_window} object for {@link ConfigValidator}. The ranges are wide enough for
 * any real deployment and narrow enough to catch a value written in the wrong unit.
 */
final class ReplayWindowConfigValidator {

  private ReplayWindowConfigValidator() {
  }

  /**
   * Adds the problems and warnings of {@code value} (the {@code replay_window} key, possibly absent).
   *
   * @param label turns a key path into its name in a message (with the variable that set it)
   */
  static void check(Object value, List<String> problems, List<String> warnings,
      UnaryOperator<String> label) {
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonObject window)) {
      problems.add(label.apply("replay_window") + " must be an object such as {\"max_events\": "
          + ReplayWindowConfig.DEFAULT_MAX_EVENTS + ", \"max_bytes\": "
          + ReplayWindowConfig.DEFAULT_MAX_BYTES + ", \"max_age_seconds\": "
          + ReplayWindowConfig.DEFAULT_MAX_AGE_SECONDS + "} (got " + JsonValues.echo(value) + ")");
      return;
    }
    for (String name : window.fieldNames()) {
      if (!ReplayWindowConfig.FIELD_NAMES.contains(name)) {
        warnings.add("unknown key \"replay_window." + name + "\" ignored; known keys of replay_window: "
            + String.join(", ", ReplayWindowConfig.FIELD_NAMES));
      }
    }
    integer(window, "max_events", 1, ReplayWindowConfig.MAX_MAX_EVENTS,
        "(frames kept per shard; each slot is preallocated)", problems, label);
    integer(window, "max_bytes", ReplayWindowConfig.MIN_MAX_BYTES, ReplayWindowConfig.MAX_MAX_BYTES,
        "(bytes, not KiB or MiB: 64 MiB is " + ReplayWindowConfig.DEFAULT_MAX_BYTES + ")", problems,
        label);
    integer(window, "max_age_seconds", 1, ReplayWindowConfig.MAX_MAX_AGE_SECONDS,
        "(seconds, not milliseconds)", problems, label);
  }

  private static void integer(JsonObject window, String key, long min, long max, String unit,
      List<String> problems, UnaryOperator<String> label) {
    Object value = window.getValue(key);
    Long number = JsonValues.integral(value);
    if (value != null && (number == null || number < min || number > max)) {
      problems.add(label.apply("replay_window." + key) + " must be an integer between " + min
          + " and " + max + " " + unit + " (got " + JsonValues.echo(value) + ")");
    }
  }
}
