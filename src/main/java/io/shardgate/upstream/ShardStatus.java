package io.shardgate.upstream;

import io.vertx.core.json.JsonObject;

/**
 * A snapshot of one shard, published by its connection on every change: what /metrics, the
 * client-facing side and the shard directory read.
 *
 * @param session  the resumable session, or null
 * @param ready    the {@code d} of the last upstream READY (the template for clients), or null
 * @param latencyMillis round trip of the last heartbeat, -1 before the first ACK
 */
public record ShardStatus(int shardId, ShardState state, GatewaySession session, JsonObject ready,
    long latencyMillis, int identifies, int resumes) {

  public static ShardStatus initial(int shardId) {
    return new ShardStatus(shardId, ShardState.DISCONNECTED, null, null, -1, 0, 0);
  }
}
