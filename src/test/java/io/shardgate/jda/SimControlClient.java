package io.shardgate.jda;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A blocking client for the simulator's /control API, for tests that run on their own thread
 * next to a JDA instance (never on a Vert.x event loop).
 */
final class SimControlClient {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
  private final String base;

  /** {@code base}: e.g. {@code http://127.0.0.1:PORT} */
  SimControlClient(String base) {
    this.base = base;
  }

  /** A MESSAGE_CREATE in a text channel of the shard; answers with the message's {@code d}. */
  JsonObject message(int shard, String content) throws IOException, InterruptedException {
    return post("/control/shards/" + shard + "/message", new JsonObject().put("content", content))
        .getJsonObject("message");
  }

  /** Drops every connection of the shard without a close frame, like a network failure. */
  JsonObject dropWithoutCloseFrame(int shard) throws IOException, InterruptedException {
    return post("/control/shards/" + shard + "/drop?close_frame=false", new JsonObject());
  }

  private JsonObject post(String path, JsonObject body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(REQUEST_TIMEOUT)
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode())).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("POST " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return new JsonObject(response.body());
  }
}
