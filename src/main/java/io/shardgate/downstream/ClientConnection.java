package io.shardgate.downstream;

import io.shardgate.cluster.EventBusAddresses;
import io.shardgate.cluster.FrameBatch;
import io.shardgate.cluster.ReadySnapshot;
import io.shardgate.protocol.CloseCode;
import io.shardgate.protocol.Envelope;
import io.shardgate.protocol.EnvelopeScanner;
import io.shardgate.protocol.GatewayFrame;
import io.shardgate.protocol.MalformedPayloadException;
import io.shardgate.protocol.Opcodes;
import io.shardgate.upstream.CommandLimiter;
import io.shardgate.upstream.ShardSync;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bot connection, speaking Discord's gateway protocol: HELLO, heartbeats, IDENTIFY answered with
 * a READY snapshot from the shard's owner, RESUME answered from the owner's replay window, commands
 * forwarded to the owner, every close code Discord would send. Relayed frames get this client's
 * {@code s} (see {@link ClientCursor}); while a snapshot or replay is on its way, live frames wait in
 * a bounded buffer so the seam has no gap and no duplicate. Runs on the client gateway's context.
 */
final class ClientConnection implements ShardFeeds.Subscriber {

  /** Discord's limit on a client payload. */
  static final int MAX_PAYLOAD_BYTES = 4096;
  /**
   * Live frames held while a snapshot or replay is on its way. They are references to frames the
   * shard's replay window holds anyway, so the bound is the window's, not the client's backpressure.
   */
  private static final int MAX_WAITING_FRAMES = 50_000;
  /** A READY snapshot may wait for the shard's first READY: as long as Discord might take. */
  private static final long SYNC_TIMEOUT_MS = 10 * 60_000;
  /** How long a bot waits for a shard that is changing owner before it is closed (to reconnect). */
  private static final long OWNER_WAIT_MS = 30_000;
  private static final long OWNER_RETRY_MS = 250;
  private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

  private enum Phase { AWAITING_IDENTIFY, SYNCING, STREAMING, CLOSED }

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final ClientTransport transport;
  private final ClientGatewayOptions options;
  private final ShardFeeds feeds;
  private final ClientSessions sessions;
  private final TokenCheck tokenCheck;
  private final NonceRoutes nonceRoutes;
  private final ClientSequencer sequencer;
  private final SessionHandover handover;
  private final ServedShardSet served;
  private final CommandLimiter limiter = new CommandLimiter(CommandLimiter.DISCORD_LIMIT, CommandLimiter.DISCORD_PERIOD_MS, 0);
  private final ArrayDeque<GatewayFrame> waiting = new ArrayDeque<>();
  private final String remote;
  private Phase phase = Phase.AWAITING_IDENTIFY;
  private ClientSessions.Session session;
  private int shardId = -1;
  private long heartbeatDeadline = -1;

  ClientConnection(Vertx vertx, ServerWebSocket ws, ClientTransport.Compression compression,
      ClientGatewayOptions options, ShardFeeds feeds, ClientSessions sessions, TokenCheck tokenCheck,
      NonceRoutes nonceRoutes, SessionHandover handover, ServedShardSet served) {
    this.served = served;
    this.nonceRoutes = nonceRoutes;
    this.handover = handover;
    this.sequencer = new ClientSequencer(nonceRoutes, handover::cursorMoved);
    this.vertx = vertx;
    this.ws = ws;
    this.options = options;
    this.feeds = feeds;
    this.sessions = sessions;
    this.tokenCheck = tokenCheck;
    this.remote = String.valueOf(ws.remoteAddress());
    this.transport = new ClientTransport(ws, compression, options.backpressure(), this::onOverflow);
  }

  void start() {
    ws.textMessageHandler(text -> onPayload(Buffer.buffer(text)));
    ws.binaryMessageHandler(data -> close(CloseCode.DECODE_ERROR, "Binary payloads are not supported: send JSON text."));
    ws.closeHandler(v -> onClosed());
    ws.exceptionHandler(err -> LOG.debug("client {}: {}", remote, err.toString()));
    transport.send(ClientPayloads.hello(options.heartbeatIntervalMs()));
    armHeartbeatDeadline();
  }

  @Override
  public void onFrame(GatewayFrame frame) {
    if (phase == Phase.SYNCING) {
      if (waiting.size() >= MAX_WAITING_FRAMES) {
        onOverflow();
      } else {
        waiting.add(frame);
      }
    } else if (phase == Phase.STREAMING) {
      relay(frame, true);
    }
  }

  /**
   * Writes a relayed frame with this client's s. Live frames count against the backpressure bound;
   * a replay is a burst the client asked for, written like READY's.
   */
  private void relay(GatewayFrame frame, boolean live) {
    if (live && frame.rseq() > session.cursor.lastRseq() + 1) {
      // Frames were relayed that this client never saw (the shard moved to a new owner): never a
      // silent gap. It RESUMEs and gets them, or op 9 if nobody holds them any more.
      LOG.warn("client {}: shard {} stream jumped from rseq {} to {}; closing so it resumes", remote, shardId,
          session.cursor.lastRseq(), frame.rseq());
      close(CloseCode.UNKNOWN_ERROR, "Stream interrupted: RESUME.");
      return;
    }
    Buffer payload = sequencer.sequence(session, frame);
    if (payload == null) {
      return;
    }
    if (live) {
      transport.relay(payload);
    } else {
      transport.send(payload);
    }
  }

  private void onPayload(Buffer payload) {
    if (phase == Phase.CLOSED) {
      return;
    }
    if (payload.length() > MAX_PAYLOAD_BYTES) {
      close(CloseCode.DECODE_ERROR, "Payload larger than " + MAX_PAYLOAD_BYTES + " bytes.");
      return;
    }
    long now = System.nanoTime() / 1_000_000;
    if (limiter.delayMillis(now) > 0) {
      close(CloseCode.RATE_LIMITED, "You are being rate limited.");
      return;
    }
    limiter.record(now);
    byte[] bytes = payload.getBytes();
    Envelope envelope;
    try {
      envelope = EnvelopeScanner.scan(bytes, 0, bytes.length);
    } catch (MalformedPayloadException e) {
      close(CloseCode.DECODE_ERROR, "Error while decoding payload.");
      return;
    }
    switch (envelope.op()) {
      case Opcodes.HEARTBEAT -> {
        armHeartbeatDeadline();
        transport.send(ClientPayloads.heartbeatAck());
      }
      case Opcodes.IDENTIFY -> onIdentify(data(bytes, envelope));
      case Opcodes.RESUME -> onResume(data(bytes, envelope));
      case Opcodes.PRESENCE_UPDATE, Opcodes.VOICE_STATE_UPDATE, Opcodes.REQUEST_GUILD_MEMBERS,
          Opcodes.REQUEST_SOUNDBOARD_SOUNDS, Opcodes.REQUEST_CHANNEL_INFO -> onCommand(payload, envelope.op());
      default -> close(CloseCode.UNKNOWN_OPCODE, "Unknown opcode.");
    }
  }

  private void onIdentify(JsonObject d) {
    if (phase != Phase.AWAITING_IDENTIFY) {
      close(CloseCode.ALREADY_AUTHENTICATED, "You sent more than one identify payload.");
      return;
    }
    if (d == null) {
      close(CloseCode.DECODE_ERROR, "Error while decoding payload.");
      return;
    }
    if (!tokenCheck.accepts(d.getValue("token"))) {
      LOG.info("client {}: IDENTIFY with a wrong token", remote);
      close(CloseCode.AUTHENTICATION_FAILED, "Authentication failed.");
      return;
    }
    ShardCheck.Result checked = ShardCheck.check(d.getValue("shard"), options.totalShards(), served);
    if (!checked.accepted()) {
      close(checked.refusal(), checked.reason());
      return;
    }
    int shard = checked.shardId();
    if (Boolean.TRUE.equals(d.getValue("compress"))) {
      transport.usePayloadCompression();
    }
    int largeThreshold = d.getValue("large_threshold") instanceof Integer t ? Math.max(50, Math.min(250, t)) : 50;
    shardId = shard;
    phase = Phase.SYNCING;
    JsonObject request = new JsonObject().put("kind", ShardSync.KIND_IDENTIFY).put("large_threshold", largeThreshold);
    feeds.join(shard, this)
        .compose(v -> askShard(request, System.currentTimeMillis() + OWNER_WAIT_MS))
        .onComplete(ar -> {
          if (phase != Phase.SYNCING) {
            return;
          }
          if (ar.failed()) {
            syncFailed("IDENTIFY", ar.cause());
          } else {
            sendReady(ReadySnapshot.fromBuffer(ar.result().body()));
          }
        });
  }

  private void sendReady(ReadySnapshot snapshot) {
    String sessionId = ClientSessions.newSessionId();
    JsonObject ready = new JsonObject(snapshot.ready())
        .put("session_id", sessionId)
        .put("resume_gateway_url", options.externallyAccessibleUrl())
        .put("shard", new JsonArray().add(shardId).add(options.totalShards()));
    List<ReadySnapshot.GuildPayload> guilds = snapshot.guilds();
    session = sessions.create(sessionId, shardId, new ClientCursor(snapshot.rseq(), 1L + guilds.size()), this);
    handover.held(session);
    transport.send(ClientPayloads.dispatch("READY", 1, ready.toBuffer()));
    long s = 2;
    for (ReadySnapshot.GuildPayload guild : guilds) {
      transport.send(ClientPayloads.dispatch(guild.eventType(), s++, guild.data()));
    }
    LOG.info("client {}: READY on shard {} with {} guilds", remote, shardId, guilds.size());
    startStreaming();
  }

  private void onResume(JsonObject d) {
    if (phase != Phase.AWAITING_IDENTIFY) {
      close(CloseCode.ALREADY_AUTHENTICATED, "Already authenticated.");
      return;
    }
    if (d == null) {
      close(CloseCode.DECODE_ERROR, "Error while decoding payload.");
      return;
    }
    if (!tokenCheck.accepts(d.getValue("token"))) {
      close(CloseCode.AUTHENTICATION_FAILED, "Authentication failed.");
      return;
    }
    String sessionId = d.getValue("session_id") instanceof String id ? id : null;
    long seq = d.getValue("seq") instanceof Number n ? n.longValue() : -1;
    phase = Phase.SYNCING; // no second IDENTIFY or RESUME while the session is looked up
    (sessionId == null ? Future.<SessionHandover.Claimed>succeededFuture(null) : handover.claim(sessionId))
        .onComplete(ar -> {
          if (phase == Phase.SYNCING) {
            resumeClaimed(ar.succeeded() ? ar.result() : null, seq);
          }
        });
  }

  private void resumeClaimed(SessionHandover.Claimed claimed, long seq) {
    if (claimed == null) {
      LOG.info("client {}: RESUME of an unknown session; invalid session", remote);
      phase = Phase.AWAITING_IDENTIFY;
      transport.send(ClientPayloads.invalidSession(false));
      return;
    }
    ClientSessions.Session resumed = claimed.session();
    // A session whose node died is recorded as of its last IDENTIFY, RESUME or member chunk: the bot
    // may have seen more since. Its replay starts at the record and skips what the bot already has.
    boolean fastForward = claimed.stale() && seq > resumed.cursor.lastS();
    if (seq > resumed.cursor.lastS() && !fastForward) {
      LOG.info("client {}: RESUME of shard {} at seq {}, but the session only reached {}", remote, resumed.shardId,
          seq, resumed.cursor.lastS());
      sessions.forget(resumed); // as Discord does: a session resumed with a seq it never sent is over
      handover.ended(resumed.id);
      close(CloseCode.INVALID_SEQ, "Invalid seq: " + seq + " was never sent on this session.");
      return;
    }
    long afterRseq = fastForward ? resumed.cursor.lastRseq() : resumed.cursor.rewindTo(seq);
    if (afterRseq < 0) {
      LOG.info("client {}: RESUME of shard {} at seq {} cannot be served; invalid session", remote,
          resumed.shardId, seq);
      sessions.forget(resumed);
      handover.ended(resumed.id);
      phase = Phase.AWAITING_IDENTIFY;
      transport.send(ClientPayloads.invalidSession(false));
      return;
    }
    if (resumed.connection != null && resumed.connection != this) {
      resumed.connection.close(CloseCode.UNKNOWN_ERROR, "Session resumed elsewhere.");
    }
    resumed.connection = this;
    session = resumed;
    shardId = resumed.shardId;
    JsonObject request = new JsonObject().put("kind", ShardSync.KIND_RESUME).put("after_rseq", afterRseq);
    if (fastForward) {
      // Where the bot is, if its stream had no break since the record (else the walk fails anyway):
      // a new owner still replaying must reach it before it answers.
      request.put("until_rseq", afterRseq + (seq - resumed.cursor.lastS()));
    }
    feeds.join(shardId, this)
        .compose(v -> askShard(request, System.currentTimeMillis() + OWNER_WAIT_MS))
        .onComplete(ar -> {
          if (phase != Phase.SYNCING) {
            return;
          }
          if (ar.failed()) {
            syncFailed("RESUME", ar.cause());
          } else {
            replay(FrameBatch.decode(ar.result().body()), fastForward ? seq : -1);
          }
        });
  }

  /**
   * Replays what the bot missed, then RESUMED. The session is recorded in the cluster, RESUMED's s
   * included, before any of it is written: should this node die, the next one maps the bot's s exactly.
   */
  private void replay(List<GatewayFrame> frames, long seenUpToS) {
    List<Buffer> payloads = sequencer.replay(session, frames, seenUpToS);
    if (payloads == null) {
      LOG.info("client {}: RESUME of shard {} at seq {}: its old node died and what it saw cannot be told "
          + "apart; invalid session", remote, shardId, seenUpToS);
      endSession();
      return;
    }
    long s = session.cursor.craft();
    payloads.add(ClientPayloads.dispatch("RESUMED", s, Buffer.buffer("{\"_trace\":[\"shardgate\"]}")));
    handover.held(session).onComplete(ar -> {
      if (phase != Phase.SYNCING) {
        return;
      }
      payloads.forEach(transport::send);
      LOG.info("client {}: RESUMED on shard {}, {} events replayed", remote, shardId, payloads.size() - 1);
      startStreaming();
    });
  }

  private void startStreaming() {
    phase = Phase.STREAMING;
    while (!waiting.isEmpty() && phase == Phase.STREAMING) {
      relay(waiting.poll(), false); // part of the sync burst, like the replay
    }
  }

  /**
   * Asks the shard's owner for a snapshot or a replay. While the shard changes owner (a few seconds:
   * nobody answers, or the stopping owner says so) the bot waits, heartbeating, rather than being
   * closed into a reconnect loop; after {@code deadline}, the failure stands.
   */
  private Future<io.vertx.core.eventbus.Message<Buffer>> askShard(JsonObject request, long deadline) {
    return vertx.eventBus().<Buffer>request(EventBusAddresses.shardSync(shardId), request,
        new DeliveryOptions().setSendTimeout(SYNC_TIMEOUT_MS)).recover(err -> {
          boolean ownerChanging = err instanceof ReplyException reply
              && (reply.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS
                  || reply.failureCode() == ShardSync.BUSY);
          if (!ownerChanging || phase != Phase.SYNCING || System.currentTimeMillis() > deadline) {
            return Future.failedFuture(err);
          }
          io.vertx.core.Promise<io.vertx.core.eventbus.Message<Buffer>> retried = io.vertx.core.Promise.promise();
          vertx.setTimer(OWNER_RETRY_MS, id -> askShard(request, deadline).onComplete(retried));
          return retried.future();
        });
  }

  private void syncFailed(String what, Throwable cause) {
    int code = cause instanceof ReplyException reply ? reply.failureCode() : -1;
    if (code == ShardSync.GONE && session != null) {
      // The replay window moved past this client: the truth is a new session.
      endSession();
      return;
    }
    LOG.warn("client {}: {} for shard {} failed: {}", remote, what, shardId, cause.getMessage());
    close(CloseCode.UNKNOWN_ERROR, "Shard " + shardId + " is unavailable; reconnect.");
  }

  /** The session cannot continue: op 9 {@code d:false}, and the bot may IDENTIFY on this connection. */
  private void endSession() {
    sessions.forget(session);
    handover.ended(session.id);
    session = null;
    leaveFeed();
    phase = Phase.AWAITING_IDENTIFY;
    waiting.clear();
    transport.send(ClientPayloads.invalidSession(false));
  }

  private void onCommand(Buffer payload, int op) {
    if (phase == Phase.AWAITING_IDENTIFY) {
      close(CloseCode.NOT_AUTHENTICATED, "You sent a payload prior to identifying.");
      return;
    }
    String command = op == Opcodes.REQUEST_GUILD_MEMBERS ? nonceRoutes.withOurNonce(payload, session.id)
        : payload.toString();
    if (command == null) {
      close(CloseCode.DECODE_ERROR, "Error while decoding payload.");
      return;
    }
    vertx.eventBus().request(EventBusAddresses.shardCommand(shardId), command).onFailure(err -> {
      LOG.warn("client {}: op {} for shard {} refused: {}", remote, op, shardId, err.getMessage());
      close(CloseCode.RATE_LIMITED, "Commands for shard " + shardId + " exceed Discord's rate limit.");
    });
  }

  private void armHeartbeatDeadline() {
    if (heartbeatDeadline >= 0) {
      vertx.cancelTimer(heartbeatDeadline);
    }
    long grace = options.heartbeatIntervalMs() + options.heartbeatIntervalMs() / 2;
    heartbeatDeadline = vertx.setTimer(grace, id -> {
      heartbeatDeadline = -1;
      LOG.info("client {}: no heartbeat for {} ms", remote, grace);
      // Resumable on purpose: the session and the shard's replay window keep what it missed.
      close(CloseCode.UNKNOWN_ERROR, "Heartbeat timed out.");
    });
  }

  private void onOverflow() {
    LOG.warn("client {}: more than {} frames waiting on shard {}: too slow, closing (it can RESUME)", remote,
        options.backpressure(), shardId);
    close(CloseCode.UNKNOWN_ERROR, "Client too slow: RESUME to get the missed events.");
  }

  /** Closes with a gateway close code; sessions stay resumable unless the code says otherwise. */
  void close(CloseCode code, String reason) {
    if (phase == Phase.CLOSED) {
      return;
    }
    if (session != null && !code.resumable()) {
      sessions.forget(session);
      handover.ended(session.id);
    }
    release();
    ws.close((short) code.code(), reason);
  }

  private void onClosed() {
    release();
  }

  private void release() {
    if (phase == Phase.CLOSED) {
      return;
    }
    phase = Phase.CLOSED;
    if (heartbeatDeadline >= 0) {
      vertx.cancelTimer(heartbeatDeadline);
    }
    leaveFeed();
    if (session != null && session.connection == this) {
      sessions.detach(session, System.nanoTime() / 1_000_000);
      if (sessions.find(session.id) == session) {
        handover.detached(session);
      }
    }
    waiting.clear();
    transport.close();
  }

  private void leaveFeed() {
    if (shardId >= 0) {
      feeds.leave(shardId, this);
    }
  }

  private static JsonObject data(byte[] bytes, Envelope envelope) {
    if (envelope.dStart() < 0) {
      return null;
    }
    try {
      Object d = io.vertx.core.json.Json.decodeValue(Buffer.buffer(bytes).slice(envelope.dStart(), envelope.dEnd()));
      return d instanceof JsonObject object ? object : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
