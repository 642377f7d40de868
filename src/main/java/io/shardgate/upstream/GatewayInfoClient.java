package io.shardgate.upstream;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Discord's REST API (or twilight's HTTP proxy in front of it) {@code GET /gateway/bot}. A node
 * cannot start without the answer, so a request that fails or hangs is retried a few times, with a
 * short timeout each; a refused token is not retried.
 */
public final class GatewayInfoClient {

  private static final int ATTEMPT_TIMEOUT_MS = 5_000;
  private static final int ATTEMPTS = 5;
  private static final long FIRST_RETRY_MS = 500;
  private static final Logger LOG = LoggerFactory.getLogger(GatewayInfoClient.class);

  private final Vertx vertx;
  private final HttpClient http;
  private final String restBaseUrl;
  private final String token;

  public GatewayInfoClient(Vertx vertx, String restBaseUrl, String token) {
    this.vertx = vertx;
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(ATTEMPT_TIMEOUT_MS));
    this.restBaseUrl = restBaseUrl.endsWith("/") ? restBaseUrl.substring(0, restBaseUrl.length() - 1) : restBaseUrl;
    this.token = token;
  }

  public Future<GatewayInfo> fetch() {
    return attempt(1).eventually(() -> http.close());
  }

  private Future<GatewayInfo> attempt(int attempt) {
    return request().recover(err -> {
      if (err instanceof TokenRefused || attempt >= ATTEMPTS) {
        return Future.failedFuture(err);
      }
      long delay = FIRST_RETRY_MS << (attempt - 1);
      LOG.warn("GET {}/gateway/bot failed ({}); retrying in {} ms", restBaseUrl, err.getMessage(), delay);
      Promise<Void> wait = Promise.promise();
      vertx.setTimer(delay, id -> wait.complete());
      return wait.future().compose(v -> attempt(attempt + 1));
    });
  }

  private Future<GatewayInfo> request() {
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(restBaseUrl + "/gateway/bot")
        .putHeader("Authorization", "Bot " + token)
        .putHeader("User-Agent", "DiscordBot (https://github.com/shardgate/shardgate, 0.1)")
        .setIdleTimeout(ATTEMPT_TIMEOUT_MS);
    return http.request(request)
        .compose(req -> req.send())
        .compose(response -> response.body().compose(body -> {
          if (response.statusCode() == 401) {
            return Future.failedFuture(new TokenRefused());
          }
          if (response.statusCode() != 200) {
            return Future.failedFuture("answered " + response.statusCode() + ": "
                + body.toString().substring(0, Math.min(200, body.length())));
          }
          return Future.succeededFuture(GatewayInfo.fromJson(new JsonObject(body)));
        }));
  }

  private static final class TokenRefused extends RuntimeException {
    TokenRefused() {
      super("Discord rejected the token (401 on GET /gateway/bot): check \"token\"", null, false, false);
    }
  }
}
