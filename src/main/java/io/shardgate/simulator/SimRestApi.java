package io.shardgate.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The REST routes a bot library calls at login, under /api/v10 and /api/v9: GET /gateway/bot
 * (sharded gateway info), GET /gateway, GET /users/@me (JDA verifies the token with it and treats
 * 401 as "invalid token"), GET /oauth2/applications/@me and /applications/@me.
 */
final class SimRestApi {
  static final List<String> API_BASES = List.of("/api/v10", "/api/v9");
  private static final JsonObject UNAUTHORIZED = new JsonObject().put("message", "401: Unauthorized").put("code", 0);
  private static final JsonObject NOT_FOUND = new JsonObject().put("message", "404: Not Found").put("code", 0);

  private final SimGateway gateway;

  SimRestApi(SimGateway gateway) {
    this.gateway = gateway;
  }

  void mount(Router router) {
    for (String base : API_BASES) {
      router.get(base + "/gateway/bot").handler(authorized(this::gatewayBot));
      router.get(base + "/gateway").handler(ctx -> json(ctx, 200, new JsonObject().put("url", gateway.gatewayUrl())));
      router.get(base + "/users/@me").handler(authorized(ctx -> json(ctx, 200, gateway.world().botUser())));
      router.get(base + "/oauth2/applications/@me").handler(authorized(this::application));
      router.get(base + "/applications/@me").handler(authorized(this::application));
      router.route(base + "/*").handler(SimRestApi::notFound);
    }
  }

  static void notFound(RoutingContext ctx) {
    json(ctx, 404, NOT_FOUND);
  }

  static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(body instanceof JsonObject object ? object.encode() : ((JsonArray) body).encode());
  }

  private io.vertx.core.Handler<RoutingContext> authorized(io.vertx.core.Handler<RoutingContext> handler) {
    return ctx -> {
      String authorization = ctx.request().getHeader("Authorization");
      if (authorization != null && authorization.startsWith("Bot ")
          && SimTokens.matches(authorization, gateway.options().token())) {
        handler.handle(ctx);
      } else {
        json(ctx, 401, UNAUTHORIZED);
      }
    };
  }

  private void gatewayBot(RoutingContext ctx) {
    json(ctx, 200, new JsonObject()
        .put("url", gateway.gatewayUrl())
        .put("shards", gateway.options().shards())
        .put("session_start_limit", gateway.identifyBuckets().sessionStartLimit()));
  }

  private void application(RoutingContext ctx) {
    JsonObject application = gateway.world().application();
    JsonObject bot = gateway.world().botUser();
    JsonObject owner = new JsonObject().put("id", "1").put("username", "simulator-owner").put("discriminator", "0")
        .put("global_name", null).put("avatar", null).put("flags", 0);
    json(ctx, 200, new JsonObject()
        .put("id", application.getString("id"))
        .put("name", bot.getString("username", "simulator"))
        .put("icon", null)
        .put("description", "")
        .put("summary", "")
        .put("type", null)
        .put("bot", bot)
        .put("bot_public", true)
        .put("bot_require_code_grant", false)
        .put("verify_key", "0".repeat(64))
        .put("flags", application.getValue("flags", 0))
        .put("owner", owner)
        .put("team", null)
        .put("tags", new JsonArray())
        .put("redirect_uris", new JsonArray())
        .put("interactions_endpoint_url", null)
        .put("terms_of_service_url", null)
        .put("privacy_policy_url", null)
        .put("approximate_guild_count", gateway.options().guilds()));
  }
}
