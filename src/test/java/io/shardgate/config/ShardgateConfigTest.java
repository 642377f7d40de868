package io.shardgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ShardgateConfigTest {

  private static final String TOKEN = "MTIzNDU2Nzg5.secret-token-value";

  @Test
  void defaults_equal_gateway_proxys() {
    ShardgateConfig config = new ShardgateConfig();

    assertEquals("info", config.logLevel());
    assertNull(config.token());
    assertEquals(7878, config.port());
    assertEquals(OptionalInt.empty(), config.shards());
    assertEquals(0, config.shardStart());
    assertEquals(OptionalInt.empty(), config.shardEnd());
    assertNull(config.activity());
    assertEquals("online", config.status());
    assertEquals(100, config.backpressure());
    assertTrue(config.validateToken());
    assertEquals(Optional.empty(), config.twilightHttpProxy());
    assertEquals("https://discord.com/api/v10", config.apiBaseUrl());
    assertEquals(config.apiBaseUrl(), config.restBaseUrl());
  }

  @Test
  void cache_defaults_equal_gateway_proxys() {
    CacheConfig cache = new ShardgateConfig().cache();

    assertEquals(new CacheConfig(true, false, false, true, false, true, false, false, false, false,
        false), cache);
    assertEquals(CacheConfig.defaults(), cache);
  }

  @Test
  void offline_defaults_fill_the_keys_gateway_proxy_requires() {
    ShardgateConfig config = new ShardgateConfig(new JsonObject().put("port", 9000));

    assertEquals(0L, config.intents());
    assertEquals("ws://localhost:9000", config.externallyAccessibleUrl());
  }

  @Test
  void partial_cache_object_keeps_defaults_for_absent_flags() {
    CacheConfig cache = new ShardgateConfig(new JsonObject()
        .put("cache", new JsonObject().put("members", true).put("channels", false))).cache();

    assertTrue(cache.members());
    assertFalse(cache.channels());
    assertTrue(cache.roles());
    assertTrue(cache.currentMember());
  }

  @Test
  void cache_flags_round_trip_through_json() {
    CacheConfig cache = new CacheConfig(false, true, true, false, true, false, true, true, true,
        true, true);

    assertEquals(cache, CacheConfig.fromJson(cache.toJson()));
    assertEquals(CacheConfig.FLAG_NAMES, cache.toJson().fieldNames().stream().toList());
  }

  @Test
  void null_values_mean_defaults() {
    ShardgateConfig config = new ShardgateConfig(new JsonObject().putNull("port").putNull("shards")
        .putNull("log_level").putNull("status").putNull("cache"));

    assertEquals(new ShardgateConfig().toJson(), config.toJson());
  }

  @Test
  void presence_replaces_shard_placeholder_in_activity_name() {
    ShardgateConfig config = new ShardgateConfig(new JsonObject()
        .put("activity", new JsonObject().put("type", 3).put("name", "shard {{shard}} of {{shard}}"))
        .put("status", "idle"));

    JsonObject presence = config.presenceFor(7);

    JsonObject expected = new JsonObject()
        .putNull("since")
        .put("activities", new JsonArray().add(new JsonObject().put("type", 3)
            .put("name", "shard 7 of 7")))
        .put("status", "idle")
        .put("afk", false);
    assertEquals(expected, presence);
    assertEquals("shard {{shard}} of {{shard}}", config.activity().getString("name"));
  }

  @Test
  void presence_replaces_placeholder_in_custom_status_state_and_defaults_type_to_playing() {
    ShardgateConfig config = new ShardgateConfig(new JsonObject()
        .put("activity", new JsonObject().put("name", "n").put("state", "on {{shard}}")));

    JsonObject activity = config.presenceFor(2).getJsonArray("activities").getJsonObject(0);

    assertEquals("on 2", activity.getString("state"));
    assertEquals(0, activity.getInteger("type"));
  }

  @Test
  void presence_is_null_without_activity_and_with_default_status() {
    assertNull(new ShardgateConfig().presenceFor(0));
  }

  @Test
  void presence_carries_a_non_default_status_without_activity() {
    JsonObject presence = new ShardgateConfig(new JsonObject().put("status", "invisible"))
        .presenceFor(0);

    assertEquals("invisible", presence.getString("status"));
    assertTrue(presence.getJsonArray("activities").isEmpty());
  }

  @Test
  void rest_base_url_is_api_base_url_without_twilight_proxy() {
    ShardgateConfig config = new ShardgateConfig(new JsonObject()
        .put("api_base_url", "http://127.0.0.1:8181/api/v10/"));

    assertEquals("http://127.0.0.1:8181/api/v10", config.restBaseUrl());
  }

  @Test
  void rest_base_url_goes_through_twilight_proxy_over_plain_http() {
    ShardgateConfig config = new ShardgateConfig(new JsonObject()
        .put("twilight_http_proxy", "http-proxy:3000")
        .put("api_base_url", "http://ignored:1/api/v10"));

    assertEquals("http://http-proxy:3000/api/v10", config.restBaseUrl());
    assertEquals(Optional.of("http-proxy:3000"), config.twilightHttpProxy());
  }

  @Test
  void shard_end_falls_back_to_total() {
    assertEquals(16, new ShardgateConfig().shardEnd(16));
    assertEquals(4, new ShardgateConfig(new JsonObject().put("shard_end", 4)).shardEnd(16));
  }

  @Test
  void to_string_and_to_json_never_contain_the_token() {
    ShardgateConfig config = new ShardgateConfig(new JsonObject().put("token", TOKEN));

    assertEquals(TOKEN, config.token());
    assertFalse(config.toString().contains(TOKEN));
    assertFalse(config.toString().contains("secret"));
    assertFalse(config.toJson().encode().contains(TOKEN));
    assertFalse(config.toJson().containsKey("token"));
    assertTrue(config.toString().contains("<redacted>"));
  }

  @Test
  void to_json_round_trips_everything_but_the_token() {
    JsonObject json = new JsonObject()
        .put("log_level", "debug").put("intents", 32511L).put("port", 9000).put("shards", 8)
        .put("shard_start", 2).put("shard_end", 6)
        .put("activity", new JsonObject().put("type", 0).put("name", "x"))
        .put("status", "dnd").put("backpressure", 50).put("validate_token", false)
        .put("twilight_http_proxy", "proxy:80").put("externally_accessible_url", "wss://gw.example")
        .put("cache", CacheConfig.defaults().toJson()).put("api_base_url", "https://d.example/api")
        .put("cluster", new ClusterConfig(true, "prod", "10.0.0.1", 5801, List.of("10.0.0.2:5801"),
            new ClusterConfig.Kubernetes(null), 9).toJson())
        .put("role", "clients")
        .put("replay_window", new ReplayWindowConfig(1_000, 1_048_576L, 60).toJson())
        .put("checkpoint_interval_ms", 750)
        .put("state_file", "/var/lib/shardgate/state.gz");
    ShardgateConfig config = new ShardgateConfig(json);

    assertEquals(json, config.toJson());
    assertEquals(config, new ShardgateConfig(config.toJson()));
  }

  @Test
  void invalid_json_object_is_rejected_by_the_constructor() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ShardgateConfig(new JsonObject().put("port", 70000)));

    assertTrue(e.getMessage().contains("port"), e.getMessage());
  }

  @Test
  void unknown_log_level_falls_back_to_info_like_gateway_proxy() {
    assertEquals("info", new ShardgateConfig(new JsonObject().put("log_level", "loud")).logLevel());
    assertEquals("warn", new ShardgateConfig(new JsonObject().put("log_level", "WARN")).logLevel());
  }
}
