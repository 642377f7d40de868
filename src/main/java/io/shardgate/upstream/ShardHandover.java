package io.shardgate.upstream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

/**
 * What a shard's owner leaves for the next one when it stops gracefully: its Discord session (to
 * RESUME, not IDENTIFY), its relay sequence (so clients see no seam), and its cache with the READY
 * template (so the next owner answers IDENTIFYs at once: a RESUME brings no GUILD_CREATEs). Taken
 * after the Discord connection is closed, so the cache matches the session's {@code seq} exactly:
 * whatever Discord replays on RESUME is what the cache has not seen.
 */
public record ShardHandover(GatewaySession session, long rseq, JsonObject ready, JsonObject guilds, long writtenAt) {

  public static final String MAP = "shardgate.shard-handover";
  /** Discord keeps a session resumable for a few minutes; an older handover is not worth trying. */
  static final long MAX_AGE_MS = 120_000;
  private static final long TTL_MS = MAX_AGE_MS;

  public JsonObject toJson() {
    return new JsonObject().put("session", session.toJson()).put("rseq", rseq).put("ready", ready)
        .put("guilds", guilds).put("written_at", writtenAt);
  }

  static ShardHandover fromJson(JsonObject json) {
    return new ShardHandover(GatewaySession.fromJson(json.getJsonObject("session")), json.getLong("rseq"),
        json.getJsonObject("ready"), json.getJsonObject("guilds"), json.getLong("written_at"));
  }

  Future<Void> leave(Vertx vertx, int shardId) {
    String value = toJson().encode();
    return map(vertx).compose(map -> map.put(key(shardId), value, TTL_MS));
  }

  /** The handover left for {@code shardId}, removed so that only one owner uses it; null if none. */
  static Future<ShardHandover> take(Vertx vertx, int shardId) {
    return map(vertx).compose(map -> map.remove(key(shardId))).map(value -> {
      if (value == null) {
        return null;
      }
      ShardHandover handover = fromJson(new JsonObject((String) value));
      return System.currentTimeMillis() - handover.writtenAt() <= MAX_AGE_MS ? handover : null;
    });
  }

  private static String key(int shardId) {
    return "shard." + shardId;
  }

  private static Future<AsyncMap<String, Object>> map(Vertx vertx) {
    return vertx.sharedData().getAsyncMap(MAP);
  }
}
