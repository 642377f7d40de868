package io.shardgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.upstream.ReplayWindow;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code replay_window} and {@code checkpoint_interval_ms} keys: defaults, file, environment, validation. */
class ReplayWindowConfigTest {

  private static ShardgateConfig load(JsonObject file, String... envPairs) throws ConfigException {
    return ConfigLoader.load(file, env(envPairs), false);
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static JsonObject withWindow(JsonObject window) {
    return new JsonObject().put("replay_window", window);
  }

  /** The one-line message of a config that must not load. */
  private static String problem(JsonObject file, String... envPairs) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(file, envPairs));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  private static void assertContains(String message, String expected) {
    assertTrue(message.contains(expected), "expected \"" + expected + "\" in: " + message);
  }

  @Test
  void defaults_are_the_replay_window_and_checkpoint_constants() {
    ShardgateConfig config = new ShardgateConfig();

    assertEquals(new ReplayWindowConfig(ReplayWindow.DEFAULT_MAX_FRAMES, ReplayWindow.DEFAULT_MAX_BYTES,
        (int) (ReplayWindow.DEFAULT_MAX_AGE_MS / 1_000)), config.replayWindow());
    assertEquals(50_000, config.replayWindow().maxEvents());
    assertEquals(64L * 1024 * 1024, config.replayWindow().maxBytes());
    assertEquals(300, config.replayWindow().maxAgeSeconds());
    assertEquals(ReplayWindow.DEFAULT_MAX_AGE_MS, config.replayWindow().maxAgeMillis());
    assertEquals(5_000, config.checkpointIntervalMs());
  }

  @Test
  void file_sets_every_bound_and_the_checkpoint_interval() throws Exception {
    JsonObject file = withWindow(new JsonObject()
        .put("max_events", 1_000)
        .put("max_bytes", 8L * 1024 * 1024 * 1024 / 2)
        .put("max_age_seconds", 60))
        .put("checkpoint_interval_ms", 2_000);

    ShardgateConfig config = load(file);

    assertEquals(new ReplayWindowConfig(1_000, 4L * 1024 * 1024 * 1024, 60), config.replayWindow());
    assertEquals(60_000, config.replayWindow().maxAgeMillis());
    assertEquals(2_000, config.checkpointIntervalMs());
    assertEquals(List.of(), config.warnings());
  }

  @Test
  void a_partial_replay_window_keeps_the_other_defaults() throws Exception {
    ShardgateConfig config = load(withWindow(new JsonObject().put("max_age_seconds", 30).putNull("max_events")));

    assertEquals(new ReplayWindowConfig(ReplayWindowConfig.DEFAULT_MAX_EVENTS,
        ReplayWindowConfig.DEFAULT_MAX_BYTES, 30), config.replayWindow());
  }

  @Test
  void env_overrides_nested_bounds_over_the_file_and_sets_the_interval() throws Exception {
    JsonObject file = withWindow(new JsonObject().put("max_events", 1_000).put("max_age_seconds", 60))
        .put("checkpoint_interval_ms", 2_000);

    ShardgateConfig config = load(file,
        "SHARDGATE_REPLAY_WINDOW__MAX_BYTES", " 134217728 ",
        "SHARDGATE_REPLAY_WINDOW__MAX_AGE_SECONDS", "120",
        "SHARDGATE_CHECKPOINT_INTERVAL_MS", "1000");

    assertEquals(new ReplayWindowConfig(1_000, 134_217_728L, 120), config.replayWindow());
    assertEquals(1_000, config.checkpointIntervalMs());
  }

  @Test
  void env_sets_the_whole_window_as_json_and_nested_variables_apply_on_top() throws Exception {
    ShardgateConfig config = load(new JsonObject(),
        "SHARDGATE_REPLAY_WINDOW", "{\"max_events\": 10, \"max_age_seconds\": 10}",
        "SHARDGATE_REPLAY_WINDOW__MAX_EVENTS", "20");

    assertEquals(new ReplayWindowConfig(20, ReplayWindowConfig.DEFAULT_MAX_BYTES, 10), config.replayWindow());
  }

  @Test
  void null_in_the_environment_restores_the_default() throws Exception {
    ShardgateConfig config = load(withWindow(new JsonObject().put("max_events", 10))
        .put("checkpoint_interval_ms", 2_000),
        "SHARDGATE_REPLAY_WINDOW__MAX_EVENTS", "null",
        "SHARDGATE_CHECKPOINT_INTERVAL_MS", "null");

    assertEquals(ReplayWindowConfig.defaults(), config.replayWindow());
    assertEquals(ShardgateConfig.DEFAULT_CHECKPOINT_INTERVAL_MS, config.checkpointIntervalMs());
  }

  @Test
  void a_non_integer_variable_names_the_variable() {
    assertContains(problem(new JsonObject(), "SHARDGATE_REPLAY_WINDOW__MAX_BYTES", "64MiB"),
        "SHARDGATE_REPLAY_WINDOW__MAX_BYTES must be an integer (got \"64MiB\")");
    assertContains(problem(new JsonObject(), "SHARDGATE_CHECKPOINT_INTERVAL_MS", "5s"),
        "SHARDGATE_CHECKPOINT_INTERVAL_MS must be an integer");
  }

  @Test
  void unknown_replay_window_keys_are_warnings_not_errors() throws Exception {
    ShardgateConfig config = load(withWindow(new JsonObject().put("max_frames", 10)),
        "SHARDGATE_REPLAY_WINDOW__MAX_AGE", "5");

    assertEquals(2, config.warnings().size(), config.warnings().toString());
    assertTrue(config.warnings().stream().anyMatch(w -> w.startsWith(
        "SHARDGATE_REPLAY_WINDOW__MAX_AGE ignored: \"max_age\" is not a replay_window key; known keys: "
            + "max_events, max_bytes, max_age_seconds")), config.warnings().toString());
    assertTrue(config.warnings().stream().anyMatch(w -> w.contains("replay_window.max_frames")));
    assertEquals(ReplayWindowConfig.defaults(), config.replayWindow());
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, 1_000_001})
  void max_events_outside_one_to_a_million_is_rejected(long events) {
    assertContains(problem(withWindow(new JsonObject().put("max_events", events))),
        "replay_window.max_events must be an integer between 1 and 1000000");
  }

  @ParameterizedTest
  @ValueSource(longs = {0, -1, 64, 65_535, 4L * 1024 * 1024 * 1024 + 1})
  void max_bytes_in_kib_or_mib_or_beyond_4_gib_is_rejected(long bytes) {
    assertContains(problem(withWindow(new JsonObject().put("max_bytes", bytes))),
        "replay_window.max_bytes must be an integer between 65536 and 4294967296 (bytes, not KiB or MiB");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 300_000})
  void max_age_in_milliseconds_or_below_a_second_is_rejected(int seconds) {
    assertContains(problem(withWindow(new JsonObject().put("max_age_seconds", seconds))),
        "replay_window.max_age_seconds must be an integer between 1 and 3600 (seconds, not milliseconds)");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 5, 499, 60_001, 300_000})
  void checkpoint_interval_in_seconds_or_beyond_a_minute_is_rejected(int millis) {
    assertContains(problem(new JsonObject().put("checkpoint_interval_ms", millis)),
        "checkpoint_interval_ms must be an integer between 500 and 60000 (milliseconds");
  }

  @Test
  void the_interval_bounds_themselves_are_accepted() throws Exception {
    assertEquals(500, load(new JsonObject().put("checkpoint_interval_ms", 500)).checkpointIntervalMs());
    assertEquals(60_000, load(new JsonObject().put("checkpoint_interval_ms", 60_000)).checkpointIntervalMs());
  }

  @Test
  void malformed_replay_window_values_each_get_a_line_naming_their_source() {
    assertContains(problem(new JsonObject().put("replay_window", 50_000)),
        "replay_window must be an object such as {\"max_events\": 50000");
    assertContains(problem(withWindow(new JsonObject().put("max_events", "50000"))),
        "replay_window.max_events must be an integer");
    assertContains(problem(withWindow(new JsonObject().put("max_age_seconds", 1.5))),
        "replay_window.max_age_seconds must be an integer");
    assertContains(problem(new JsonObject(), "SHARDGATE_REPLAY_WINDOW__MAX_AGE_SECONDS", "300000"),
        "replay_window.max_age_seconds (from SHARDGATE_REPLAY_WINDOW__MAX_AGE_SECONDS) must be");
    assertContains(problem(new JsonObject(), "SHARDGATE_CHECKPOINT_INTERVAL_MS", "5"),
        "checkpoint_interval_ms (from SHARDGATE_CHECKPOINT_INTERVAL_MS) must be");
  }

  @Test
  void every_problem_is_reported_at_once() {
    String message = problem(withWindow(new JsonObject().put("max_events", 0).put("max_bytes", 64))
        .put("checkpoint_interval_ms", 5));

    assertContains(message, "replay_window.max_events");
    assertContains(message, "replay_window.max_bytes");
    assertContains(message, "checkpoint_interval_ms");
  }

  @Test
  void to_json_round_trips_the_bounds_and_the_interval() throws Exception {
    ShardgateConfig config = load(withWindow(new JsonObject().put("max_bytes", 1_048_576))
        .put("checkpoint_interval_ms", 750));

    JsonObject json = config.toJson();

    assertEquals(new JsonObject().put("max_events", 50_000).put("max_bytes", 1_048_576L)
        .put("max_age_seconds", 300), json.getJsonObject("replay_window"));
    assertEquals(750, json.getInteger("checkpoint_interval_ms"));
    assertEquals(config, new ShardgateConfig(json));
  }
}
