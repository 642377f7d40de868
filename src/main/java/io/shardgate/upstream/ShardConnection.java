package io.shardgate.upstream;

import io.shardgate.protocol.Envelope;
import io.shardgate.protocol.EnvelopeScanner;
import io.shardgate.protocol.MalformedPayloadException;
import io.shardgate.protocol.Opcodes;
import io.shardgate.protocol.ZlibStreamInflater;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shard's Discord connection as a state machine (see {@link ShardState}): connect, HELLO,
 * IDENTIFY through the {@link IdentifyQueue} or RESUME, heartbeats with zombie detection, and the
 * reaction to every opcode and close code. Runs on one Vert.x context; not thread-safe.
 *
 * <p>Each websocket gets a generation number. Whenever the shard gives up on a socket it bumps the
 * generation first, so late messages or close events of an abandoned socket are ignored instead of
 * racing the new connection.
 */
public final class ShardConnection {

  /** Listener of what the connection produces. Called on the shard's context. */
  public interface Listener {
    /** A dispatch to relay: every op 0 except the upstream READY and RESUMED. */
    void onDispatch(byte[] payload, Envelope envelope);

    /** A new session's READY {@code d}: the cache restarts from it. */
    void onReady(JsonObject readyData);

    void onStatus(ShardStatus status);
  }

  /** Closing with any code but 1000/1001 keeps the Discord session resumable (invariant 5). */
  static final short RESUMABLE_CLOSE_CODE = 4900;
  private static final int MAX_RESUME_URL_FAILURES = 2;
  private static final long INVALID_SESSION_MIN_DELAY_MS = 1_000;
  private static final long INVALID_SESSION_MAX_DELAY_MS = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(ShardConnection.class);

  private final ShardOptions options;
  private final WebSocketClient client;
  private final IdentifyQueue identifyQueue;
  private final Scheduler scheduler;
  private final Listener listener;
  private final Random random;
  private final Heartbeater heartbeater;
  private final Backoff backoff;
  private final CommandQueue commands;

  private WebSocket socket;
  private ZlibStreamInflater inflater;
  private int generation;
  private boolean helloReceived;
  private boolean identifyPermitPending;
  /** Held from IDENTIFY until its answer: the bucket's window starts then. */
  private IdentifyPermit identifyInFlight;
  private boolean stopped;
  private long reconnectTimer = -1;
  private int resumeUrlFailures;

  private ShardState state = ShardState.DISCONNECTED;
  private GatewaySession session;
  private JsonObject ready;
  private long sequence;
  private int identifies;
  private int resumes;

  public ShardConnection(ShardOptions options, WebSocketClient client, IdentifyQueue identifyQueue,
      Scheduler scheduler, Listener listener, Random random) {
    this.options = options;
    this.client = client;
    this.identifyQueue = identifyQueue;
    this.scheduler = scheduler;
    this.listener = listener;
    this.random = random;
    this.heartbeater = new Heartbeater(scheduler, this::sendHeartbeat, this::onZombie, random::nextDouble);
    this.backoff = new Backoff(options.backoffBaseMs(), options.backoffMaxMs(), random::nextDouble);
    this.commands = new CommandQueue(scheduler, options.commandQueueLimit(),
        () -> state == ShardState.ACTIVE && socket != null, this::sendNow);
  }

  /** Starts with a session to RESUME (a checkpoint handed over by a previous owner), or null. */
  public void start(GatewaySession resumeFrom) {
    session = resumeFrom;
    sequence = resumeFrom == null ? 0 : resumeFrom.sequence();
    connect();
  }

  /**
   * Closes the connection WITHOUT ending the Discord session (never 1000/1001), so another owner
   * can resume it.
   */
  public Future<Void> stop() {
    identifyAnswered();
    stopped = true;
    scheduler.cancel(reconnectTimer);
    commands.stop();
    heartbeater.stop();
    generation++;
    WebSocket closing = socket;
    socket = null;
    setState(ShardState.DISCONNECTED);
    if (closing == null || closing.isClosed()) {
      return Future.succeededFuture();
    }
    return closing.close(RESUMABLE_CLOSE_CODE, "shardgate shutting down");
  }

  /** Queues a gateway command (op 3, 4, 8, 31, 43…) for the 120/60 s limiter. */
  public Future<Void> submitCommand(String payload) {
    if (state == ShardState.FATALLY_CLOSED) {
      return Future.failedFuture("shard " + options.shardId() + " is fatally closed");
    }
    if (!commands.offer(payload)) {
      return Future.failedFuture("shard " + options.shardId() + " has " + commands.size()
          + " commands waiting for Discord's rate limit; try again later");
    }
    return Future.succeededFuture();
  }

  public ShardStatus status() {
    return new ShardStatus(options.shardId(), state, currentSession(), ready, heartbeater.latencyMillis(),
        identifies, resumes);
  }

  private GatewaySession currentSession() {
    return session == null ? null : session.withSequence(sequence);
  }

  private void connect() {
    reconnectTimer = -1;
    if (stopped) {
      return;
    }
    int connecting = ++generation;
    // RESUME goes to resume_gateway_url; if that host stays unreachable, Discord's main gateway URL
    // accepts the RESUME too.
    boolean useResumeUrl = session != null && resumeUrlFailures < MAX_RESUME_URL_FAILURES;
    String base = useResumeUrl ? session.resumeGatewayUrl() : options.gatewayUrl();
    WebSocketConnectOptions connectOptions = new WebSocketConnectOptions()
        .setAbsoluteURI(GatewayUrls.withQuery(base));
    client.connect(connectOptions).onComplete(ar -> {
      if (connecting != generation || stopped) {
        if (ar.succeeded()) {
          ar.result().close(RESUMABLE_CLOSE_CODE);
        }
        return;
      }
      if (ar.failed()) {
        LOG.warn("shard {}: cannot connect to {}: {}", options.shardId(), base, ar.cause().getMessage());
        if (useResumeUrl) {
          resumeUrlFailures++;
        }
        scheduleReconnect(backoff.nextDelayMillis());
      } else {
        resumeUrlFailures = 0;
        attach(ar.result(), connecting);
      }
    });
  }

  private void attach(WebSocket ws, int gen) {
    socket = ws;
    helloReceived = false;
    inflater = new ZlibStreamInflater(options.maxMessageBytes());
    ws.binaryMessageHandler(data -> onCompressed(gen, data));
    ws.textMessageHandler(text -> onPayload(gen, text.getBytes(StandardCharsets.UTF_8)));
    ws.exceptionHandler(err -> LOG.debug("shard {}: websocket error: {}", options.shardId(), err.toString()));
    ws.closeHandler(v -> onClosed(gen, ws.closeStatusCode(), ws.closeReason()));
  }

  private void onCompressed(int gen, Buffer data) {
    if (gen != generation) {
      return;
    }
    byte[] message;
    try {
      message = inflater.feed(data);
    } catch (RuntimeException e) {
      LOG.warn("shard {}: cannot inflate the gateway stream ({}); reconnecting to resume",
          options.shardId(), e.getMessage());
      reconnect(0, "corrupt compressed stream");
      return;
    }
    if (message != null) {
      onPayload(gen, message);
    }
  }

  private void onPayload(int gen, byte[] payload) {
    if (gen != generation) {
      return;
    }
    Envelope envelope;
    try {
      envelope = EnvelopeScanner.scan(payload, 0, payload.length);
    } catch (MalformedPayloadException e) {
      LOG.warn("shard {}: unreadable payload from the gateway ({}); reconnecting to resume",
          options.shardId(), e.getMessage());
      reconnect(0, "unreadable payload");
      return;
    }
    switch (envelope.op()) {
      case Opcodes.DISPATCH -> onDispatch(payload, envelope);
      case Opcodes.HEARTBEAT -> heartbeater.beatNow();
      case Opcodes.HEARTBEAT_ACK -> {
        heartbeater.acknowledged();
        listener.onStatus(status()); // the new latency, once per heartbeat interval
      }
      case Opcodes.HELLO -> onHello(payload);
      case Opcodes.RECONNECT -> {
        LOG.info("shard {}: Discord asked to reconnect (op 7); resuming", options.shardId());
        reconnect(0, "reconnect requested");
      }
      case Opcodes.INVALID_SESSION -> onInvalidSession(payload, envelope);
      default -> LOG.debug("shard {}: ignoring op {}", options.shardId(), envelope.op());
    }
  }

  private void onHello(byte[] payload) {
    long interval = parse(payload).getJsonObject("d").getLong("heartbeat_interval");
    helloReceived = true;
    commands.newConnection(interval);
    heartbeater.start(interval);
    if (session != null) {
      sendResume();
    } else {
      awaitIdentifyPermit();
    }
  }

  private void sendResume() {
    setState(ShardState.RESUMING);
    resumes++;
    LOG.info("shard {}: resuming session at seq {}", options.shardId(), sequence);
    JsonObject d = new JsonObject()
        .put("token", options.token())
        .put("session_id", session.sessionId())
        .put("seq", sequence);
    sendNow(new JsonObject().put("op", Opcodes.RESUME).put("d", d).encode());
  }

  private void awaitIdentifyPermit() {
    setState(ShardState.IDENTIFYING);
    if (identifyPermitPending) {
      // A permit asked for by an earlier socket is still coming: it will serve this one.
      return;
    }
    identifyPermitPending = true;
    identifyQueue.acquire(options.shardId()).onComplete(ar -> {
      identifyPermitPending = false;
      if (ar.failed()) {
        LOG.error("shard {}: identify queue failed: {}", options.shardId(), ar.cause().getMessage());
        reconnect(backoff.nextDelayMillis(), "identify queue failed");
      } else if (state == ShardState.IDENTIFYING && helloReceived && socket != null && !stopped) {
        identifyInFlight = ar.result();
        sendIdentify();
      } else {
        ar.result().unused();
      }
    });
  }

  private void sendIdentify() {
    identifies++;
    LOG.info("shard {}: identifying", options.shardId());
    JsonObject d = new JsonObject()
        .put("token", options.token())
        .put("intents", options.intents())
        .put("properties", new JsonObject().put("os", System.getProperty("os.name", "linux").toLowerCase())
            .put("browser", "shardgate").put("device", "shardgate"))
        .put("shard", new JsonArray().add(options.shardId()).add(options.shardCount()))
        .put("large_threshold", ShardOptions.LARGE_THRESHOLD);
    if (options.presence() != null) {
      d.put("presence", options.presence());
    }
    sendNow(new JsonObject().put("op", Opcodes.IDENTIFY).put("d", d).encode());
  }

  private void onDispatch(byte[] payload, Envelope envelope) {
    if (envelope.s() > sequence) {
      sequence = envelope.s();
    }
    String type = envelope.t();
    if ("READY".equals(type)) {
      onReady(payload);
    } else if ("RESUMED".equals(type)) {
      LOG.info("shard {}: resumed at seq {}", options.shardId(), sequence);
      becomeActive();
    } else {
      listener.onDispatch(payload, envelope);
    }
  }

  private void onReady(byte[] payload) {
    identifyAnswered();
    JsonObject d = parse(payload).getJsonObject("d");
    String resumeUrl = d.getString("resume_gateway_url", options.gatewayUrl());
    session = new GatewaySession(d.getString("session_id"), sequence, resumeUrl);
    ready = d;
    JsonArray guilds = d.getJsonArray("guilds", new JsonArray());
    LOG.info("shard {}: READY with {} guilds", options.shardId(), guilds.size());
    listener.onReady(d);
    becomeActive();
  }

  private void becomeActive() {
    backoff.reset();
    setState(ShardState.ACTIVE);
    commands.drain();
  }

  private void onInvalidSession(byte[] payload, Envelope envelope) {
    identifyAnswered();
    boolean resumable = envelope.dStart() >= 0
        && new String(payload, envelope.dStart(), envelope.dEnd() - envelope.dStart(), StandardCharsets.US_ASCII)
            .trim().equals("true");
    if (!resumable) {
      session = null;
      sequence = 0;
    }
    LOG.warn("shard {}: invalid session (resumable: {}); {}", options.shardId(), resumable,
        resumable ? "resuming" : "identifying anew");
    long spread = INVALID_SESSION_MAX_DELAY_MS - INVALID_SESSION_MIN_DELAY_MS;
    reconnect(INVALID_SESSION_MIN_DELAY_MS + (long) (random.nextDouble() * spread), "invalid session");
  }

  private void onZombie() {
    LOG.warn("shard {}: no heartbeat ACK within {} ms: zombied connection, reconnecting to resume",
        options.shardId(), heartbeater.intervalMillis());
    reconnect(0, "zombied connection");
  }

  private void onClosed(int gen, Short code, String reason) {
    if (gen != generation) {
      return;
    }
    identifyAnswered();
    generation++;
    heartbeater.stop();
    socket = null;
    CloseAction action = CloseAction.forCode(code == null ? null : (int) code);
    String closed = code == null ? "dropped without a close frame" : "closed with " + code + " (" + reason + ")";
    switch (action) {
      case FATAL -> {
        LOG.error("shard {}: Discord {}. Not reconnecting: this needs an operator (check the token, "
            + "shard count and intents), then a restart.", options.shardId(), closed);
        setState(ShardState.FATALLY_CLOSED);
        return;
      }
      case IDENTIFY -> {
        LOG.warn("shard {}: Discord {}; the session is gone, identifying anew", options.shardId(), closed);
        session = null;
        sequence = 0;
      }
      case RESUME -> LOG.info("shard {}: Discord {}; resuming", options.shardId(), closed);
    }
    setState(ShardState.DISCONNECTED);
    scheduleReconnect(backoff.nextDelayMillis());
  }

  /** Abandons the current socket (without ending the session) and connects again after a delay. */
  private void reconnect(long delayMs, String why) {
    identifyAnswered();
    generation++;
    heartbeater.stop();
    WebSocket abandoned = socket;
    socket = null;
    if (abandoned != null && !abandoned.isClosed()) {
      abandoned.close(RESUMABLE_CLOSE_CODE, why);
    }
    setState(ShardState.DISCONNECTED);
    scheduleReconnect(delayMs);
  }

  private void scheduleReconnect(long delayMs) {
    if (!stopped) {
      scheduler.cancel(reconnectTimer);
      reconnectTimer = scheduler.schedule(delayMs, this::connect);
    }
  }

  /** Whatever became of the IDENTIFY in flight, Discord has seen it by now if it ever will. */
  private void identifyAnswered() {
    if (identifyInFlight != null) {
      identifyInFlight.answered();
      identifyInFlight = null;
    }
  }

  private void sendHeartbeat() {
    sendNow("{\"op\":1,\"d\":" + (sequence > 0 ? Long.toString(sequence) : "null") + "}");
  }

  private void sendNow(String payload) {
    if (socket == null) {
      return;
    }
    commands.recordSent();
    socket.writeTextMessage(payload);
  }

  private void setState(ShardState next) {
    state = next;
    listener.onStatus(status());
  }

  private static JsonObject parse(byte[] payload) {
    return new JsonObject(Buffer.buffer(payload));
  }
}
