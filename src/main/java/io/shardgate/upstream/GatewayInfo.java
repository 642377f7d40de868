package io.shardgate.upstream;

import io.vertx.core.json.JsonObject;

/**
 * The answer of {@code GET /gateway/bot}: where to connect, how many shards Discord recommends and
 * how many sessions the bot may still start.
 */
public record GatewayInfo(String url, int shards, SessionStartLimit sessionStartLimit) {

  public record SessionStartLimit(int total, int remaining, long resetAfterMs, int maxConcurrency) {
    static SessionStartLimit fromJson(JsonObject json) {
      return new SessionStartLimit(json.getInteger("total", 1000), json.getInteger("remaining", 1000),
          json.getLong("reset_after", 0L), Math.max(1, json.getInteger("max_concurrency", 1)));
    }
  }

  public static GatewayInfo fromJson(JsonObject json) {
    String url = json.getString("url");
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("GET /gateway/bot answered without a url");
    }
    JsonObject limit = json.getJsonObject("session_start_limit", new JsonObject());
    return new GatewayInfo(url, json.getInteger("shards", 1), SessionStartLimit.fromJson(limit));
  }
}
