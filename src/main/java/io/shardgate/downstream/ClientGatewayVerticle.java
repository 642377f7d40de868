package io.shardgate.downstream;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-facing side of a node: a websocket upgrade on any path is a bot connecting as to
 * Discord's gateway (as in gateway-proxy); other HTTP requests go to {@code httpHandler}
 * (/shard-count, /metrics, health).
 */
public final class ClientGatewayVerticle extends VerticleBase {

  /** Client payloads are at most 4096 bytes; larger frames are refused with 4002 by the connection. */
  private static final int MAX_CLIENT_FRAME_BYTES = 64 * 1024;
  private static final long SESSION_SWEEP_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(ClientGatewayVerticle.class);

  private final ClientGatewayOptions options;
  private final String host;
  private final int port;
  private final Handler<HttpServerRequest> httpHandler;
  private ShardFeeds feeds;
  private ClientSessions sessions;
  private TokenCheck tokenCheck;
  private NonceRoutes nonceRoutes;
  private SessionHandover handover;
  private HttpServer server;
  private volatile Map<Integer, Integer> clientsPerShard = Map.of();

  private final String nodeId;

  private final ServedShardSet served;
  private final boolean acceptClients;

  /**
   * @param acceptClients false on a node without the client role: it serves only HTTP, and a
   *                      websocket upgrade gets the router's 404
   */
  public ClientGatewayVerticle(ClientGatewayOptions options, ServedShardSet served, boolean acceptClients,
      String nodeId, String host, int port, Handler<HttpServerRequest> httpHandler) {
    this.options = options;
    this.served = served;
    this.acceptClients = acceptClients;
    this.nodeId = nodeId;
    this.host = host;
    this.port = port;
    this.httpHandler = httpHandler;
  }

  @Override
  public Future<?> start() {
    feeds = new ShardFeeds(vertx);
    sessions = new ClientSessions(options.sessionTimeoutMs(), options.maxSessions());
    tokenCheck = new TokenCheck(options.token());
    nonceRoutes = new NonceRoutes();
    handover = new SessionHandover(vertx, nodeId, sessions, options.sessionTimeoutMs());
    vertx.setPeriodic(SESSION_SWEEP_MS, id -> {
      sessions.expire(System.nanoTime() / 1_000_000);
      clientsPerShard = Map.copyOf(feeds.clientsPerShard());
      // Should this node die, its bots RESUME elsewhere from these records: keep them within the
      // seconds a new shard owner can replay (one small write per connected bot per sweep).
      sessions.attached().forEach(handover::cursorMoved);
    });
    server = vertx.createHttpServer(new HttpServerOptions()
            .setMaxWebSocketFrameSize(MAX_CLIENT_FRAME_BYTES)
            .setMaxWebSocketMessageSize(MAX_CLIENT_FRAME_BYTES)
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false))
        .requestHandler(httpHandler);
    if (acceptClients) {
      server.webSocketHandshakeHandler(this::handshake).webSocketHandler(this::connected);
    }
    return handover.start().compose(v -> server.listen(port, host)).onSuccess(s ->
        LOG.info("{} at {}:{} ({} shards)", acceptClients ? "gateway for clients and HTTP" : "HTTP only", host,
            s.actualPort(), options.totalShards()));
  }

  /**
   * A node stopping (a rolling deploy): every bot is closed with 4000, which bot libraries treat as
   * resumable, and its session is recorded in the cluster first, so it RESUMEs on another node.
   */
  @Override
  public Future<?> stop() {
    java.util.List<Future<?>> recorded = new java.util.ArrayList<>();
    for (ClientSessions.Session session : sessions.attached()) {
      session.connection.close(io.shardgate.protocol.CloseCode.UNKNOWN_ERROR,
          "shardgate node restarting: RESUME on another node.");
      recorded.add(handover.detached(session));
    }
    return Future.join(recorded)
        .eventually(() -> Future.join(handover.stop(), server == null ? Future.succeededFuture() : server.close()));
  }

  /** The port actually bound (port 0 picks one). */
  public int actualPort() {
    return server.actualPort();
  }

  /** Clients per shard on this node, refreshed every few seconds (for /metrics). */
  public Supplier<Map<Integer, Integer>> clientsPerShard() {
    return () -> clientsPerShard;
  }

  private void handshake(ServerWebSocketHandshake handshake) {
    // Refusals here would be HTTP errors a bot library cannot read; accept and close with a reason.
    handshake.accept();
  }

  private void connected(ServerWebSocket ws) {
    ClientQuery query = ClientQuery.parse(ws.query());
    if (query.refusal() != null) {
      ws.close((short) query.refusal().code(), query.refusalReason());
      return;
    }
    new ClientConnection(vertx, ws, query.compression(), options, feeds, sessions, tokenCheck, nonceRoutes,
        handover, served).start();
  }
}
