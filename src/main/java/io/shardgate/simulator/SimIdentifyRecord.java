package io.shardgate.simulator;

import io.vertx.core.json.JsonObject;

/** One IDENTIFY that passed validation, in arrival order, with what the rate limits made of it. */
public record SimIdentifyRecord(int shard, int bucket, long timeMs, SimIdentifyBuckets.Decision decision,
    JsonObject payload) {

  /** The IDENTIFY {@code d} as received, minus the token: tests check intents, shard and presence. */
  static JsonObject withoutToken(JsonObject identifyData) {
    JsonObject copy = identifyData.copy();
    copy.remove("token");
    return copy;
  }

  public JsonObject toJson() {
    return new JsonObject().put("shard", shard).put("bucket", bucket).put("time_ms", timeMs)
        .put("decision", decision.name()).put("payload", payload);
  }
}
