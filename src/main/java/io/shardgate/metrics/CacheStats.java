package io.shardgate.metrics;

/**
 * How much one shard's guild cache holds, as exported under gateway-proxy's {@code gateway_cache_*}
 * gauges (and {@code shardgate_cache_bytes}).
 *
 * @param bytes an estimate of the memory the shard's cache uses
 */
public record CacheStats(long guilds, long unavailableGuilds, long channels, long roles, long members,
    long presences, long users, long emojis, long voiceStates, long bytes) {

  public static final CacheStats EMPTY = new CacheStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
