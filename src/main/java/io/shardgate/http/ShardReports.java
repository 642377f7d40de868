package io.shardgate.http;

import io.shardgate.upstream.ShardState;
import io.shardgate.upstream.ShardStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON bodies of {@code /shards} and {@code /ready}. They describe shards without revealing
 * anything a client could use to hijack a session: whether a session exists, never its id, and
 * never the token.
 */
final class ShardReports {

  private ShardReports() {
  }

  /** Every shard of this node: state, latency, whether it holds a resumable session. */
  static JsonObject shards(int totalShards, Map<Integer, ShardStatus> statuses) {
    JsonArray shards = new JsonArray();
    new TreeMap<>(statuses).forEach((shard, status) -> shards.add(new JsonObject()
        .put("shard", shard)
        .put("state", stateName(status))
        .put("latency_ms", status.latencyMillis() < 0 ? null : status.latencyMillis())
        .put("has_session", status.session() != null)
        .put("identifies", status.identifies())
        .put("resumes", status.resumes())));
    return new JsonObject().put("total_shards", totalShards).put("shards", shards);
  }

  /** The shards of this node that are not ACTIVE, in shard order; empty when the node is ready. */
  static JsonArray notActive(Map<Integer, ShardStatus> statuses) {
    JsonArray notActive = new JsonArray();
    new TreeMap<>(statuses).forEach((shard, status) -> {
      if (status == null || status.state() != ShardState.ACTIVE) {
        notActive.add(new JsonObject().put("shard", shard).put("state", stateName(status)));
      }
    });
    return notActive;
  }

  private static String stateName(ShardStatus status) {
    return status == null || status.state() == null ? "UNKNOWN" : status.state().name();
  }
}
