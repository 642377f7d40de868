package io.shardgate.bench;

import io.shardgate.protocol.Envelope;
import io.shardgate.protocol.EnvelopeScanner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;

/**
 * A bot as far as the gateway can tell: HELLO, IDENTIFY with its shard, heartbeats, RESUME after a
 * drop (IDENTIFY again on op 9). It counts live dispatches and records each one's latency from the
 * simulator's send time ({@code d._sim.ts}, epoch µs) to its arrival here. Event-loop confined, except
 * the statistics, which the scenario thread reads under the lock.
 */
final class BenchClient {
  /** 60 s in µs: anything later is recorded as 60 s. */
  private static final long MAX_LATENCY_MICROS = 60_000_000L;
  private static final long RECONNECT_DELAY_MS = 100;
  private static final byte[] SIM_TAG = "\"_sim\":{\"n\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TS_KEY = "\"ts\":".getBytes(StandardCharsets.US_ASCII);
  /** The simulator's tag is the last key of d: look for it only this near the end. */
  private static final int TAG_SEARCH_WINDOW = 96;

  private final Vertx vertx;
  private final WebSocketClient client;
  private final int port;
  private final int shard;
  private final int shardCount;
  private final boolean zlib;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private ClientWebSocket socket;
  private ZlibStreamReader inflater;
  private long heartbeatTimer = -1;
  private String sessionId;
  private long lastSeq;
  private volatile boolean stopped;

  // statistics, guarded by this
  private final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
  private long liveEvents;
  private long reconnects;
  private long[] arrivals;
  private int arrivalCount;

  BenchClient(Vertx vertx, WebSocketClient client, int port, int shard, int shardCount, boolean zlib) {
    this.vertx = vertx;
    this.client = client;
    this.port = port;
    this.shard = shard;
    this.shardCount = shardCount;
    this.zlib = zlib;
  }

  /** Connects; the future completes at the first READY. */
  CompletableFuture<Void> start() {
    connect();
    return ready;
  }

  private void connect() {
    if (stopped) {
      return;
    }
    inflater = zlib ? new ZlibStreamReader() : null;
    ClientWebSocket ws = client.webSocket();
    socket = ws;
    ws.textMessageHandler(text -> onPayload(text.getBytes(StandardCharsets.UTF_8)));
    ws.binaryMessageHandler(this::onBinary);
    ws.closeHandler(v -> onClosed());
    ws.exceptionHandler(err -> { });
    String uri = "/?v=10&encoding=json" + (zlib ? "&compress=zlib-stream" : "");
    ws.connect(port, "127.0.0.1", uri).onFailure(err -> scheduleReconnect());
  }

  private void onBinary(Buffer binary) {
    byte[] payload = inflater == null ? null : inflater.accept(binary);
    if (payload != null) {
      onPayload(payload);
    }
  }

  private void onPayload(byte[] bytes) {
    Envelope envelope = EnvelopeScanner.scan(bytes, 0, bytes.length);
    switch (envelope.op()) {
      case 0 -> onDispatch(bytes, envelope);
      case 1 -> send(new JsonObject().put("op", 1).put("d", lastSeq == 0 ? null : lastSeq));
      case 7 -> socket.close((short) 4000);
      case 9 -> {
        sessionId = null;
        lastSeq = 0;
        identify();
      }
      case 10 -> onHello(new JsonObject(new String(bytes, StandardCharsets.UTF_8)));
      default -> { }
    }
  }

  private void onHello(JsonObject hello) {
    long interval = hello.getJsonObject("d").getLong("heartbeat_interval");
    heartbeatTimer = vertx.setPeriodic(interval, id -> send(new JsonObject().put("op", 1)
        .put("d", lastSeq == 0 ? null : lastSeq)));
    if (sessionId != null) {
      send(new JsonObject().put("op", 6).put("d", new JsonObject().put("token", ProcessLauncher.TOKEN)
          .put("session_id", sessionId).put("seq", lastSeq)));
    } else {
      identify();
    }
  }

  private void identify() {
    send(new JsonObject().put("op", 2).put("d", new JsonObject().put("token", ProcessLauncher.TOKEN)
        .put("intents", 513)
        .put("properties", new JsonObject().put("os", "linux").put("browser", "bench").put("device", "bench"))
        .put("shard", new JsonArray().add(shard).add(shardCount))));
  }

  private void onDispatch(byte[] bytes, Envelope envelope) {
    if (envelope.s() > 0) {
      lastSeq = envelope.s();
    }
    if ("READY".equals(envelope.t())) {
      sessionId = new JsonObject(new String(bytes, StandardCharsets.UTF_8)).getJsonObject("d").getString("session_id");
      ready.complete(null);
      return;
    }
    long sentAt = simSendMicros(bytes, envelope);
    if (sentAt > 0) {
      recordLive(Clocks.nowMicros(), sentAt);
    }
  }

  private synchronized void recordLive(long now, long sentAt) {
    liveEvents++;
    latency.recordValue(Math.max(0, Math.min(MAX_LATENCY_MICROS, now - sentAt)));
    if (arrivals != null && arrivalCount < arrivals.length) {
      arrivals[arrivalCount++] = now;
    }
  }

  /** {@code d._sim.ts}, found near the end of d without parsing; 0 if the dispatch has no tag. */
  static long simSendMicros(byte[] bytes, Envelope envelope) {
    int end = envelope.dEnd();
    if (end < 0) {
      return 0;
    }
    int tag = lastIndexOf(bytes, SIM_TAG, Math.max(envelope.dStart(), end - TAG_SEARCH_WINDOW), end);
    if (tag < 0) {
      return 0;
    }
    int ts = lastIndexOf(bytes, TS_KEY, tag, end);
    if (ts < 0) {
      return 0;
    }
    long value = 0;
    for (int i = ts + TS_KEY.length; i < end && bytes[i] >= '0' && bytes[i] <= '9'; i++) {
      value = value * 10 + (bytes[i] - '0');
    }
    return value;
  }

  private static int lastIndexOf(byte[] bytes, byte[] needle, int from, int to) {
    for (int i = to - needle.length; i >= from; i--) {
      int j = 0;
      while (j < needle.length && bytes[i + j] == needle[j]) {
        j++;
      }
      if (j == needle.length) {
        return i;
      }
    }
    return -1;
  }

  private void send(JsonObject payload) {
    ClientWebSocket ws = socket;
    if (ws != null && !ws.isClosed()) {
      ws.writeTextMessage(payload.encode());
    }
  }

  private void onClosed() {
    if (heartbeatTimer >= 0) {
      vertx.cancelTimer(heartbeatTimer);
      heartbeatTimer = -1;
    }
    if (!stopped) {
      synchronized (this) {
        reconnects++;
      }
      scheduleReconnect();
    }
  }

  private void scheduleReconnect() {
    if (!stopped) {
      vertx.setTimer(RECONNECT_DELAY_MS, id -> connect());
    }
  }

  /** Starts a fresh measurement window; {@code keepArrivals} > 0 also records arrival times. */
  synchronized void resetWindow(int keepArrivals) {
    latency.reset();
    liveEvents = 0;
    arrivals = keepArrivals > 0 ? new long[keepArrivals] : null;
    arrivalCount = 0;
  }

  synchronized long liveEvents() {
    return liveEvents;
  }

  synchronized long reconnects() {
    return reconnects;
  }

  synchronized void addLatencyTo(Histogram target) {
    target.add(latency);
  }

  synchronized long[] arrivals() {
    return arrivals == null ? new long[0] : java.util.Arrays.copyOf(arrivals, arrivalCount);
  }

  void stop() {
    stopped = true;
    ClientWebSocket ws = socket;
    if (ws != null) {
      ws.close();
    }
  }
}
