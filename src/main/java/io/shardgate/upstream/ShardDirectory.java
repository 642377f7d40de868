package io.shardgate.upstream;

import io.shardgate.cache.CacheChanges;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One shard's entry in the cluster's shard directory: what its next owner needs to RESUME the
 * Discord session and continue the relay stream instead of IDENTIFYing, with a warm cache.
 *
 * <ul>
 *   <li>{@value #MAP}, key {@code shard.<id>}: the {@link Checkpoint}. Each {@code seq} and
 *       {@code rseq} pair names the same dispatch, so the frames Discord replays after {@code seq}
 *       get the relay sequences they had before.</li>
 *   <li>{@code shardgate.shard-cache.<id>}: the READY template (JSON bytes) under {@code ready},
 *       and one deflated checkpoint entry per guild under its id (see {@link io.shardgate.cache.ShardCache#drainChanges}).
 *       Guild entries are written before the checkpoint that covers them, so the cache never lags
 *       the checkpoint; it may lead it, and then skips what it already holds.</li>
 * </ul>
 *
 * Only the shard's owner writes (it holds the shard's lock); only the next owner reads.
 */
public final class ShardDirectory {

  public static final String MAP = "shardgate.shard-directory";
  /** Discord keeps a session resumable for a few minutes; an older checkpoint is not worth trying. */
  static final long MAX_AGE_MS = 120_000;
  private static final String READY_KEY = "ready";

  /**
   * Where a shard's stream stands. {@code session} (its {@code seq}) and {@code rseq} are the replay
   * floor: the next owner RESUMEs from there, so Discord replays the last seconds of the stream and the
   * next owner's replay window covers bots that were reconnecting when the shard moved. {@code headSeq}
   * and {@code headRseq} are how far the old owner got when it wrote this: the cache reflects
   * {@code headSeq}, and the next owner serves clients once its replay reaches {@code headRseq}.
   */
  public record Checkpoint(GatewaySession session, long rseq, long headSeq, long headRseq, long writtenAt,
      String bot) {

    JsonObject toJson() {
      return new JsonObject().put("session", session.toJson()).put("rseq", rseq).put("head_seq", headSeq)
          .put("head_rseq", headRseq).put("written_at", writtenAt).put("bot", bot);
    }

    static Checkpoint fromJson(JsonObject json) {
      return new Checkpoint(GatewaySession.fromJson(json.getJsonObject("session")), json.getLong("rseq"),
          json.getLong("head_seq"), json.getLong("head_rseq"), json.getLong("written_at"), json.getString("bot"));
    }
  }

  /** A checkpoint with the READY template and guild entries that go with it. */
  public record Restored(Checkpoint checkpoint, JsonObject ready, Map<String, byte[]> guilds) {
  }

  private final Vertx vertx;
  private final int shardId;
  /** Which bot the entries belong to, without the token: a session is only resumable with its token. */
  private final String bot;

  public ShardDirectory(Vertx vertx, int shardId, String token) {
    this.vertx = vertx;
    this.shardId = shardId;
    this.bot = fingerprint(token);
  }

  /** The last checkpoint of this bot's shard with its cache, or null if there is none worth resuming. */
  public Future<Restored> read() {
    return directory().compose(map -> map.get(key())).compose(value -> {
      if (value == null) {
        return Future.succeededFuture(null);
      }
      Checkpoint checkpoint = Checkpoint.fromJson(new JsonObject(value));
      if (!bot.equals(checkpoint.bot()) || System.currentTimeMillis() - checkpoint.writtenAt() > MAX_AGE_MS) {
        return Future.succeededFuture(null);
      }
      return cache().compose(AsyncMap::entries).map(entries -> {
        Map<String, byte[]> guilds = new HashMap<>(entries);
        byte[] ready = guilds.remove(READY_KEY);
        return ready == null ? null : new Restored(checkpoint, new JsonObject(Buffer.buffer(ready)), guilds);
      });
    });
  }

  Future<Void> writeReady(JsonObject ready) {
    byte[] value = ready.toBuffer().getBytes();
    return cache().compose(map -> map.put(READY_KEY, value));
  }

  /** Stores the changed guild entries; after a READY, also drops the entries of guilds no longer there. */
  Future<Void> writeGuilds(CacheChanges changes) {
    return cache().compose(map -> {
      List<Future<?>> writes = new ArrayList<>(changes.entries().size());
      changes.entries().forEach((guildId, entry) ->
          writes.add(entry == null ? map.remove(guildId) : map.put(guildId, entry)));
      Future<Void> stale = changes.rewriteAll() ? removeStale(map, changes.entries().keySet()) : Future.succeededFuture();
      return Future.all(writes).compose(v -> stale);
    });
  }

  Future<Void> writeCheckpoint(GatewaySession floor, long floorRseq, long headSeq, long headRseq) {
    String value = new Checkpoint(floor, floorRseq, headSeq, headRseq, System.currentTimeMillis(), bot).toJson()
        .encode();
    return directory().compose(map -> map.put(key(), value, MAX_AGE_MS));
  }

  private static Future<Void> removeStale(AsyncMap<String, byte[]> map, Set<String> current) {
    return map.keys().compose(keys -> {
      Set<String> stale = new HashSet<>(keys);
      stale.removeAll(current);
      stale.remove(READY_KEY);
      List<Future<?>> removals = new ArrayList<>(stale.size());
      stale.forEach(key -> removals.add(map.remove(key)));
      return Future.all(removals).mapEmpty();
    });
  }

  private String key() {
    return key(shardId);
  }

  static String key(int shardId) {
    return "shard." + shardId;
  }

  static String cacheMapName(int shardId) {
    return "shardgate.shard-cache." + shardId;
  }

  private Future<AsyncMap<String, String>> directory() {
    return vertx.sharedData().getAsyncMap(MAP);
  }

  private Future<AsyncMap<String, byte[]>> cache() {
    return vertx.sharedData().getAsyncMap(cacheMapName(shardId));
  }

  static String fingerprint(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
