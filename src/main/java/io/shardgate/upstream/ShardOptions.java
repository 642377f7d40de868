package io.shardgate.upstream;

import io.vertx.core.json.JsonObject;

/**
 * Everything one shard needs to hold its Discord session.
 *
 * @param presence       IDENTIFY {@code presence}, or null
 * @param gatewayUrl     {@code url} from GET /gateway/bot, without query
 * @param maxMessageBytes bound on one inflated gateway message (GUILD_CREATEs of huge guilds are MBs)
 * @param commandQueueLimit commands waiting for the 120/60 s limiter before new ones are refused
 */
public record ShardOptions(int shardId, int shardCount, String token, long intents, JsonObject presence,
    String gatewayUrl, long backoffBaseMs, long backoffMaxMs, int maxMessageBytes, int commandQueueLimit) {

  public static final int DEFAULT_MAX_MESSAGE_BYTES = 128 * 1024 * 1024;
  public static final int DEFAULT_COMMAND_QUEUE_LIMIT = 1_000;
  public static final int LARGE_THRESHOLD = 250;

  public ShardOptions {
    if (shardId < 0 || shardId >= shardCount) {
      throw new IllegalArgumentException("shard " + shardId + " is outside [0, " + shardCount + ")");
    }
  }

  @Override
  public String toString() {
    // Records print every component; the token must never reach a log line.
    return "ShardOptions[shard=" + shardId + "/" + shardCount + ", gateway=" + gatewayUrl + "]";
  }
}
