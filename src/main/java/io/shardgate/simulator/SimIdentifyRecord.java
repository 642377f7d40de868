package io.shardgate.simulator;

import io.vertx.core.json.JsonObject;

/** One IDENTIFY that passed validation, in arrival order, with what the rate limits made of it. */
public record SimIdentifyRecord(int shard, int bucket, long timeMs, SimIdentifyBuckets.Decision decision) {
  public JsonObject toJson() {
    return new JsonObject().put("shard", shard).put("bucket", bucket).put("time_ms", timeMs)
        .put("decision", decision.name());
  }
}
