package io.shardgate.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Small blocking HTTP calls to the children's loopback APIs (never on an event loop). */
final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private Http() {
  }

  /** The response, or null when nothing answers (yet). */
  static HttpResponse<String> get(int port, String path) throws InterruptedException {
    return send(HttpRequest.newBuilder(uri(port, path)).timeout(REQUEST_TIMEOUT).GET().build());
  }

  static HttpResponse<String> post(int port, String path, Duration timeout) throws InterruptedException {
    return send(HttpRequest.newBuilder(uri(port, path)).timeout(timeout)
        .POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  private static HttpResponse<String> send(HttpRequest request) throws InterruptedException {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    }
  }

  private static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }
}
