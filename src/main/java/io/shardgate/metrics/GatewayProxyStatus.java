package io.shardgate.metrics;

import io.shardgate.upstream.ShardState;

/**
 * The numbers gateway-proxy exports for a shard's connection state in {@code gateway_shard_status}
 * (its {@code update_shard_statistics}, from twilight's {@code ConnectionState}). Kept identical so
 * that dashboards and alerts written for gateway-proxy read shardgate the same way. Note that this is
 * not the enum's ordinal.
 */
public final class GatewayProxyStatus {

  public static final int FATALLY_CLOSED = 0;
  public static final int DISCONNECTED = 1;
  public static final int IDENTIFYING = 2;
  public static final int RESUMING = 3;
  public static final int ACTIVE = 4;

  private GatewayProxyStatus() {
  }

  public static int of(ShardState state) {
    return switch (state) {
      case FATALLY_CLOSED -> FATALLY_CLOSED;
      case DISCONNECTED -> DISCONNECTED;
      case IDENTIFYING -> IDENTIFYING;
      case RESUMING -> RESUMING;
      case ACTIVE -> ACTIVE;
    };
  }
}
