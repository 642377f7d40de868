package io.shardgate.bench;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Histogram;

/** Bench clients on one way: {@code clientsPerShard} bots on each of shards {@code 0..shards-1}. */
final class ClientGroup implements AutoCloseable {
  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
  private static final long READY_TIMEOUT_SECONDS = 60;
  private static final long POLL_MS = 50;

  private final WebSocketClient webSocketClient;
  final List<BenchClient> clients = new ArrayList<>();

  private ClientGroup(Vertx vertx) {
    this.webSocketClient = vertx.createWebSocketClient(new WebSocketClientOptions()
        .setMaxFrameSize(MAX_MESSAGE_BYTES).setMaxMessageSize(MAX_MESSAGE_BYTES).setMaxConnections(1_000));
  }

  /**
   * Connects every client and waits for every READY.
   *
   * @param shardCount the gateway's shard count (IDENTIFY's second number)
   * @param shards how many shards, from 0, get clients
   */
  static ClientGroup connect(Vertx vertx, Way way, int shardCount, int shards, int clientsPerShard, boolean zlib)
      throws InterruptedException {
    ClientGroup group = new ClientGroup(vertx);
    List<CompletableFuture<Void>> readies = new ArrayList<>();
    for (int shard = 0; shard < shards; shard++) {
      for (int i = 0; i < clientsPerShard; i++) {
        BenchClient client = new BenchClient(vertx, group.webSocketClient, way.clientPort(), shard, shardCount, zlib);
        group.clients.add(client);
        readies.add(client.start());
      }
    }
    try {
      CompletableFuture.allOf(readies.toArray(CompletableFuture[]::new)).get(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
      long readyCount = readies.stream().filter(CompletableFuture::isDone).count();
      group.close();
      throw new BenchFailure(way.label() + ": only " + readyCount + " of " + readies.size()
          + " clients got READY within " + READY_TIMEOUT_SECONDS + " s");
    }
    return group;
  }

  void resetWindows(int keepArrivals) {
    clients.forEach(client -> client.resetWindow(keepArrivals));
  }

  long liveEvents() {
    return clients.stream().mapToLong(BenchClient::liveEvents).sum();
  }

  long reconnects() {
    return clients.stream().mapToLong(BenchClient::reconnects).sum();
  }

  /** Waits until no live event has arrived for {@code quietMs} (a backlog drained), at most {@code maxMs}. */
  void awaitQuiet(long quietMs, long maxMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + maxMs;
    long last = liveEvents();
    long quietSince = System.currentTimeMillis();
    while (System.currentTimeMillis() < deadline) {
      Thread.sleep(POLL_MS);
      long now = liveEvents();
      if (now != last) {
        last = now;
        quietSince = System.currentTimeMillis();
      } else if (System.currentTimeMillis() - quietSince >= quietMs) {
        return;
      }
    }
  }

  Histogram latency() {
    Histogram merged = new Histogram(60_000_000L, 3);
    clients.forEach(client -> client.addLatencyTo(merged));
    return merged;
  }

  @Override
  public void close() {
    clients.forEach(BenchClient::stop);
    webSocketClient.close();
  }
}
