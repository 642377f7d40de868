package io.shardgate.upstream;

/**
 * Where a shard's Discord connection stands. Driven by gateway opcodes and close codes, as in
 * twilight-gateway: a shard is only ever in one of these.
 */
public enum ShardState {
  /** No connection, or waiting for the reconnect backoff. */
  DISCONNECTED,
  /** Connected without a session: waiting for an identify permit, or for READY. */
  IDENTIFYING,
  /** Connected with a session: RESUME sent, waiting for RESUMED. */
  RESUMING,
  /** READY or RESUMED received: dispatches flow. */
  ACTIVE,
  /** Discord refused this shard for good (bad token, invalid shard, intents): no retry. */
  FATALLY_CLOSED
}
