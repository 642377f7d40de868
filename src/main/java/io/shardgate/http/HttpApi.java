package io.shardgate.http;

import io.shardgate.metrics.GatewayMetrics;
import io.shardgate.upstream.ShardStatus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the client-facing port, as gateway-proxy serves it ({@code GET /shard-count},
 * {@code GET /metrics}) plus what Kubernetes and operators need:
 *
 * <ul>
 *   <li>{@code GET /shard-count}: the total shard count, plain text.</li>
 *   <li>{@code GET /metrics}: {@link GatewayMetrics#scrape()}, Prometheus text format 0.0.4.</li>
 *   <li>{@code GET /health}: liveness, 200 {@code ok} while the process serves requests.</li>
 *   <li>{@code GET /ready}: readiness, 200 when every shard of this node is ACTIVE (also when the
 *       node runs no shards), else 503 with the shards that are not.</li>
 *   <li>{@code GET /shards}: state, latency and whether a session exists, per shard of this node.</li>
 * </ul>
 *
 * Any other request that is not a websocket upgrade gets the router's 404 (405 for another method on
 * one of these paths). Wiring: websocket upgrades on ANY path must reach the client gateway, as with
 * gateway-proxy. Vert.x core hands an upgrade request to the server's {@code webSocketHandler} (or
 * {@code webSocketHandshakeHandler}) before the request handler whenever one is set, so the router
 * never sees upgrades:
 * <pre>{@code
 * Router router = Router.router(vertx);
 * new HttpApi(metrics, () -> totalShards, statusRegistry::snapshot).mount(router);
 * vertx.createHttpServer()
 *     .webSocketHandler(clientGateway::accept)   // every upgrade, whatever its path
 *     .requestHandler(router)                    // everything else
 *     .listen(port);
 * }</pre>
 */
public final class HttpApi {

  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final String TEXT_PLAIN = "text/plain; charset=utf-8";
  private static final String APPLICATION_JSON = "application/json";
  private static final int OK = 200;
  private static final int SERVER_ERROR = 500;
  private static final int UNAVAILABLE = 503;

  private final GatewayMetrics metrics;
  private final IntSupplier totalShards;
  private final Supplier<Map<Integer, ShardStatus>> statuses;

  /**
   * @param totalShards the total shard count of the bot (all nodes), as clients must IDENTIFY with it
   * @param statuses    the shards THIS node runs, by shard id
   */
  public HttpApi(GatewayMetrics metrics, IntSupplier totalShards, Supplier<Map<Integer, ShardStatus>> statuses) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.totalShards = Objects.requireNonNull(totalShards, "totalShards");
    this.statuses = Objects.requireNonNull(statuses, "statuses");
  }

  /** Adds the routes to {@code router} and returns it. */
  public Router mount(Router router) {
    router.get("/shard-count").handler(this::shardCount);
    router.get("/metrics").handler(this::metrics);
    router.get("/health").handler(ctx -> send(ctx, OK, TEXT_PLAIN, "ok"));
    router.get("/ready").handler(this::ready);
    router.get("/shards").handler(this::shards);
    return router;
  }

  private void shardCount(RoutingContext ctx) {
    send(ctx, OK, TEXT_PLAIN, Integer.toString(totalShards.getAsInt()));
  }

  private void metrics(RoutingContext ctx) {
    // A scrape walks every meter and reads the suppliers: keep it off the event loop that also relays.
    ctx.vertx().executeBlocking(metrics::scrape, false).onComplete(scrape -> {
      if (scrape.succeeded()) {
        send(ctx, OK, GatewayMetrics.CONTENT_TYPE, scrape.result());
      } else {
        LOG.warn("metrics: scrape failed: {}", scrape.cause().toString());
        send(ctx, SERVER_ERROR, TEXT_PLAIN, "scrape failed");
      }
    });
  }

  private void ready(RoutingContext ctx) {
    JsonArray notActive = ShardReports.notActive(statuses.get());
    JsonObject body = new JsonObject().put("ready", notActive.isEmpty());
    if (!notActive.isEmpty()) {
      body.put("not_active", notActive);
    }
    send(ctx, notActive.isEmpty() ? OK : UNAVAILABLE, APPLICATION_JSON, body.encode());
  }

  private void shards(RoutingContext ctx) {
    send(ctx, OK, APPLICATION_JSON, ShardReports.shards(totalShards.getAsInt(), statuses.get()).encode());
  }

  private static void send(RoutingContext ctx, int status, String contentType, String body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, contentType)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body);
  }
}
