package io.shardgate.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardgate.metrics.GatewayMetrics;
import io.shardgate.metrics.Scrape;
import io.shardgate.upstream.GatewaySession;
import io.shardgate.upstream.ShardState;
import io.shardgate.upstream.ShardStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HttpApiTest {

  private static final int TIMEOUT_SECONDS = 10;
  private static final int TOTAL_SHARDS = 16;
  private static final String SESSION_ID = "4f1b2c3d9e8a7f6b5c4d3e2f1a0b9c8d";
  private static final String TOKEN = "MTA1.secret-token-value.xyz";

  private Vertx vertx;
  private HttpServer server;
  private final GatewayMetrics metrics = new GatewayMetrics();
  private final AtomicReference<Map<Integer, ShardStatus>> statuses = new AtomicReference<>(Map.of());
  private final AtomicReference<Promise<String>> upgradedPath = new AtomicReference<>(Promise.promise());

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    metrics.bindShardStatus(statuses::get);
    Router router = new HttpApi(metrics, () -> TOTAL_SHARDS, statuses::get).mount(Router.router(vertx));
    server = await(vertx.createHttpServer()
        .webSocketHandler(socket -> {
          upgradedPath.get().tryComplete(socket.uri());
          socket.close();
        })
        .requestHandler(router)
        .listen(0, "127.0.0.1"));
  }

  @AfterEach
  void stop() {
    await(server.close());
  }

  @Test
  void shard_count_is_the_total_as_plain_text() {
    Response response = get("/shard-count");

    assertEquals(200, response.status());
    assertTrue(response.contentType().startsWith("text/plain"), response.contentType());
    assertEquals("16", response.body());
  }

  @Test
  void metrics_serve_prometheus_text_with_gateway_proxys_names() {
    statuses.set(Map.of(0, status(0, ShardState.ACTIVE)));
    metrics.shardEvent(0, "MESSAGE_CREATE");
    metrics.shardLatency(0, 40);

    Response response = get("/metrics");

    assertEquals(200, response.status());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", response.contentType());
    Scrape scrape = Scrape.parse(response.body());
    assertEquals(1.0, scrape.value("gateway_shard_events{shard=\"0\",event_type=\"MESSAGE_CREATE\"}"));
    assertEquals(0.04, scrape.value("gateway_shard_latency{shard=\"0\"}"));
    assertEquals(4.0, scrape.value("gateway_shard_status{shard=\"0\",quantile=\"0.5\"}"));
  }

  @Test
  void health_is_ok_while_the_process_serves() {
    Response response = get("/health");

    assertEquals(200, response.status());
    assertEquals("ok", response.body());
  }

  @Test
  void ready_is_503_listing_inactive_shards_until_every_shard_is_active() {
    statuses.set(Map.of(0, status(0, ShardState.ACTIVE), 1, status(1, ShardState.IDENTIFYING),
        2, status(2, ShardState.RESUMING)));

    Response notReady = get("/ready");
    assertEquals(503, notReady.status());
    assertEquals("application/json", notReady.contentType());
    assertEquals(new JsonObject().put("ready", false).put("not_active", new JsonArray()
            .add(new JsonObject().put("shard", 1).put("state", "IDENTIFYING"))
            .add(new JsonObject().put("shard", 2).put("state", "RESUMING"))),
        new JsonObject(notReady.body()));

    statuses.set(Map.of(0, status(0, ShardState.ACTIVE), 1, status(1, ShardState.ACTIVE),
        2, status(2, ShardState.ACTIVE)));

    Response ready = get("/ready");
    assertEquals(200, ready.status());
    assertEquals(new JsonObject().put("ready", true), new JsonObject(ready.body()));
  }

  @Test
  void ready_is_200_on_a_node_that_runs_no_shards() {
    assertEquals(200, get("/ready").status());
  }

  @Test
  void shards_report_state_latency_and_session_presence_but_never_a_session_id_or_token() {
    ShardStatus withSession = status(3, ShardState.ACTIVE);
    ShardStatus fresh = ShardStatus.initial(4);
    statuses.set(Map.of(3, withSession, 4, fresh));

    Response response = get("/shards");

    assertEquals(200, response.status());
    assertEquals("application/json", response.contentType());
    JsonObject body = new JsonObject(response.body());
    assertEquals(TOTAL_SHARDS, body.getInteger("total_shards"));
    JsonArray shards = body.getJsonArray("shards");
    assertEquals(new JsonObject().put("shard", 3).put("state", "ACTIVE").put("latency_ms", 42)
        .put("has_session", true).put("identifies", 1).put("resumes", 2), shards.getJsonObject(0));
    assertEquals(new JsonObject().put("shard", 4).put("state", "DISCONNECTED").putNull("latency_ms")
        .put("has_session", false).put("identifies", 0).put("resumes", 0), shards.getJsonObject(1));
    assertFalse(response.body().contains(SESSION_ID), response.body());
    assertFalse(response.body().contains(TOKEN), response.body());
    assertFalse(response.body().contains("resume.discord.gg"), response.body());
  }

  @Test
  void other_paths_are_404_and_other_methods_on_these_paths_405() {
    assertEquals(404, get("/").status());
    assertEquals(404, get("/api/v10/gateway/bot").status());
    assertEquals(405, request(vertx, HttpMethod.POST, server.actualPort(), "/metrics").status());
  }

  @Test
  void websocket_upgrades_on_any_path_reach_the_websocket_handler_not_the_routes() {
    assertEquals("/metrics?v=10", upgradeAt("/metrics?v=10"));
    assertEquals("/?v=10&encoding=json&compress=zlib-stream", upgradeAt("/?v=10&encoding=json&compress=zlib-stream"));
  }

  @Test
  void vertx_built_with_the_registry_reports_its_own_metrics_in_the_same_scrape() {
    GatewayMetrics shared = new GatewayMetrics();
    Vertx instrumented = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(shared.registry()))
        .build();
    try {
      Router router = new HttpApi(shared, () -> 1, Map::of).mount(Router.router(instrumented));
      HttpServer instrumentedServer =
          await(instrumented.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
      assertEquals(200, request(instrumented, HttpMethod.GET, instrumentedServer.actualPort(), "/health").status());

      String scrape = request(instrumented, HttpMethod.GET, instrumentedServer.actualPort(), "/metrics").body();
      assertTrue(scrape.contains("vertx_http_server_requests_total"), scrape);
    } finally {
      await(instrumented.close());
    }
  }

  private ShardStatus status(int shard, ShardState state) {
    GatewaySession session = new GatewaySession(SESSION_ID, 99, "wss://resume.discord.gg");
    JsonObject ready = new JsonObject().put("session_id", SESSION_ID).put("token", TOKEN);
    return new ShardStatus(shard, state, session, ready, 42, 1, 2);
  }

  private String upgradeAt(String uri) {
    upgradedPath.set(Promise.promise());
    WebSocketClient client = vertx.createWebSocketClient();
    try {
      await(client.connect(server.actualPort(), "127.0.0.1", uri));
      return await(upgradedPath.get().future());
    } finally {
      await(client.close());
    }
  }

  private Response get(String uri) {
    return request(vertx, HttpMethod.GET, server.actualPort(), uri);
  }

  private static Response request(Vertx vertx, HttpMethod method, int port, String uri) {
    HttpClient client = vertx.createHttpClient();
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port)
        .setURI(uri);
    return await(client.request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> new Response(response.statusCode(),
            String.valueOf(response.getHeader("Content-Type")), body.toString())))
        .eventually(client::close));
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private record Response(int status, String contentType, String body) {
  }
}
