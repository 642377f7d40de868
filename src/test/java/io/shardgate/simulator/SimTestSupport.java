package io.shardgate.simulator;

import io.shardgate.testing.GatewayTestClient;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;

/** Starting simulators and calling their HTTP side from tests (blocking on the test thread, with timeouts). */
final class SimTestSupport {
  static final int SHARDS = 2;
  static final int GUILDS = 6;
  static final int GUILDS_PER_SHARD = GUILDS / SHARDS;

  private SimTestSupport() {
  }

  /** A tiny world, no stream (tests inject), long heartbeats, no identify window. */
  static SimulatorOptions options() {
    return new SimulatorOptions().token(GatewayTestClient.TOKEN).shards(SHARDS).guilds(GUILDS).rate(0)
        .heartbeatIntervalMs(60_000).identifyWindowMs(0);
  }

  static DiscordSimulator start(Vertx vertx, SimulatorOptions options) {
    DiscordSimulator simulator = new DiscordSimulator(options);
    await(simulator.start(vertx));
    return simulator;
  }

  static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.await(GatewayTestClient.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  record Response(int status, Buffer body) {
    JsonObject json() {
      return body.toJsonObject();
    }
  }

  static Response request(Vertx vertx, HttpMethod method, int port, String uri, String authorization, String body) {
    HttpClient client = vertx.createHttpClient();
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(uri);
    if (authorization != null) {
      options.putHeader("Authorization", authorization);
    }
    return await(client.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> response.body().map(buffer -> new Response(response.statusCode(), buffer)))
        .eventually(client::close));
  }

  static JsonObject control(Vertx vertx, DiscordSimulator simulator, HttpMethod method, String uri, String body) {
    Response response = request(vertx, method, simulator.port(), uri, null, body);
    if (response.status() != 200) {
      throw new AssertionError(method + " " + uri + " -> " + response.status() + " " + response.body());
    }
    return response.json();
  }

  static JsonObject post(Vertx vertx, DiscordSimulator simulator, String uri) {
    return control(vertx, simulator, HttpMethod.POST, uri, null);
  }

  static JsonObject post(Vertx vertx, DiscordSimulator simulator, String uri, JsonObject body) {
    return control(vertx, simulator, HttpMethod.POST, uri, body.encode());
  }

  static JsonObject inject(Vertx vertx, DiscordSimulator simulator, int shard, String type, JsonObject d) {
    return post(vertx, simulator, "/control/shards/" + shard + "/inject", new JsonObject().put("t", type).put("d", d));
  }
}
