package io.shardgate.downstream;

import io.shardgate.cluster.EventBusAddresses;
import io.shardgate.protocol.GatewayFrame;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node's subscriptions to shards' dispatch streams: ONE event-bus consumer per shard that has
 * clients here, fanning each frame out to them locally. A consumer exists only while it has clients.
 * Used on the client gateway's context only.
 */
final class ShardFeeds {

  /** A client of a shard's feed. */
  interface Subscriber {
    void onFrame(GatewayFrame frame);
  }

  private final Vertx vertx;
  private final Map<Integer, Feed> feeds = new HashMap<>();

  ShardFeeds(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Subscribes; completes once frames flow (the consumer is registered cluster-wide). */
  Future<Void> join(int shardId, Subscriber subscriber) {
    Feed feed = feeds.computeIfAbsent(shardId, this::open);
    feed.subscribers.add(subscriber);
    return feed.consumer.completion();
  }

  void leave(int shardId, Subscriber subscriber) {
    Feed feed = feeds.get(shardId);
    if (feed != null && feed.subscribers.remove(subscriber) && feed.subscribers.isEmpty()) {
      feeds.remove(shardId);
      feed.consumer.unregister();
    }
  }

  /** Clients per shard on this node, for /metrics. */
  Map<Integer, Integer> clientsPerShard() {
    Map<Integer, Integer> counts = new HashMap<>();
    feeds.forEach((shard, feed) -> counts.put(shard, feed.subscribers.size()));
    return counts;
  }

  private Feed open(int shardId) {
    Feed feed = new Feed();
    feed.consumer = vertx.eventBus().consumer(EventBusAddresses.shardDispatch(shardId), message -> {
      GatewayFrame frame = message.body();
      // A copy of the list: a subscriber may leave (close) while we fan out.
      for (Subscriber subscriber : new ArrayList<>(feed.subscribers)) {
        subscriber.onFrame(frame);
      }
    });
    return feed;
  }

  private static final class Feed {
    final List<Subscriber> subscribers = new ArrayList<>();
    MessageConsumer<GatewayFrame> consumer;
  }
}
