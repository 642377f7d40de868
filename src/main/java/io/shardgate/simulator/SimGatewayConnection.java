package io.shardgate.simulator;

import io.shardgate.protocol.Opcodes;
import io.shardgate.protocol.PayloadCompression;
import io.shardgate.protocol.ZlibStreamDeflater;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One client websocket: transport (plain text, zlib-stream, or per-payload zlib), HELLO and the
 * heartbeat watchdog, the command limit, decoding, and routing of each op. Event-loop confined.
 */
final class SimGatewayConnection {
  /** Client payloads above this many bytes get 4002, as on Discord. */
  static final int MAX_CLIENT_PAYLOAD_BYTES = 4096;
  /** Allowance for network jitter on top of 1.5 heartbeat intervals before a silent client is closed. */
  static final long MAX_HEARTBEAT_SLACK_MS = 5_000;
  /**
   * Bytes the server buffers for a client that does not read. Beyond it the client is closed with a
   * resumable 4000 (Discord drops clients that cannot keep up) instead of growing the heap forever.
   */
  static final int MAX_PENDING_WRITE_BYTES = 256 * 1024 * 1024;
  private static final Set<Integer> SESSION_COMMANDS = Set.of(Opcodes.PRESENCE_UPDATE, Opcodes.VOICE_STATE_UPDATE,
      Opcodes.REQUEST_GUILD_MEMBERS, Opcodes.REQUEST_SOUNDBOARD_SOUNDS, Opcodes.REQUEST_CHANNEL_INFO);

  private final SimGateway gateway;
  private final ServerWebSocket ws;
  /** The upgraded HTTP connection: closing it drops TCP without a websocket close frame. */
  private final HttpConnection transport;
  private final String path;
  private final ZlibStreamDeflater transportDeflater;
  private final SimCommandLimiter limiter;
  private long heartbeatTimerId = -1;
  private boolean payloadCompression;
  private SimSession session;
  private boolean closed;

  SimGatewayConnection(SimGateway gateway, ServerWebSocket ws, HttpConnection transport, String path,
      boolean zlibStream) {
    this.gateway = gateway;
    this.ws = ws;
    this.transport = transport;
    this.path = path;
    this.transportDeflater = zlibStream ? new ZlibStreamDeflater() : null;
    this.limiter = new SimCommandLimiter(gateway.clock());
  }

  void start() {
    ws.setWriteQueueMaxSize(MAX_PENDING_WRITE_BYTES);
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(buffer -> onText(buffer.toString(StandardCharsets.UTF_8)));
    ws.exceptionHandler(error -> { }); // a broken connection also ends in the close handler
    ws.closeHandler(v -> onClosed());
    write(SimPayloads.hello(gateway.options().heartbeatIntervalMs()));
    armHeartbeatWatchdog();
  }

  String path() {
    return path;
  }

  boolean transportCompressed() {
    return transportDeflater != null;
  }

  SimSession session() {
    return session;
  }

  int shard() {
    return session == null ? SimCounters.UNIDENTIFIED_SHARD : session.shardId();
  }

  void attach(SimSession attached, boolean compressPayloads) {
    this.session = attached;
    this.payloadCompression = compressPayloads;
  }

  /** The registry forgot the session (op 9 false, a session-ending close): IDENTIFY may come again. */
  void sessionForgotten(SimSession forgotten) {
    if (session == forgotten) {
      session = null;
    }
  }

  void sendDispatch(String payload) {
    // The peer's close frame may have arrived before our close handler ran: the session keeps the
    // payload in its log for a RESUME either way.
    if (closed || ws.isClosed()) {
      return;
    }
    if (ws.writeQueueFull()) {
      close(SimCloseCodes.UNKNOWN_ERROR, "Client too slow.");
      return;
    }
    gateway.counters().dispatchSent(shard());
    write(payload);
  }

  void sendOp(int op, Object data) {
    write(SimPayloads.op(op, data));
  }

  void sendInvalidSession(boolean resumable) {
    sendOp(Opcodes.INVALID_SESSION, resumable);
  }

  /** Closes with a close frame; a session-ending code forgets the session, any other keeps it resumable. */
  void close(int code, String reason) {
    close(code, reason, SimCloseCodes.endsSession(code));
  }

  /** Closes with a close frame, deciding explicitly whether the session ends (control drops keep it). */
  void close(int code, String reason, boolean endSession) {
    if (closed) {
      return;
    }
    shutDown(endSession);
    ws.close((short) code, reason);
  }

  /** Drops the TCP connection without a close frame, like a network failure; the session stays resumable. */
  void drop() {
    if (closed) {
      return;
    }
    shutDown(false);
    // HttpConnection.close() and Channel.close() both pass Vert.x's websocket handler, which sends a
    // close frame (1000) first; closing from the head of the pipeline skips it.
    if (transport instanceof ConnectionBase connection) {
      connection.channel().pipeline().firstContext().close();
    } else {
      transport.close();
    }
  }

  private void write(String json) {
    if (closed || ws.isClosed()) {
      return;
    }
    if (transportDeflater != null) {
      ws.writeBinaryMessage(Buffer.buffer(transportDeflater.compress(json.getBytes(StandardCharsets.UTF_8))));
    } else if (payloadCompression) {
      ws.writeBinaryMessage(Buffer.buffer(PayloadCompression.compress(json.getBytes(StandardCharsets.UTF_8))));
    } else {
      ws.writeTextMessage(json);
    }
  }

  private void onText(String text) {
    if (closed) {
      return;
    }
    if (text.length() > MAX_CLIENT_PAYLOAD_BYTES
        || text.getBytes(StandardCharsets.UTF_8).length > MAX_CLIENT_PAYLOAD_BYTES) {
      close(SimCloseCodes.DECODE_ERROR, "Payload too large.");
      return;
    }
    if (!limiter.tryAcquire()) {
      close(SimCloseCodes.RATE_LIMITED, "Rate limited.");
      return;
    }
    JsonObject payload;
    try {
      payload = new JsonObject(text);
    } catch (RuntimeException notJsonObject) {
      close(SimCloseCodes.DECODE_ERROR, "Error while decoding payload.");
      return;
    }
    if (!(payload.getValue("op") instanceof Integer op)) {
      close(SimCloseCodes.DECODE_ERROR, "Error while decoding payload.");
      return;
    }
    gateway.counters().command(shard(), op);
    handle(op, payload.getValue("d"));
  }

  private void handle(int op, Object data) {
    if (op == Opcodes.HEARTBEAT) {
      armHeartbeatWatchdog();
      if (gateway.heartbeatAcksEnabled(shard())) {
        sendOp(Opcodes.HEARTBEAT_ACK, null);
      }
    } else if (op == Opcodes.IDENTIFY || op == Opcodes.RESUME) {
      if (session != null) {
        close(SimCloseCodes.ALREADY_AUTHENTICATED, "Already authenticated.");
      } else if (!(data instanceof JsonObject d)) {
        close(SimCloseCodes.DECODE_ERROR, "Error while decoding payload.");
      } else if (op == Opcodes.IDENTIFY) {
        gateway.sessionStarter().identify(this, d);
      } else {
        gateway.sessionStarter().resume(this, d);
      }
    } else if (!SESSION_COMMANDS.contains(op)) {
      close(SimCloseCodes.UNKNOWN_OPCODE, "Unknown opcode.");
    } else if (session == null) {
      close(SimCloseCodes.NOT_AUTHENTICATED, "Not authenticated.");
    } else {
      gateway.guildCommands().handle(this, session, op, data);
    }
  }

  /**
   * Discord closes a connection that stops heartbeating with 4009 "Session timed out" and wants a new
   * session afterwards (its close-code table: "Your session timed out. Reconnect and start a new
   * one."), so the watchdog uses 4009, which also forgets the session.
   */
  private void armHeartbeatWatchdog() {
    if (heartbeatTimerId >= 0) {
      gateway.vertx().cancelTimer(heartbeatTimerId);
    }
    long interval = gateway.options().heartbeatIntervalMs();
    long timeout = interval + interval / 2 + Math.min(MAX_HEARTBEAT_SLACK_MS, interval / 2);
    heartbeatTimerId = gateway.vertx().setTimer(timeout, id -> {
      heartbeatTimerId = -1;
      close(SimCloseCodes.SESSION_TIMED_OUT, "Session timed out.");
    });
  }

  private void onClosed() {
    if (!closed) {
      shutDown(SimCloseCodes.clientCloseEndsSession(ws.closeStatusCode()));
    }
  }

  private void shutDown(boolean endSession) {
    closed = true;
    if (heartbeatTimerId >= 0) {
      gateway.vertx().cancelTimer(heartbeatTimerId);
      heartbeatTimerId = -1;
    }
    if (transportDeflater != null) {
      transportDeflater.close();
    }
    SimSession released = session;
    session = null;
    if (released != null) {
      if (endSession) {
        gateway.registry().forget(released);
      } else {
        gateway.registry().detached(released, this);
      }
    }
    gateway.connectionGone(this);
  }
}
