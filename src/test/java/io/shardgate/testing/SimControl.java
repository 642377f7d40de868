package io.shardgate.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Drives a running simulator through its HTTP control API, as an operator's load test would. */
public final class SimControl {

  private final HttpClient http;
  private final int port;

  public SimControl(Vertx vertx, int port) {
    this.http = vertx.createHttpClient();
    this.port = port;
  }

  public Future<JsonObject> counters() {
    return call(HttpMethod.GET, "/control/counters", null).map(body -> new JsonObject(body));
  }

  public Future<JsonArray> identifies() {
    return call(HttpMethod.GET, "/control/identifies", null).map(body -> {
      Object parsed = io.vertx.core.json.Json.decodeValue(body);
      return parsed instanceof JsonArray array ? array : ((JsonObject) parsed).getJsonArray("identifies");
    });
  }

  public Future<JsonObject> sessions() {
    return call(HttpMethod.GET, "/control/sessions", null).map(body -> new JsonObject(body));
  }

  /** A raw dispatch to every session of the shard. */
  public Future<JsonObject> inject(int shard, String type, JsonObject data) {
    return post("/control/shards/" + shard + "/inject", new JsonObject().put("t", type).put("d", data));
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

  public Future<Void> close() {
    return http.close();
  }

  private Future<JsonObject> post(String path, JsonObject body) {
    return call(HttpMethod.POST, path, body).map(text -> text.isBlank() ? new JsonObject() : new JsonObject(text));
  }

  private Future<String> call(HttpMethod method, String path, JsonObject body) {
    RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(port).setURI(path);
    return http.request(options)
        .compose(req -> body == null ? req.send() : req.putHeader("content-type", "application/json").send(body.toBuffer()))
        .compose(resp -> resp.body().compose(buffer -> resp.statusCode() / 100 == 2
            ? Future.succeededFuture(buffer.toString())
            : Future.failedFuture(method + " " + path + " answered " + resp.statusCode() + ": " + buffer)));
  }
}
