package io.shardgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final String TOKEN = "MTIzNDU2Nzg5.secret-token-value";
  private static final String[] NO_ARGS = {};

  @TempDir
  Path dir;

  /** The keys gateway-proxy requires, so that a test varies only what it is about. */
  private static JsonObject required() {
    return new JsonObject()
        .put("token", TOKEN)
        .put("intents", 32511)
        .put("externally_accessible_url", "ws://localhost:7878");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void file_overrides_defaults() throws Exception {
    write("config.json", required().put("port", 9000).put("backpressure", 5)
        .put("cache", new JsonObject().put("members", true)).encodePrettily());

    ShardgateConfig config = ConfigLoader.load(NO_ARGS, Map.of(), dir);

    assertEquals(9000, config.port());
    assertEquals(5, config.backpressure());
    assertTrue(config.cache().members());
    assertTrue(config.cache().channels(), "absent flags keep defaults");
    assertEquals(32511L, config.intents());
    assertEquals(TOKEN, config.token());
    assertEquals("online", config.status());
  }

  @Test
  void env_overrides_file() throws Exception {
    JsonObject file = required().put("port", 9000).put("shards", 4).put("status", "idle")
        .put("validate_token", true).put("twilight_http_proxy", "proxy:3000");

    ShardgateConfig config = ConfigLoader.load(file, env(
        "SHARDGATE_PORT", "9100",
        "SHARDGATE_SHARDS", "null",
        "SHARDGATE_STATUS", "dnd",
        "SHARDGATE_VALIDATE_TOKEN", "FALSE",
        "SHARDGATE_INTENTS", "513",
        "SHARDGATE_LOG_LEVEL", "debug",
        "SHARDGATE_TWILIGHT_HTTP_PROXY", "",
        "SHARDGATE_API_BASE_URL", "http://127.0.0.1:1234/api/v10"));

    assertEquals(9100, config.port());
    assertEquals(OptionalInt.empty(), config.shards(), "null unsets the key");
    assertEquals("dnd", config.status());
    assertFalse(config.validateToken());
    assertEquals(513L, config.intents());
    assertEquals("debug", config.logLevel());
    assertTrue(config.twilightHttpProxy().isEmpty(), "an empty value unsets an optional string");
    assertEquals("http://127.0.0.1:1234/api/v10", config.restBaseUrl());
  }

  @Test
  void env_overrides_nested_cache_flags() throws Exception {
    JsonObject file = required().put("cache", new JsonObject().put("members", false));

    CacheConfig cache = ConfigLoader.load(file, env(
        "SHARDGATE_CACHE__MEMBERS", "true",
        "SHARDGATE_CACHE__VOICE_STATES", "true",
        "SHARDGATE_CACHE__CHANNELS", "false")).cache();

    assertTrue(cache.members());
    assertTrue(cache.voiceStates());
    assertFalse(cache.channels());
    assertTrue(cache.roles());
  }

  @Test
  void env_sets_a_whole_json_activity_then_nested_keys_override_it() throws Exception {
    ShardgateConfig config = ConfigLoader.load(required(), env(
        "SHARDGATE_ACTIVITY", "{\"type\":0,\"name\":\"x on {{shard}}\"}",
        "SHARDGATE_ACTIVITY__TYPE", "3"));

    assertEquals(new JsonObject().put("type", 3).put("name", "x on {{shard}}"), config.activity());
    assertEquals("x on 5", config.presenceFor(5).getJsonArray("activities").getJsonObject(0)
        .getString("name"));
  }

  @Test
  void env_activity_name_alone_creates_the_activity() throws Exception {
    ShardgateConfig config = ConfigLoader.load(required(), env("SHARDGATE_ACTIVITY__NAME", "hi"));

    assertEquals("hi", config.activity().getString("name"));
  }

  @Test
  void env_cache_as_json_object() throws Exception {
    CacheConfig cache = ConfigLoader.load(required(),
        env("SHARDGATE_CACHE", "{\"presences\": true}")).cache();

    assertTrue(cache.presences());
  }

  @Test
  void token_falls_back_to_token_env_when_file_and_shardgate_token_are_unset() throws Exception {
    JsonObject file = required();
    file.remove("token");

    assertEquals("from-env", ConfigLoader.load(file, env("TOKEN", "from-env\n")).token());
    assertEquals("from-env",
        ConfigLoader.load(file.copy().put("token", ""), env("TOKEN", "from-env")).token(),
        "gateway-proxy's example config has \"token\": \"\"");
  }

  @Test
  void token_env_does_not_override_a_configured_token() throws Exception {
    assertEquals(TOKEN, ConfigLoader.load(required(), env("TOKEN", "other")).token());
    assertEquals("shardgate-token", ConfigLoader.load(required(),
        env("TOKEN", "other", "SHARDGATE_TOKEN", "shardgate-token")).token());
  }

  @Test
  void missing_token_everywhere_is_an_error_unless_not_required() throws Exception {
    JsonObject file = required();
    file.remove("token");

    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env()));
    assertEquals(ConfigValidator.TOKEN_MISSING, e.getMessage());
    assertNull(ConfigLoader.load(file, env(), false).token());
  }

  @Test
  void offline_load_without_any_file_uses_defaults_and_env() throws Exception {
    ShardgateConfig config = ConfigLoader.load(NO_ARGS, env("SHARDGATE_PORT", "0"), dir, false);

    assertEquals(0, config.port());
    assertNull(config.token());
    assertEquals(new ShardgateConfig(new JsonObject().put("port", 0)), config);
  }

  @Test
  void bad_env_value_names_the_variable() {
    assertEnvProblem("SHARDGATE_PORT", "abc", "SHARDGATE_PORT must be an integer (got \"abc\")");
    assertEnvProblem("SHARDGATE_INTENTS", "1.5", "SHARDGATE_INTENTS must be an integer");
    assertEnvProblem("SHARDGATE_VALIDATE_TOKEN", "yes", "SHARDGATE_VALIDATE_TOKEN must be true or "
        + "false");
    assertEnvProblem("SHARDGATE_CACHE__MEMBERS", "1", "SHARDGATE_CACHE__MEMBERS must be true or "
        + "false");
    assertEnvProblem("SHARDGATE_ACTIVITY", "{\"type\":0,", "SHARDGATE_ACTIVITY:1:");
    assertEnvProblem("SHARDGATE_ACTIVITY", "[1]", "SHARDGATE_ACTIVITY:1:1: the top level must be");
  }

  @Test
  void env_value_out_of_range_names_key_and_variable() {
    assertEnvProblem("SHARDGATE_PORT", "70000", "port (from SHARDGATE_PORT) must be an integer");
    assertEnvProblem("SHARDGATE_ACTIVITY__TYPE", "9", "activity.type (from SHARDGATE_ACTIVITY__TYPE)");
  }

  private static void assertEnvProblem(String variable, String value, String expectedPart) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(required(), env(variable, value)));
    assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
  }

  @Test
  void unrelated_shardgate_variables_are_ignored() throws Exception {
    ShardgateConfig config = ConfigLoader.load(required(), env(
        "SHARDGATE_CONFIG", "/nowhere.json",
        "SHARDGATE_CLUSTER_MEMBERS", "a,b",
        "HOME", "/root"));

    assertEquals(ConfigLoader.load(required(), env()), config);
    assertTrue(config.warnings().isEmpty(), config.warnings().toString());
  }

  @Test
  void nested_variable_for_a_scalar_key_or_unknown_cache_flag_is_a_warning() throws Exception {
    ShardgateConfig config = ConfigLoader.load(required(), env(
        "SHARDGATE_PORT__X", "1",
        "SHARDGATE_CACHE__MEMBRES", "true"));

    assertEquals(2, config.warnings().size(), config.warnings().toString());
    assertTrue(config.warnings().get(0).startsWith("SHARDGATE_PORT__X ignored"));
    assertTrue(config.warnings().get(1).startsWith("SHARDGATE_CACHE__MEMBRES ignored"));
  }

  @Test
  void unknown_file_keys_are_warnings_like_serde_ignoring_them() throws Exception {
    write("config.json", required().put("prot", 9000).put("future_option", true).encode());

    ShardgateConfig config = ConfigLoader.load(NO_ARGS, env(), dir);

    assertEquals(7878, config.port());
    assertEquals(2, config.warnings().size());
    assertTrue(config.warnings().get(0).contains("\"prot\""), config.warnings().get(0));
  }

  @Test
  void malformed_json_reports_file_line_and_column() throws Exception {
    write("config.json", "{\n  \"intents\": 1,\n  \"port\": 78 78\n}\n");

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(NO_ARGS, env(), dir));

    assertTrue(e.getMessage().startsWith("config.json:3:"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void malformed_json_column_points_at_the_error() throws Exception {
    write("config.json", "{\n  \"intents\": 1,\n  \"port\": x\n}");

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(NO_ARGS, env(), dir));

    assertTrue(e.getMessage().matches("config\\.json:3:1[0-2]: .*"), e.getMessage());
  }

  @Test
  void malformed_json_never_echoes_an_unquoted_token() throws Exception {
    write("config.json", "{\"token\": MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.abcdef.ghijklmnop}");

    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(NO_ARGS, env(), dir));

    assertTrue(e.getMessage().startsWith("config.json:1:"), e.getMessage());
    assertFalse(e.getMessage().contains("MTIzNDU2Nzg5MDEy"), e.getMessage());
  }

  @Test
  void duplicate_keys_and_non_object_files_are_errors() throws Exception {
    write("dup.json", "{\"port\": 1,\n \"port\": 2}");
    write("array.json", "[]");
    write("empty.json", "  ");

    assertTrue(loadError("--config", "dup.json").startsWith("dup.json (from --config):2:"));
    assertTrue(loadError("--config", "array.json").contains("must be a JSON object"));
    assertTrue(loadError("--config", "empty.json").contains("empty"));
  }

  @Test
  void config_argument_wins_over_env_and_default_file() throws Exception {
    write("config.json", required().put("port", 1).encode());
    write("env.json", required().put("port", 2).encode());
    write("arg.json", required().put("port", 3).encode());

    assertEquals(3, ConfigLoader.load(new String[] {"--config", "arg.json"},
        env("SHARDGATE_CONFIG", "env.json"), dir).port());
    assertEquals(3, ConfigLoader.load(new String[] {"--offline", "--config=arg.json"},
        env("SHARDGATE_CONFIG", "env.json"), dir).port());
    assertEquals(2, ConfigLoader.load(NO_ARGS, env("SHARDGATE_CONFIG", "env.json"), dir).port());
    assertEquals(1, ConfigLoader.load(NO_ARGS, env(), dir).port());
  }

  @Test
  void absolute_config_path_is_used_as_is() throws Exception {
    Path file = write("abs.json", required().put("port", 4).encode());

    assertEquals(4, ConfigLoader.load(new String[] {"--config", file.toString()}, env(),
        Path.of("/nonexistent")).port());
  }

  @Test
  void missing_explicit_file_is_an_error_naming_it() {
    assertTrue(loadError("--config", "nope.json").startsWith("nope.json (from --config): no such"));
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(NO_ARGS, env("SHARDGATE_CONFIG", "gone.json"), dir));
    assertTrue(e.getMessage().startsWith("gone.json (from SHARDGATE_CONFIG): no such"));
    assertTrue(loadError("--config").startsWith("--config needs a path"));
  }

  @Test
  void oversized_file_is_rejected() throws Exception {
    write("big.json", "{\"x\": \"" + "a".repeat((int) ConfigFileReader.MAX_CONFIG_FILE_BYTES)
        + "\"}");

    assertTrue(loadError("--config", "big.json").contains("too large"));
  }

  @Test
  void loaded_config_never_prints_the_token() throws Exception {
    ShardgateConfig config = ConfigLoader.load(required(), env());

    assertFalse(config.toString().contains(TOKEN));
    assertFalse(config.toJson().encode().contains(TOKEN));
  }

  private String loadError(String... args) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(args, env(), dir))
        .getMessage();
  }
}
