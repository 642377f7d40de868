package io.shardgate.upstream;

import io.shardgate.cache.CacheChanges;
import io.shardgate.cache.ShardCache;
import io.vertx.core.Future;
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

  /** Where the stream stands, read between two dispatches; null while there is no session to resume. */
  record Position(GatewaySession session, long rseq, JsonObject ready) {
  }

  /** What the last round cost, for /metrics and the logs. */
  record Round(int guildsWritten, long bytesWritten, long millis) {
  }

  private static final Logger LOG = LoggerFactory.getLogger(ShardCheckpointer.class);

  private final int shardId;
  private final ShardDirectory directory;
  private final ShardCache cache;
  private final Supplier<Position> position;
  private Future<Void> inFlight = Future.succeededFuture();
  private boolean readyChanged;
  private Round lastRound;

  ShardCheckpointer(int shardId, ShardDirectory directory, ShardCache cache, Supplier<Position> position) {
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
    CacheChanges changes = cache.drainChanges(at.session().sequence());
    boolean writeReady = readyChanged;
    readyChanged = false;
    Future<Void> ready = writeReady ? directory.writeReady(at.ready()) : Future.succeededFuture();
    return ready
        .compose(v -> directory.writeGuilds(changes))
        .compose(v -> directory.writeCheckpoint(at.session(), at.rseq()))
        .onSuccess(v -> {
          lastRound = new Round(changes.entries().size(), bytes(changes), (System.nanoTime() - started) / 1_000_000);
          LOG.debug("shard {}: checkpoint at seq {} / rseq {}: {} guilds, {} bytes, {} ms", shardId,
              at.session().sequence(), at.rseq(), lastRound.guildsWritten(), lastRound.bytesWritten(),
              lastRound.millis());
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
