package io.shardgate.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.core.spi.cluster.ClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which shards the deployment serves: the union of the ranges of the live nodes that run shards,
 * each recorded in the cluster map {@code shardgate.nodes} when the node starts. A client-facing node
 * checks IDENTIFYs against it (4010 for a shard nobody serves) without a map read per IDENTIFY: the
 * view is refreshed every few seconds. Unclustered, it is the node's own range.
 */
public final class ServedShards implements io.shardgate.downstream.ServedShardSet {

  public static final String MAP = "shardgate.nodes";
  private static final long REFRESH_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(ServedShards.class);

  private record Range(int start, int end) {
    boolean contains(int shard) {
      return shard >= start && shard < end;
    }
  }

  private final Vertx vertx;
  private final String nodeId;
  private volatile List<Range> ranges = List.of();
  private Range own;
  private long timer = -1;

  public ServedShards(Vertx vertx, String nodeId) {
    this.vertx = vertx;
    this.nodeId = nodeId;
  }

  /** Records this node's range (a node that runs shards), then keeps the view fresh. */
  public Future<Void> start(int ownStart, int ownEnd) {
    own = ownEnd > ownStart ? new Range(ownStart, ownEnd) : null;
    Future<Void> recorded = own == null ? Future.succeededFuture()
        : map().compose(map -> map.put(nodeId, new JsonObject().put("start", ownStart).put("end", ownEnd).encode()));
    timer = vertx.setPeriodic(REFRESH_MS, id -> refresh());
    return recorded.compose(v -> refresh());
  }

  public Future<Void> stop() {
    vertx.cancelTimer(timer);
    return own == null ? Future.succeededFuture() : map().compose(map -> map.remove(nodeId)).mapEmpty();
  }

  @Override
  public boolean serves(int shard) {
    for (Range range : ranges) {
      if (range.contains(shard)) {
        return true;
      }
    }
    return false;
  }

  /** "0..15, 32..47", for a close reason an operator can act on. */
  @Override
  public String describe() {
    Set<String> parts = new TreeSet<>();
    for (Range range : ranges) {
      parts.add(range.start + ".." + (range.end - 1));
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  private Future<Void> refresh() {
    ClusterManager cluster = ((VertxInternal) vertx).clusterManager();
    if (cluster == null) {
      ranges = own == null ? List.of() : List.of(own);
      return Future.succeededFuture();
    }
    Set<String> live = Set.copyOf(cluster.getNodes());
    return map().compose(AsyncMap::entries).onSuccess(entries -> {
      List<Range> fresh = new ArrayList<>();
      entries.forEach((node, value) -> {
        if (live.contains(node)) {
          JsonObject range = new JsonObject((String) value);
          fresh.add(new Range(range.getInteger("start"), range.getInteger("end")));
        }
      });
      ranges = List.copyOf(fresh);
    }).onFailure(err -> LOG.warn("cannot read the nodes' shard ranges: {}", err.getMessage())).mapEmpty();
  }

  private Future<AsyncMap<String, Object>> map() {
    return vertx.sharedData().getAsyncMap(MAP);
  }
}
