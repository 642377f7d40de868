package io.shardgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValidatorTest {

  private static final String TOKEN = "MTIzNDU2Nzg5.secret-token-value";

  /** A config that passes with the token required; each test breaks one thing. */
  private static JsonObject valid() {
    return new JsonObject()
        .put("token", TOKEN)
        .put("intents", 32511)
        .put("externally_accessible_url", "ws://localhost:7878");
  }

  private static String problem(JsonObject config) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigValidator.validate(config, true));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertFalse(e.getMessage().contains(TOKEN), "never the token: " + e.getMessage());
    return e.getMessage();
  }

  private static void assertProblem(JsonObject config, String... expectedParts) {
    String message = problem(config);
    for (String part : expectedParts) {
      assertTrue(message.contains(part), "expected \"" + part + "\" in: " + message);
    }
  }

  @Test
  void valid_config_passes() throws ConfigException {
    ConfigValidator.validate(valid(), true);
  }

  @Test
  void missing_token_says_where_to_set_it() {
    assertEquals("token is missing: set \"token\" in config.json or the TOKEN environment variable",
        problem(valid().put("token", "")));
    assertEquals(ConfigValidator.TOKEN_MISSING, problem(copyWithout("token")));
  }

  @Test
  void missing_token_is_allowed_when_not_required() throws ConfigException {
    ConfigValidator.validate(new JsonObject(), false);
  }

  @Test
  void non_string_token_is_rejected_without_echoing_it() {
    assertProblem(valid().put("token", 12345678901L), "token must be a string");
  }

  @Test
  void missing_intents_is_required_like_gateway_proxy() {
    assertProblem(copyWithout("intents"), "intents is missing", "SHARDGATE_INTENTS");
  }

  @Test
  void missing_externally_accessible_url_is_required_like_gateway_proxy() {
    assertProblem(copyWithout("externally_accessible_url"), "externally_accessible_url is missing");
  }

  @Test
  void state_file_must_be_a_path_or_null() throws ConfigException {
    assertProblem(valid().put("state_file", " "), "state_file must be a file path");
    assertProblem(valid().put("state_file", 5), "state_file must be a file path", "(got 5)");
    ConfigValidator.validate(valid().put("state_file", (Object) null), true);
    ConfigValidator.validate(valid().put("state_file", "/var/lib/shardgate/state.gz"), true);
  }

  @Test
  void negative_intents() {
    assertProblem(valid().put("intents", -1), "intents", "(got -1)");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 65536, 70000})
  void port_out_of_range(int port) {
    assertProblem(valid().put("port", port), "port must be an integer between 0 and 65535",
        "(got " + port + ")");
  }

  @Test
  void port_of_wrong_type() {
    assertProblem(valid().put("port", "7878"), "port must be an integer", "(got \"7878\")");
    assertProblem(valid().put("port", 7878.5), "port must be an integer");
  }

  @Test
  void shards_below_one() {
    assertProblem(valid().put("shards", 0), "shards must be an integer >= 1", "(got 0)");
  }

  @Test
  void negative_shard_start() {
    assertProblem(valid().put("shard_start", -1), "shard_start must be an integer >= 0");
  }

  @Test
  void shard_end_not_greater_than_shard_start() {
    assertProblem(valid().put("shard_start", 16).put("shard_end", 12),
        "shard_end (12) must be greater than shard_start (16)");
    assertProblem(valid().put("shard_start", 4).put("shard_end", 4),
        "shard_end (4) must be greater than shard_start (4)");
  }

  @Test
  void shard_end_beyond_shards() {
    assertProblem(valid().put("shards", 16).put("shard_end", 20),
        "shard_end (20) must not exceed shards (16)");
  }

  @Test
  void shard_start_at_or_beyond_shards() {
    assertProblem(valid().put("shards", 16).put("shard_start", 16),
        "shard_start (16) must be less than shards (16)");
  }

  @Test
  void unknown_status_lists_the_allowed_ones() {
    assertProblem(valid().put("status", "busy"), "status must be one of online, dnd, idle, "
        + "invisible, offline (got \"busy\")");
  }

  @Test
  void backpressure_below_one() {
    assertProblem(valid().put("backpressure", 0), "backpressure must be an integer >= 1");
  }

  @Test
  void validate_token_must_be_boolean() {
    assertProblem(valid().put("validate_token", "yes"), "validate_token must be true or false");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:7878", "localhost:7878", "wss://", "ws//x"})
  void externally_accessible_url_must_be_ws_or_wss(String url) {
    assertProblem(valid().put("externally_accessible_url", url),
        "externally_accessible_url must be a ws:// or wss:// URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ws://localhost:7878", "wss://gateway.example.com", "WSS://gw.example"})
  void externally_accessible_url_accepts_ws_and_wss(String url) throws ConfigException {
    ConfigValidator.validate(valid().put("externally_accessible_url", url), true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://proxy:3000", "proxy", "proxy:", ":3000", "proxy:0", "proxy:99999",
      "proxy:3000/api"})
  void twilight_http_proxy_must_be_host_port(String proxy) {
    assertProblem(valid().put("twilight_http_proxy", proxy), "twilight_http_proxy must be "
        + "\"host:port\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"proxy:3000", "127.0.0.1:80", "[::1]:8080", "http-proxy.svc.local:3000"})
  void twilight_http_proxy_accepts_host_port(String proxy) throws ConfigException {
    ConfigValidator.validate(valid().put("twilight_http_proxy", proxy), true);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 6, 9})
  void activity_type_outside_zero_to_five(int type) {
    assertProblem(valid().put("activity", new JsonObject().put("type", type).put("name", "x")),
        "activity.type must be 0-5", "(got " + type + ")");
  }

  @Test
  void activity_without_name() {
    assertProblem(valid().put("activity", new JsonObject().put("type", 0)),
        "activity.name is missing");
    assertProblem(valid().put("activity", new JsonObject().put("name", " ")),
        "activity.name is missing");
  }

  @Test
  void activity_must_be_an_object() {
    assertProblem(valid().put("activity", "playing"), "activity must be an object");
  }

  @Test
  void cache_flag_must_be_boolean() {
    assertProblem(valid().put("cache", new JsonObject().put("members", "yes")),
        "cache.members must be true or false");
    assertProblem(valid().put("cache", true), "cache must be an object");
  }

  @Test
  void api_base_url_must_be_http_or_https() {
    assertProblem(valid().put("api_base_url", "discord.com/api"), "api_base_url must be an http://");
  }

  @Test
  void log_level_of_wrong_type_is_a_problem_but_an_unknown_name_only_a_warning() {
    assertProblem(valid().put("log_level", 3), "log_level must be a string");

    ConfigValidator.Report report = ConfigValidator.check(valid().put("log_level", "loud"), true,
        Map.of());
    assertTrue(report.ok());
    assertTrue(report.warnings().get(0).contains("log_level \"loud\""), report.warnings().get(0));
  }

  @Test
  void unknown_keys_and_cache_flags_are_warnings_not_problems() {
    ConfigValidator.Report report = ConfigValidator.check(valid().put("prot", 1)
        .put("cache", new JsonObject().put("member", true)), true, Map.of());

    assertTrue(report.ok(), report.problems().toString());
    assertEquals(2, report.warnings().size(), report.warnings().toString());
    assertTrue(report.warnings().get(0).contains("unknown key \"prot\""));
    assertTrue(report.warnings().get(1).contains("unknown cache flag \"member\""));
  }

  @Test
  void all_problems_are_reported_on_one_line() {
    String message = problem(valid().put("port", -5).put("status", "busy"));

    assertTrue(message.contains("port") && message.contains("status"), message);
  }

  @Test
  void problem_names_the_environment_variable_that_set_the_key() {
    ConfigValidator.Report report = ConfigValidator.check(valid().put("port", 70000), true,
        Map.of("port", "SHARDGATE_PORT"));

    assertEquals(List.of("port (from SHARDGATE_PORT) must be an integer between 0 and 65535 "
        + "(0 picks a free port) (got 70000)"), report.problems());
  }

  @Test
  void shard_range_against_discords_total() throws ConfigException {
    ShardgateConfig config = new ShardgateConfig(new JsonObject().put("shard_start", 4)
        .put("shard_end", 8));

    ConfigValidator.validateShardRange(config, 8);
    ConfigException beyond = assertThrows(ConfigException.class,
        () -> ConfigValidator.validateShardRange(config, 6));
    assertTrue(beyond.getMessage().startsWith("shard_end (8) must not exceed the shard count (6)"));
    ConfigException startBeyond = assertThrows(ConfigException.class,
        () -> ConfigValidator.validateShardRange(
            new ShardgateConfig(new JsonObject().put("shard_start", 4)), 4));
    assertTrue(startBeyond.getMessage().startsWith("shard_start (4) must be less than"));
  }

  private static JsonObject copyWithout(String key) {
    JsonObject config = valid();
    config.remove(key);
    return config;
  }
}
