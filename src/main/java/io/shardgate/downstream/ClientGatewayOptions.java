package io.shardgate.downstream;

/**
 * What the client-facing gateway needs to know.
 *
 * @param token            the bot token clients must present, or null to accept any
 * @param totalShards      the bot's shard count: clients must IDENTIFY with it
 * @param backpressure     frames a client may have waiting to be written before it is closed
 * @param heartbeatIntervalMs HELLO's interval; a client silent for 1.5 intervals is closed
 * @param sessionTimeoutMs how long a disconnected client session stays resumable
 * @param maxSessions      bound on client sessions kept for RESUME
 */
public record ClientGatewayOptions(String externallyAccessibleUrl, String token, int totalShards, int backpressure, long heartbeatIntervalMs, long sessionTimeoutMs,
    int maxSessions) {

  public static final long DISCORD_HEARTBEAT_INTERVAL_MS = 41_250;
  public static final long DEFAULT_SESSION_TIMEOUT_MS = 5 * 60_000;
  public static final int DEFAULT_MAX_SESSIONS = 100_000;

  @Override
  public String toString() {
    return "ClientGatewayOptions[" + totalShards + " shards]";
  }
}
