package io.shardgate.simulator;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * Runs the whole simulator on one event loop: one HTTP server whose router serves REST, /control and,
 * on any other path, the gateway websocket. One context means no locks in the simulator's state.
 */
final class SimulatorVerticle extends VerticleBase {
  /**
   * GUILD_CREATEs of big guilds run to several MB and go out as one frame up to this size (bigger ones
   * are split into continuation frames). It also bounds what a client can make the server buffer;
   * client payloads over 4096 bytes are refused with 4002 anyway.
   */
  static final int MAX_WEBSOCKET_BYTES = 16 * 1024 * 1024;

  private final SimulatorOptions options;
  private final Clock clock;
  private final SimCounters counters;
  private final SimIdentifyBuckets identifyBuckets;
  private SimGateway gateway;
  private HttpServer server;

  SimulatorVerticle(SimulatorOptions options, Clock clock, SimCounters counters, SimIdentifyBuckets identifyBuckets) {
    this.options = options;
    this.clock = clock;
    this.counters = counters;
    this.identifyBuckets = identifyBuckets;
  }

  @Override
  public Future<?> start() {
    return buildWorld().compose(this::listen);
  }

  @Override
  public Future<?> stop() {
    if (gateway != null) {
      gateway.shutdown();
    }
    return server == null ? Future.succeededFuture() : server.close();
  }

  int port() {
    return server.actualPort();
  }

  SimGateway gateway() {
    return gateway;
  }

  /** A big world takes a while to generate: off the event loop. */
  private Future<SimWorld> buildWorld() {
    return vertx.executeBlocking(() -> new SimWorld(options.seed(), options.shards(), options.guilds()));
  }

  private Future<HttpServer> listen(SimWorld world) {
    gateway = new SimGateway(vertx, options, clock, world, counters, identifyBuckets);
    Router router = Router.router(vertx);
    new SimRestApi(gateway).mount(router);
    new SimControlApi(gateway).mount(router);
    router.route().handler(this::gatewayOrNotFound);
    HttpServerOptions serverOptions = new HttpServerOptions().setHost(options.host()).setPort(options.port())
        .setMaxWebSocketFrameSize(MAX_WEBSOCKET_BYTES).setMaxWebSocketMessageSize(MAX_WEBSOCKET_BYTES);
    return vertx.createHttpServer(serverOptions).requestHandler(router).listen().onSuccess(bound -> {
      server = bound;
      gateway.listeningOn(options.host(), bound.actualPort());
    });
  }

  private void gatewayOrNotFound(RoutingContext ctx) {
    if (ctx.request().canUpgradeToWebSocket()) {
      gateway.accept(ctx.request());
    } else {
      SimRestApi.notFound(ctx);
    }
  }
}
