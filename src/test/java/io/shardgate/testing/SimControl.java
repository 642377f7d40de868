package io.shardgate.testing;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Drives a running simulator through its HTTP control API, as an operator's load test would. It uses
 * the JDK's HTTP client, on its own threads, so a test's control calls never share an event loop with
 * the code under test; results complete on a Vert.x context of the given instance.
 */
public final class SimControl {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final Context context;
  private final String base;

  public SimControl(Vertx vertx, int port) {
    this.context = vertx.getOrCreateContext();
    this.base = "http://127.0.0.1:" + port;
  }

  public Future<JsonObject> counters() {
    return call("GET", "/control/counters", null).map(JsonObject::new);
  }

  public Future<JsonArray> identifies() {
    return call("GET", "/control/identifies", null).map(body -> {
      Object parsed = Json.decodeValue(body);
      return parsed instanceof JsonArray array ? array : ((JsonObject) parsed).getJsonArray("identifies");
    });
  }

  public Future<JsonObject> sessions() {
    return call("GET", "/control/sessions", null).map(JsonObject::new);
  }

  /** The number of the last event the simulator generated on the shard (0 before the first). */
  public Future<Long> lastEventNumber(int shard) {
    return call("GET", "/control/shards/" + shard + "/events", null).map(body -> {
      JsonArray events = new JsonObject(body).getJsonArray("events");
      return events.isEmpty() ? 0L : events.getJsonObject(events.size() - 1).getLong("n");
    });
  }

  /** A raw dispatch to every session of the shard. */
  public Future<JsonObject> inject(int shard, String type, JsonObject data) {
    return post("/control/shards/" + shard + "/inject", new JsonObject().put("t", type).put("d", data));
  }

  /** A MESSAGE_CREATE in a text channel of the shard (the world stays consistent); yields the message. */
  public Future<JsonObject> message(int shard, String content) {
    return post("/control/shards/" + shard + "/message", new JsonObject().put("content", content))
        .map(answer -> answer.getJsonObject("message"));
  }

  public Future<JsonObject> drop(int shard, boolean closeFrame) {
    return post("/control/shards/" + shard + "/drop?close_frame=" + closeFrame, null);
  }

  public Future<JsonObject> reconnect(int shard) {
    return post("/control/shards/" + shard + "/reconnect", null);
  }

  public Future<JsonObject> invalidate(int shard, boolean resumable) {
    return post("/control/shards/" + shard + "/invalidate?resumable=" + resumable, null);
  }

  public Future<JsonObject> close(int shard, int code) {
    return post("/control/shards/" + shard + "/close?code=" + code, null);
  }

  public Future<JsonObject> heartbeatAcks(int shard, boolean enabled) {
    return post("/control/shards/" + shard + "/heartbeat-acks?enabled=" + enabled, null);
  }

  public Future<JsonObject> rate(double perShard) {
    return post("/control/rate?rate=" + perShard, null);
  }

  private Future<JsonObject> post(String path, JsonObject body) {
    return call("POST", path, body).map(text -> text.isBlank() ? new JsonObject() : new JsonObject(text));
  }

  private Future<String> call(String method, String path, JsonObject body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
        .header("content-type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.encode()))
        .build();
    CompletableFuture<String> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
        .thenCompose(response -> response.statusCode() / 100 == 2
            ? CompletableFuture.completedFuture(response.body())
            : CompletableFuture.failedFuture(new IOException(method + " " + path + " answered "
                + response.statusCode() + ": " + response.body())));
    return Future.fromCompletionStage(answer, context);
  }
}
