package io.shardgate.upstream;

import io.vertx.core.Future;

/**
 * Gate for IDENTIFY: Discord allows one identify per bucket ({@code shard_id % max_concurrency}) per
 * 5 s, and {@code session_start_limit.remaining} per day for the whole bot token. A shard sends
 * IDENTIFY only once it holds a permit. Implementations decide how wide the gate is: one node, or the
 * whole cluster.
 */
public interface IdentifyQueue {

  /** Completes when {@code shardId} may send IDENTIFY. */
  Future<IdentifyPermit> acquire(int shardId);
}
