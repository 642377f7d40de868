package io.shardgate.metrics;

/**
 * One shard's replay window and last checkpoint round, as its owner published them last, for the
 * {@code shardgate_replay_window_*} and {@code shardgate_checkpoint_*} gauges.
 *
 * @param replayEvents frames the replay window holds
 * @param replayBytes payload bytes the replay window holds (the heap it keeps alive)
 * @param replayOldestAgeMillis age of the oldest frame held, 0 when the window is empty
 * @param checkpointGuildsWritten guilds the last checkpoint round wrote (only those that changed)
 * @param checkpointBytesWritten bytes of guild entries the last round wrote
 * @param checkpointMillis how long the last round took; all three are 0 before the first round
 */
public record ShardStats(long replayEvents, long replayBytes, long replayOldestAgeMillis,
    long checkpointGuildsWritten, long checkpointBytesWritten, long checkpointMillis) {

  public static final ShardStats EMPTY = new ShardStats(0, 0, 0, 0, 0, 0);
}
