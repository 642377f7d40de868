package io.shardgate.it;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * A bot on one shard that checks what it receives: its {@code s} goes up by one per dispatch within
 * a session, and the simulator's event numbers ({@code d._sim.n}, one per event it broadcast on the
 * shard) go up by one across disconnects and RESUMEs, wherever it reconnects. Any other step is a
 * gap, a duplicate or a reorder, recorded as a violation. A lost connection (closed by the node or by
 * {@link #restart}) is followed by a RESUME on the next node that accepts a connection, as a bot
 * behind a load balancer would. op 9 {@code d:false} makes it IDENTIFY again; each is counted, as the
 * point where the proxy told it the truth instead of replaying.
 *
 * <p>Runs on its own Vert.x context; the test thread reads its counters.
 */
final class ChaosClient {

  private static final long RECONNECT_DELAY_MS = 100;
  private static final int MAX_VIOLATIONS = 50;

  final String name;
  private final Vertx vertx;
  private final int shard;
  private final int shards;
  private final String token;
  /** The client port of the next node to try. */
  private final IntSupplier nextPort;
  private final WebSocketClient client;
  private final List<String> violations = new ArrayList<>();
  /** Why connections ended, by close code (-1: no close frame), for the report. */
  private final java.util.Map<Integer, Integer> closes = new java.util.TreeMap<>();

  private WebSocket ws;
  private long heartbeatTimer = -1;
  private String sessionId;
  private long lastS;
  private long lastN = -1;
  /** Between READY and the first other dispatch: crafted GUILD_CREATEs may carry a stale tag. */
  private boolean inReadyBurst;
  private boolean stopped;
  private volatile boolean streaming;
  private volatile long lastSeenN = -1;
  private volatile int identifies;
  private volatile int resumes;
  private volatile int invalidSessions;
  private volatile int connections;
  private volatile long dispatches;

  ChaosClient(Vertx vertx, String name, int shard, int shards, String token, IntSupplier nextPort) {
    this.vertx = vertx;
    this.name = name;
    this.shard = shard;
    this.shards = shards;
    this.token = token;
    this.nextPort = nextPort;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(64 * 1024 * 1024)
        .setMaxMessageSize(64 * 1024 * 1024).setConnectTimeout(2_000));
  }

  void start() {
    vertx.runOnContext(v -> connect());
  }

  /** Drops the connection as a restarting bot does; it comes back with a RESUME. */
  void restart() {
    vertx.runOnContext(v -> {
      if (ws != null && !ws.isClosed()) {
        streaming = false;
        ws.close((short) 4000, "bot restarting");
      }
    });
  }

  void stop() {
    vertx.runOnContext(v -> {
      stopped = true;
      if (ws != null) {
        ws.close();
      }
    });
  }

  int shard() {
    return shard;
  }

  /** Whether it is connected and past READY or RESUMED. */
  boolean streaming() {
    return streaming;
  }

  long lastN() {
    return lastSeenN;
  }

  int identifies() {
    return identifies;
  }

  int resumes() {
    return resumes;
  }

  int invalidSessions() {
    return invalidSessions;
  }

  int connections() {
    return connections;
  }

  long dispatches() {
    return dispatches;
  }

  synchronized java.util.Map<Integer, Integer> closes() {
    return java.util.Map.copyOf(closes);
  }

  synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  private void connect() {
    if (stopped) {
      return;
    }
    int port = nextPort.getAsInt();
    client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/?v=10&encoding=json"))
        .onSuccess(socket -> {
          ws = socket;
          connections++;
          socket.textMessageHandler(text -> onMessage(new JsonObject(text)));
          socket.closeHandler(v -> onClosed(socket));
          socket.exceptionHandler(err -> { });
        })
        .onFailure(err -> vertx.setTimer(RECONNECT_DELAY_MS, id -> connect()));
  }

  private void onClosed(WebSocket socket) {
    if (socket != ws) {
      return;
    }
    synchronized (this) {
      closes.merge(socket.closeStatusCode() == null ? -1 : (int) socket.closeStatusCode(), 1, Integer::sum);
    }
    streaming = false;
    if (heartbeatTimer >= 0) {
      vertx.cancelTimer(heartbeatTimer);
      heartbeatTimer = -1;
    }
    vertx.setTimer(RECONNECT_DELAY_MS, id -> connect());
  }

  private void onMessage(JsonObject message) {
    switch (message.getInteger("op", -1)) {
      case 10 -> onHello(message.getJsonObject("d").getLong("heartbeat_interval"));
      case 9 -> {
        invalidSessions++;
        sessionId = null;
        lastN = -1;
        identify();
      }
      case 7 -> ws.close((short) 4000, "reconnect requested");
      case 0 -> onDispatch(message);
      default -> { }
    }
  }

  private void onHello(long interval) {
    WebSocket socket = ws;
    heartbeatTimer = vertx.setPeriodic(interval, id -> {
      if (!socket.isClosed()) {
        socket.writeTextMessage(new JsonObject().put("op", 1).put("d", lastS).encode());
      }
    });
    if (sessionId == null) {
      identify();
    } else {
      ws.writeTextMessage(new JsonObject().put("op", 6).put("d", new JsonObject().put("token", token)
          .put("session_id", sessionId).put("seq", lastS)).encode());
    }
  }

  private void identify() {
    identifies++;
    ws.writeTextMessage(new JsonObject().put("op", 2).put("d", new JsonObject().put("token", token)
        .put("intents", 513).put("shard", new JsonArray().add(shard).add(shards))
        .put("properties", new JsonObject().put("os", "linux").put("browser", "chaos").put("device", "chaos")))
        .encode());
  }

  private void onDispatch(JsonObject message) {
    dispatches++;
    String type = message.getString("t");
    long s = message.getLong("s");
    if ("READY".equals(type)) {
      sessionId = message.getJsonObject("d").getString("session_id");
      lastS = s;
      inReadyBurst = true;
      streaming = true;
      return;
    }
    if (s != lastS + 1) {
      violation("s " + s + " after " + lastS + " (" + type + ")");
    }
    lastS = s;
    if ("RESUMED".equals(type)) {
      resumes++;
      streaming = true;
      return;
    }
    boolean crafted = inReadyBurst && ("GUILD_CREATE".equals(type) || "GUILD_DELETE".equals(type));
    inReadyBurst &= crafted;
    Object d = message.getValue("d");
    if (crafted || !(d instanceof JsonObject data) || !(data.getValue("_sim") instanceof JsonObject sim)) {
      return;
    }
    long n = sim.getLong("n");
    if (lastN >= 0 && n != lastN + 1) {
      violation((n <= lastN ? "duplicate or reorder" : "gap") + ": event " + n + " after " + lastN + " (" + type + ")");
    }
    lastN = n;
    lastSeenN = n;
  }

  private synchronized void violation(String what) {
    if (violations.size() < MAX_VIOLATIONS) {
      violations.add(name + ": " + what);
    }
  }
}
