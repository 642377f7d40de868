package io.shardgate.upstream;

import io.shardgate.cache.CacheChanges;
import io.shardgate.cache.ShardCache;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.LinkedHashMap;
import java.util.Map;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a shard's checkpoint to the {@link ShardDirectory}: every few seconds while it runs, so that
 * a node that takes the shard after a crash RESUMEs from a recent {@code seq}, and once more when it
 * stops, so that a graceful handover loses nothing. Each round writes only the guilds that changed
 * since the previous one. Rounds never overlap: one that falls due while another is in flight is
 * skipped. Runs on the shard's context.
 */
final class ShardCheckpointer {

  /**
   * Where the stream stands, read between two dispatches: the session at its head ({@code seq} and
   * {@code rseq} of the last dispatch), and the replay floor a next owner resumes from (see
   * {@link ShardDirectory.Checkpoint}). Null while there is no session to resume.
   */
  record Position(GatewaySession session, long rseq, JsonObject ready, long floorSeq, long floorRseq) {
  }

  /** What the last round cost, for /metrics and the logs. */
  record Round(int guildsWritten, long bytesWritten, long millis) {
  }

  /** Guilds encoded per event-loop turn: about a millisecond of work for guilds of a few KB. */
  private static final int GUILDS_PER_SLICE = 32;
  private static final Logger LOG = LoggerFactory.getLogger(ShardCheckpointer.class);

  private final Vertx vertx;
  private final int shardId;
  private final ShardDirectory directory;
  private final ShardCache cache;
  private final Supplier<Position> position;
  private Future<Void> inFlight = Future.succeededFuture();
  private boolean readyChanged;
  private Round lastRound;
  private long longestSliceMicros;

  ShardCheckpointer(Vertx vertx, int shardId, ShardDirectory directory, ShardCache cache,
      Supplier<Position> position) {
    this.vertx = vertx;
    this.shardId = shardId;
    this.directory = directory;
    this.cache = cache;
    this.position = position;
  }

  /** A new session's READY: the template is written with the next round. */
  void readyChanged() {
    readyChanged = true;
  }

  /** A periodic round, unless the previous one is still being written. */
  void tick() {
    if (inFlight.isComplete()) {
      checkpoint();
    }
  }

  /** A round after any in flight; completes when it is written (or failed, which it logs). */
  Future<Void> checkpoint() {
    inFlight = inFlight.transform(ignored -> round());
    return inFlight;
  }

  Round lastRound() {
    return lastRound;
  }

  private Future<Void> round() {
    Position at = position.get();
    if (at == null) {
      return Future.succeededFuture();
    }
    long started = System.nanoTime();
    longestSliceMicros = 0;
    ShardCache.DirtyGuilds dirty = cache.takeDirty();
    Map<String, byte[]> entries = new LinkedHashMap<>(dirty.ids().size() * 2);
    Promise<CacheChanges> encoded = Promise.promise();
    encodeSlice(dirty, 0, entries, encoded);
    return encoded.future().compose(changes -> write(at, changes, started));
  }

  /**
   * Encodes the dirty guilds' entries a slice per event-loop turn, so that dispatches keep flowing
   * between slices (after a READY every guild of the shard is dirty). A guild encoded later reflects
   * later events; its entry says so, and the checkpoint keeps the position read before the first
   * slice, which every entry has reached.
   */
  private void encodeSlice(ShardCache.DirtyGuilds dirty, int from, Map<String, byte[]> entries,
      Promise<CacheChanges> done) {
    long sliceStarted = System.nanoTime();
    long seq = position.get() == null ? 0 : position.get().session().sequence();
    int to = Math.min(dirty.ids().size(), from + GUILDS_PER_SLICE);
    for (long id : dirty.ids().subList(from, to)) {
      entries.put(Long.toString(id), cache.checkpointEntry(id, seq));
    }
    longestSliceMicros = Math.max(longestSliceMicros, (System.nanoTime() - sliceStarted) / 1_000);
    if (to == dirty.ids().size()) {
      done.complete(new CacheChanges(dirty.rewriteAll(), entries));
    } else {
      vertx.runOnContext(v -> encodeSlice(dirty, to, entries, done));
    }
  }

  private Future<Void> write(Position at, CacheChanges changes, long started) {
    boolean writeReady = readyChanged;
    readyChanged = false;
    // Deflating is CPU work in proportion to the guilds changed: off the shard's event loop.
    Future<CacheChanges> deflated = vertx.executeBlocking(changes::deflated, false);
    Future<Void> ready = writeReady ? directory.writeReady(at.ready()) : Future.succeededFuture();
    return ready
        .compose(v -> deflated)
        .compose(directory::writeGuilds)
        .compose(v -> directory.writeCheckpoint(at.session().withSequence(at.floorSeq()), at.floorRseq(),
            at.session().sequence(), at.rseq()))
        .onSuccess(v -> {
          lastRound = new Round(changes.entries().size(), bytes(deflated.result()),
              (System.nanoTime() - started) / 1_000_000);
          LOG.debug("shard {}: checkpoint at seq {} / rseq {}: {} guilds, {} bytes, {} ms, longest slice on "
              + "the event loop {} µs", shardId, at.session().sequence(), at.rseq(), lastRound.guildsWritten(),
              lastRound.bytesWritten(), lastRound.millis(), longestSliceMicros);
        })
        .recover(err -> {
          // Written with the next round: until then the previous checkpoint stands, and it is consistent.
          cache.changesNotWritten(changes);
          readyChanged |= writeReady;
          LOG.warn("shard {}: checkpoint not written ({}); the previous one stands", shardId, err.getMessage());
          return Future.succeededFuture();
        });
  }

  private static long bytes(CacheChanges changes) {
    long total = 0;
    for (byte[] entry : changes.entries().values()) {
      total += entry == null ? 0 : entry.length;
    }
    return total;
  }
}
