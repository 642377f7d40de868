package io.shardgate.downstream;

import io.shardgate.protocol.CloseCode;
import io.vertx.core.json.JsonArray;

/** IDENTIFY's {@code shard: [id, count]} checked as Discord checks it, plus "is it served here". */
final class ShardCheck {

  /** The shard to serve, or the close code and reason to refuse with. */
  record Result(int shardId, CloseCode refusal, String reason) {
    static Result refuse(CloseCode code, String reason) {
      return new Result(-1, code, reason);
    }

    boolean accepted() {
      return refusal == null;
    }
  }

  private ShardCheck() {
  }

  static Result check(Object value, int total, ServedShardSet served) {
    if (value == null) {
      // Discord reads a missing shard as [0, 1]: fine for a bot with one shard only.
      return total == 1 && served.serves(0) ? new Result(0, null, null)
          : Result.refuse(CloseCode.SHARDING_REQUIRED, "Sharding required: IDENTIFY with shard [id, " + total + "].");
    }
    if (!(value instanceof JsonArray array) || array.size() != 2 || !(array.getValue(0) instanceof Integer id)
        || !(array.getValue(1) instanceof Integer count)) {
      return Result.refuse(CloseCode.INVALID_SHARD, "Invalid shard: send [shard_id, shard_count].");
    }
    if (count != total || id < 0 || id >= total) {
      return Result.refuse(CloseCode.INVALID_SHARD,
          "Invalid shard: this bot runs " + total + " shards, got [" + id + ", " + count + "].");
    }
    if (!served.serves(id)) {
      return Result.refuse(CloseCode.INVALID_SHARD,
          "Shard " + id + " is not served here: this deployment serves shards " + served.describe() + ".");
    }
    return new Result(id, null, null);
  }
}
