package io.shardgate.upstream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/** Asks Discord's REST API (or twilight's HTTP proxy in front of it) {@code GET /gateway/bot}. */
public final class GatewayInfoClient {

  private static final int TIMEOUT_MS = 15_000;

  private final HttpClient http;
  private final String restBaseUrl;
  private final String token;

  public GatewayInfoClient(Vertx vertx, String restBaseUrl, String token) {
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(TIMEOUT_MS));
    this.restBaseUrl = restBaseUrl.endsWith("/") ? restBaseUrl.substring(0, restBaseUrl.length() - 1) : restBaseUrl;
    this.token = token;
  }

  public Future<GatewayInfo> fetch() {
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(restBaseUrl + "/gateway/bot")
        .putHeader("Authorization", "Bot " + token)
        .putHeader("User-Agent", "DiscordBot (https://github.com/shardgate/shardgate, 0.1)")
        .setIdleTimeout(TIMEOUT_MS);
    return http.request(request)
        .compose(req -> req.send())
        .compose(response -> response.body().compose(body -> {
          if (response.statusCode() == 401) {
            return Future.failedFuture("Discord rejected the token (401 on GET /gateway/bot): check \"token\"");
          }
          if (response.statusCode() != 200) {
            return Future.failedFuture("GET " + restBaseUrl + "/gateway/bot answered " + response.statusCode()
                + ": " + body.toString().substring(0, Math.min(200, body.length())));
          }
          return Future.succeededFuture(GatewayInfo.fromJson(new JsonObject(body)));
        }))
        .eventually(() -> http.close());
  }
}
