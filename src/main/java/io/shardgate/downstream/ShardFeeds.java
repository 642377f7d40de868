package io.shardgate.downstream;

import io.shardgate.cluster.EventBusAddresses;
import io.shardgate.protocol.GatewayFrame;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.Arrays;
import java.util.HashMap;
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
    feed.add(subscriber);
    return feed.consumer.completion();
  }

  void leave(int shardId, Subscriber subscriber) {
    Feed feed = feeds.get(shardId);
    if (feed != null && feed.remove(subscriber) && feed.subscribers.length == 0) {
      feeds.remove(shardId);
      feed.consumer.unregister();
    }
  }

  /** Clients per shard on this node, for /metrics. */
  Map<Integer, Integer> clientsPerShard() {
    Map<Integer, Integer> counts = new HashMap<>();
    feeds.forEach((shard, feed) -> counts.put(shard, feed.subscribers.length));
    return counts;
  }

  private Feed open(int shardId) {
    Feed feed = new Feed();
    feed.consumer = vertx.eventBus().consumer(EventBusAddresses.shardDispatch(shardId), message -> {
      GatewayFrame frame = message.body();
      // The array is replaced, never changed, on join and leave: a subscriber that closes while we
      // fan out does not disturb this loop, and a frame costs no copy of the list.
      for (Subscriber subscriber : feed.subscribers) {
        subscriber.onFrame(frame);
      }
    });
    return feed;
  }

  private static final class Feed {
    Subscriber[] subscribers = new Subscriber[0];
    MessageConsumer<GatewayFrame> consumer;

    void add(Subscriber subscriber) {
      Subscriber[] grown = Arrays.copyOf(subscribers, subscribers.length + 1);
      grown[subscribers.length] = subscriber;
      subscribers = grown;
    }

    boolean remove(Subscriber subscriber) {
      int at = Arrays.asList(subscribers).indexOf(subscriber);
      if (at < 0) {
        return false;
      }
      Subscriber[] shrunk = new Subscriber[subscribers.length - 1];
      System.arraycopy(subscribers, 0, shrunk, 0, at);
      System.arraycopy(subscribers, at + 1, shrunk, at, subscribers.length - at - 1);
      subscribers = shrunk;
      return true;
    }
  }
}
