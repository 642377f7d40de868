package io.shardgate.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cache's changes since its last checkpoint: {@link CheckpointEntry} bytes by guild id (JSON as
 * drained, deflated once {@link #deflated()}), null for a guild the bot left. {@code rewriteAll}
 * (after a READY): every guild is in {@code entries}, and an entry stored for any other guild is
 * stale.
 */
public record CacheChanges(boolean rewriteAll, Map<String, byte[]> entries) {

  /**
   * The same changes with every entry deflated, as the shard directory stores them. CPU work in
   * proportion to the guilds changed: run it off the shard's event loop.
   */
  public CacheChanges deflated() {
    Map<String, byte[]> deflated = new LinkedHashMap<>(entries.size() * 2);
    entries.forEach((id, entry) -> deflated.put(id, entry == null ? null : EntryCompression.deflate(entry)));
    return new CacheChanges(rewriteAll, deflated);
  }
}
