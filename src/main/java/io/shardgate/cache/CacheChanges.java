package io.shardgate.cache;

import java.util.Map;

/**
 * A cache's changes since its last checkpoint: deflated {@link CheckpointEntry} by guild id, null for a
 * guild the bot left. {@code rewriteAll} (after a READY): every guild is in {@code entries}, and an
 * entry stored for any other guild is stale.
 */
public record CacheChanges(boolean rewriteAll, Map<String, byte[]> entries) {
}
