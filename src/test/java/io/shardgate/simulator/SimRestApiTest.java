package io.shardgate.simulator;

import io.shardgate.testing.GatewayTestClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SimRestApiTest {
  private static final String AUTH = "Bot " + GatewayTestClient.TOKEN;
  private Vertx vertx;
  private DiscordSimulator simulator;

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    simulator = SimTestSupport.start(vertx, SimTestSupport.options().maxConcurrency(4).sessionStartTotal(1000)
        .sessionStartRemaining(990));
  }

  @AfterEach
  void stop() {
    SimTestSupport.await(simulator.stop());
  }

  private SimTestSupport.Response get(String uri, String authorization) {
    return SimTestSupport.request(vertx, HttpMethod.GET, simulator.port(), uri, authorization, null);
  }

  @Test
  void gateway_bot_without_token_is_401_with_discord_error_body() {
    SimTestSupport.Response response = get("/api/v10/gateway/bot", null);
    assertEquals(401, response.status());
    assertEquals(new JsonObject().put("message", "401: Unauthorized").put("code", 0), response.json());
  }

  @Test
  void gateway_bot_with_wrong_token_or_without_bot_prefix_is_401() {
    assertEquals(401, get("/api/v10/gateway/bot", "Bot wrong").status());
    assertEquals(401, get("/api/v10/gateway/bot", GatewayTestClient.TOKEN).status());
  }

  @Test
  void gateway_bot_returns_url_shards_and_session_start_limit() {
    SimTestSupport.Response response = get("/api/v10/gateway/bot", AUTH);
    assertEquals(200, response.status());
    JsonObject body = response.json();
    assertEquals(simulator.gatewayUrl(), body.getString("url"));
    assertEquals("ws://127.0.0.1:" + simulator.port(), body.getString("url"));
    assertEquals(SimTestSupport.SHARDS, body.getInteger("shards"));
    JsonObject limit = body.getJsonObject("session_start_limit");
    assertEquals(1000, limit.getInteger("total"));
    assertEquals(990, limit.getInteger("remaining"));
    assertEquals(4, limit.getInteger("max_concurrency"));
    long resetAfter = limit.getLong("reset_after");
    assertTrue(resetAfter > 0 && resetAfter <= SimIdentifyBuckets.SESSION_START_RESET_MS, "reset_after " + resetAfter);
  }

  @Test
  void v9_serves_the_same_routes() {
    assertEquals(200, get("/api/v9/gateway/bot", AUTH).status());
    assertEquals(200, get("/api/v9/users/@me", AUTH).status());
  }

  @Test
  void gateway_needs_no_token_and_returns_the_url() {
    SimTestSupport.Response response = get("/api/v10/gateway", null);
    assertEquals(200, response.status());
    assertEquals(new JsonObject().put("url", simulator.gatewayUrl()), response.json());
  }

  @Test
  void users_me_returns_the_bot_user_and_401_without_token() {
    SimTestSupport.Response response = get("/api/v10/users/@me", AUTH);
    assertEquals(200, response.status());
    assertEquals(true, response.json().getBoolean("bot"));
    assertTrue(response.json().getString("id").matches("\\d+"));
    assertEquals(401, get("/api/v10/users/@me", null).status());
  }

  @Test
  void application_routes_return_id_flags_owner_and_bot_public() {
    for (String uri : new String[] {"/api/v10/oauth2/applications/@me", "/api/v10/applications/@me"}) {
      SimTestSupport.Response response = get(uri, AUTH);
      assertEquals(200, response.status(), uri);
      JsonObject application = response.json();
      assertTrue(application.getString("id").matches("\\d+"), uri);
      assertTrue(application.containsKey("flags"), uri);
      assertTrue(application.containsKey("bot_public"), uri);
      assertTrue(application.containsKey("bot_require_code_grant"), uri);
      assertTrue(application.getJsonObject("owner").containsKey("id"), uri);
      assertTrue(application.containsKey("name") && application.containsKey("description"), uri);
    }
  }

  @Test
  void unknown_routes_are_404_with_discord_error_body() {
    JsonObject notFound = new JsonObject().put("message", "404: Not Found").put("code", 0);
    SimTestSupport.Response api = get("/api/v10/channels/1", AUTH);
    assertEquals(404, api.status());
    assertEquals(notFound, api.json());
    SimTestSupport.Response other = get("/nothing-here", null);
    assertEquals(404, other.status());
    assertEquals(notFound, other.json());
  }
}
