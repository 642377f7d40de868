package io.shardgate.simulator;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;

/**
 * A stand-in for Discord: REST (/api/v10, /api/v9), the gateway websocket with sessions and RESUME
 * replay, identify rate limits, and a /control API, all on one port. Start it on a Vert.x instance,
 * point clients at {@link #restBaseUrl()} or {@link #gatewayUrl()}.
 */
public final class DiscordSimulator {
  private final SimulatorOptions options;
  private final Clock clock;
  private final SimCounters counters = new SimCounters();
  private final SimIdentifyBuckets identifyBuckets;
  private Vertx vertx;
  private SimulatorVerticle verticle;
  private String deploymentId;

  public DiscordSimulator(SimulatorOptions options) {
    this(options, Clock.systemUTC());
  }

  /** {@code clock} drives the rules about time (identify windows, command and member-request limits, timestamps). */
  public DiscordSimulator(SimulatorOptions options, Clock clock) {
    this.options = options.validate();
    this.clock = clock;
    this.identifyBuckets = new SimIdentifyBuckets(clock, options.maxConcurrency(), options.identifyWindowMs(),
        options.sessionStartTotal(), options.sessionStartRemaining());
  }

  /** Deploys the simulator; completes with the bound port. */
  public Future<Integer> start(Vertx vertx) {
    if (verticle != null) {
      return Future.failedFuture(new IllegalStateException("the simulator is already started"));
    }
    this.vertx = vertx;
    this.verticle = new SimulatorVerticle(options, clock, counters, identifyBuckets);
    return vertx.deployVerticle(verticle).map(id -> {
      deploymentId = id;
      return verticle.port();
    });
  }

  public Future<Void> stop() {
    if (deploymentId == null) {
      return Future.succeededFuture();
    }
    String id = deploymentId;
    deploymentId = null;
    return vertx.undeploy(id);
  }

  public int port() {
    return verticle.port();
  }

  /** e.g. http://127.0.0.1:PORT/api/v10 */
  public String restBaseUrl() {
    return "http://" + options.host() + ":" + port() + "/api/v10";
  }

  /** The URL GET /gateway/bot returns, e.g. ws://127.0.0.1:PORT */
  public String gatewayUrl() {
    return "ws://" + options.host() + ":" + port();
  }

  /** Where READY's resume_gateway_url points. */
  public String resumeGatewayUrl() {
    return gatewayUrl() + SimGateway.RESUME_PATH;
  }

  public SimulatorOptions options() {
    return options;
  }

  public SimCounters counters() {
    return counters;
  }

  /** Every IDENTIFY that passed validation, in order, with the rate-limit decision. */
  public List<SimIdentifyRecord> identifies() {
    return identifyBuckets.records();
  }

  /** The last generated events of a shard, in order. */
  public SimShardEventLog eventLog(int shard) {
    return verticle.gateway().dispatcher().eventLog(shard);
  }
}
