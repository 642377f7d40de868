package io.shardgate.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The gateway side of the simulator: accepts websockets and owns what connections share (sessions,
 * streams, rate limits, counters). Event-loop confined, except the thread-safe counters and logs.
 */
final class SimGateway {
  static final int API_VERSION = 10;
  /** READY's resume_gateway_url points here, so tests can tell resumes from fresh connections. */
  static final String RESUME_PATH = "/resume";
  static final String ZLIB_STREAM = "zlib-stream";

  private final Vertx vertx;
  private final SimulatorOptions options;
  private final Clock clock;
  private final SimWorld world;
  private final SimCounters counters;
  private final SimIdentifyBuckets identifyBuckets;
  private final SimShardStreams streams;
  private final SimSessionRegistry registry;
  private final SimDispatcher dispatcher;
  private final SimSessionStarter sessionStarter;
  private final SimGuildCommands guildCommands;
  private final Set<Integer> acksDisabledShards = new HashSet<>();
  private final Set<SimGatewayConnection> connections = new LinkedHashSet<>();
  private String gatewayUrl;

  SimGateway(Vertx vertx, SimulatorOptions options, Clock clock, SimWorld world, SimCounters counters,
      SimIdentifyBuckets identifyBuckets) {
    this.vertx = vertx;
    this.options = options;
    this.clock = clock;
    this.world = world;
    this.counters = counters;
    this.identifyBuckets = identifyBuckets;
    this.streams = new SimShardStreams(vertx, world, options.shards(), options.seed(), options.rate(),
        this::routeGenerated);
    this.registry = new SimSessionRegistry(vertx, options.sessionResumeTimeoutMs(), options.replayLogSize(),
        streams::shardOccupancy);
    this.dispatcher = new SimDispatcher(registry, clock, options.tagEvents(), options.shards());
    this.sessionStarter = new SimSessionStarter(this);
    this.guildCommands = new SimGuildCommands(this);
  }

  /** Called once the server is bound: the URL clients are told to connect to. */
  void listeningOn(String host, int port) {
    this.gatewayUrl = "ws://" + host + ":" + port;
  }

  String gatewayUrl() {
    return gatewayUrl;
  }

  String resumeGatewayUrl() {
    return gatewayUrl + RESUME_PATH;
  }

  /** Upgrades a gateway request; the query is checked after the upgrade, as Discord answers with close codes. */
  void accept(HttpServerRequest request) {
    String path = request.path();
    String version = request.getParam("v");
    String encoding = request.getParam("encoding");
    String compress = request.getParam("compress");
    HttpConnection transport = request.connection();
    request.toWebSocket().onSuccess(ws -> open(ws, transport, path, version, encoding, compress));
  }

  private void open(ServerWebSocket ws, HttpConnection transport, String path, String version, String encoding, String compress) {
    counters.connectionOpened(path);
    if (!String.valueOf(API_VERSION).equals(version)) {
      ws.close((short) SimCloseCodes.INVALID_API_VERSION, "Invalid API version.");
    } else if (encoding != null && !"json".equals(encoding)) {
      ws.close((short) SimCloseCodes.DECODE_ERROR, "The simulator only speaks encoding=json.");
    } else if (compress != null && !ZLIB_STREAM.equals(compress)) {
      ws.close((short) SimCloseCodes.DECODE_ERROR, "The simulator only supports compress=zlib-stream.");
    } else {
      SimGatewayConnection connection = new SimGatewayConnection(this, ws, transport, path, compress != null);
      connections.add(connection);
      connection.start();
    }
  }

  /** Live events of a shard's stream; events bound to no guild go to shard 0, as on Discord. */
  private void routeGenerated(int shard, SimEvent event) {
    dispatcher.broadcast(event.guildId() == null ? 0 : shard, event.type(), event.data());
  }

  void connectionGone(SimGatewayConnection connection) {
    connections.remove(connection);
  }

  /** The connections attached to sessions of the shard. */
  List<SimGatewayConnection> connectionsOf(int shard) {
    List<SimGatewayConnection> ofShard = new ArrayList<>();
    for (SimSession session : registry.sessionsOf(shard)) {
      if (session.connection() != null) {
        ofShard.add(session.connection());
      }
    }
    return ofShard;
  }

  boolean heartbeatAcksEnabled(int shard) {
    return !acksDisabledShards.contains(shard);
  }

  void heartbeatAcks(int shard, boolean enabled) {
    if (enabled) {
      acksDisabledShards.remove(shard);
    } else {
      acksDisabledShards.add(shard);
    }
  }

  /** Stops the streams and drops every connection (sessions die with the simulator). */
  void shutdown() {
    streams.stopAll();
    new ArrayList<>(connections).forEach(connection -> connection.close(SimCloseCodes.UNKNOWN_ERROR, "Simulator stopping."));
  }

  Vertx vertx() { return vertx; }
  SimulatorOptions options() { return options; }
  Clock clock() { return clock; }
  SimWorld world() { return world; }
  SimCounters counters() { return counters; }
  SimIdentifyBuckets identifyBuckets() { return identifyBuckets; }
  SimShardStreams streams() { return streams; }
  SimSessionRegistry registry() { return registry; }
  SimDispatcher dispatcher() { return dispatcher; }
  SimSessionStarter sessionStarter() { return sessionStarter; }
  SimGuildCommands guildCommands() { return guildCommands; }
}
