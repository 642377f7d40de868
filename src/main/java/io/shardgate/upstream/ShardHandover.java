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
public record ShardHandover(GatewaySession session, long rseq, JsonObject ready, JsonObject guilds, long writtenAt,
    String botFingerprint) {

  public static final String MAP = "shardgate.shard-handover";
  /** Discord keeps a session resumable for a few minutes; an older handover is not worth trying. */
  static final long MAX_AGE_MS = 120_000;
  private static final long TTL_MS = MAX_AGE_MS;

  public JsonObject toJson() {
    return new JsonObject().put("session", session.toJson()).put("rseq", rseq).put("ready", ready)
        .put("guilds", guilds).put("written_at", writtenAt).put("bot", botFingerprint);
  }

  static ShardHandover fromJson(JsonObject json) {
    return new ShardHandover(GatewaySession.fromJson(json.getJsonObject("session")), json.getLong("rseq"),
        json.getJsonObject("ready"), json.getJsonObject("guilds"), json.getLong("written_at"), json.getString("bot"));
  }

  Future<Void> leave(Vertx vertx, int shardId) {
    String value = toJson().encode();
    return map(vertx).compose(map -> map.put(key(shardId), value, TTL_MS));
  }

  /**
   * Which bot a handover belongs to, without the token itself: a session is only worth resuming with
   * the token that started it.
   */
  static String fingerprint(String token) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The handover left for {@code shardId} by an owner with the same bot token, removed so that only
   * one owner uses it; null if none (or too old).
   */
  static Future<ShardHandover> take(Vertx vertx, int shardId, String token) {
    return map(vertx).compose(map -> map.remove(key(shardId))).map(value -> {
      if (value == null) {
        return null;
      }
      ShardHandover handover = fromJson(new JsonObject((String) value));
      boolean sameBot = fingerprint(token).equals(handover.botFingerprint());
      return sameBot && System.currentTimeMillis() - handover.writtenAt() <= MAX_AGE_MS ? handover : null;
    });
  }

  private static String key(int shardId) {
    return "shard." + shardId;
  }

  private static Future<AsyncMap<String, Object>> map(Vertx vertx) {
    return vertx.sharedData().getAsyncMap(MAP);
  }
}
