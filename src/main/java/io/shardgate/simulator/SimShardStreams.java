package io.shardgate.simulator;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs the stream of each shard while the shard has a live or resumable session and the rate is
 * above 0 (rate 0 pauses everything: deterministic tests inject events instead). Event-loop confined.
 */
final class SimShardStreams {
  private final List<SimShardStream> streams = new ArrayList<>();
  private final boolean[] occupied;
  private volatile double rate;

  SimShardStreams(Vertx vertx, SimWorld world, int shards, long seed, double rate,
      BiConsumer<Integer, SimEvent> sink) {
    this.rate = rate;
    this.occupied = new boolean[shards];
    for (int shard = 0; shard < shards; shard++) {
      streams.add(new SimShardStream(vertx, world, shard, seed, sink));
    }
  }

  double rate() {
    return rate;
  }

  void rate(double perShard) {
    this.rate = perShard;
    for (int shard = 0; shard < streams.size(); shard++) {
      apply(shard);
    }
  }

  void shardOccupancy(int shard, boolean hasSessions) {
    occupied[shard] = hasSessions;
    apply(shard);
  }

  void stopAll() {
    streams.forEach(SimShardStream::stop);
  }

  private void apply(int shard) {
    SimShardStream stream = streams.get(shard);
    if (occupied[shard] && rate > 0) {
      stream.start(() -> rate);
    } else {
      stream.stop();
    }
  }
}
