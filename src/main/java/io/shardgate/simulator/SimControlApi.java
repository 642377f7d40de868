package io.shardgate.simulator;

import io.shardgate.protocol.Opcodes;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;

/**
 * /control: what tests and operators use to look inside the simulator and to make Discord misbehave
 * on purpose (drops, op 7, op 9, close codes, missing ACKs, injected events). Every POST answers
 * with the JSON of what it did.
 */
final class SimControlApi {
  static final String BASE = "/control";
  static final long MAX_BODY_BYTES = 1024 * 1024;
  static final int DEFAULT_DROP_CODE = SimCloseCodes.UNKNOWN_ERROR;

  private final SimGateway gateway;

  SimControlApi(SimGateway gateway) {
    this.gateway = gateway;
  }

  void mount(Router router) {
    router.route(BASE + "/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
    router.get(BASE + "/counters").handler(ctx -> SimRestApi.json(ctx, 200, gateway.counters().toJson()));
    router.get(BASE + "/identifies").handler(this::identifies);
    router.get(BASE + "/sessions").handler(ctx -> SimRestApi.json(ctx, 200, gateway.registry().toJson()));
    router.get(BASE + "/shards/:id/events").handler(shard(this::events));
    router.post(BASE + "/shards/:id/inject").handler(shard(this::inject));
    router.post(BASE + "/shards/:id/message").handler(shard(this::message));
    router.post(BASE + "/shards/:id/drop").handler(shard(this::drop));
    router.post(BASE + "/shards/:id/reconnect").handler(shard(this::reconnect));
    router.post(BASE + "/shards/:id/invalidate").handler(shard(this::invalidate));
    router.post(BASE + "/shards/:id/close").handler(shard(this::close));
    router.post(BASE + "/shards/:id/heartbeat-acks").handler(shard(this::heartbeatAcks));
    router.post(BASE + "/rate").handler(this::rate);
    router.route(BASE + "/*").handler(SimRestApi::notFound);
  }

  @FunctionalInterface
  private interface ShardAction {
    JsonObject apply(RoutingContext ctx, int shard);
  }

  /** Parses and checks {id}; an action throws IllegalArgumentException for a bad request. */
  private Handler<RoutingContext> shard(ShardAction action) {
    return ctx -> {
      try {
        int shard = Integer.parseInt(ctx.pathParam("id"));
        if (shard < 0 || shard >= gateway.options().shards()) {
          throw new IllegalArgumentException("shard " + shard + " is not in [0, " + gateway.options().shards() + ")");
        }
        SimRestApi.json(ctx, 200, action.apply(ctx, shard).put("shard", shard));
      } catch (IllegalArgumentException badRequest) {
        SimRestApi.json(ctx, 400, new JsonObject().put("message", badRequest.getMessage()));
      }
    };
  }

  private void identifies(RoutingContext ctx) {
    JsonArray identifies = new JsonArray();
    gateway.identifyBuckets().records().forEach(record -> identifies.add(record.toJson()));
    SimRestApi.json(ctx, 200, identifies);
  }

  private JsonObject events(RoutingContext ctx, int shard) {
    JsonArray events = new JsonArray();
    gateway.dispatcher().eventLog(shard).entries()
        .forEach(entry -> events.add(new JsonObject().put("n", entry.n()).put("t", entry.type())));
    return new JsonObject().put("events", events);
  }

  private JsonObject inject(RoutingContext ctx, int shard) {
    JsonObject body = body(ctx);
    if (!(body.getValue("t") instanceof String type) || type.isEmpty()) {
      throw new IllegalArgumentException("body needs \"t\" (the dispatch type) and \"d\"");
    }
    int sessions = gateway.dispatcher().broadcast(shard, type, body.getValue("d"));
    return new JsonObject().put("action", "inject").put("t", type).put("sessions", sessions);
  }

  private JsonObject message(RoutingContext ctx, int shard) {
    JsonObject body = body(ctx);
    String content = body.getString("content", "");
    String channelId = body.getString("channel_id", firstTextChannel(shard));
    SimEvent event = gateway.world().messageCreate(channelId, content);
    int target = event.guildId() == null ? 0 : gateway.world().shardOf(event.guildId());
    int sessions = gateway.dispatcher().broadcast(target, event.type(), event.data());
    return new JsonObject().put("action", "message").put("channel_id", channelId).put("sessions", sessions)
        .put("message", event.data());
  }

  private JsonObject drop(RoutingContext ctx, int shard) {
    boolean closeFrame = !"false".equals(ctx.request().getParam("close_frame"));
    int code = closeCode(ctx, DEFAULT_DROP_CODE);
    List<SimGatewayConnection> connections = gateway.connectionsOf(shard);
    for (SimGatewayConnection connection : connections) {
      if (closeFrame) {
        connection.close(code, "Dropped by the simulator control API.", false);
      } else {
        connection.drop();
      }
    }
    return new JsonObject().put("action", "drop").put("close_frame", closeFrame)
        .put("code", closeFrame ? code : null).put("connections", connections.size());
  }

  private JsonObject reconnect(RoutingContext ctx, int shard) {
    List<SimGatewayConnection> connections = gateway.connectionsOf(shard);
    connections.forEach(connection -> connection.sendOp(Opcodes.RECONNECT, null));
    return new JsonObject().put("action", "reconnect").put("connections", connections.size());
  }

  private JsonObject invalidate(RoutingContext ctx, int shard) {
    boolean resumable = "true".equals(ctx.request().getParam("resumable"));
    List<SimGatewayConnection> connections = gateway.connectionsOf(shard);
    connections.forEach(connection -> connection.sendInvalidSession(resumable));
    int forgotten = 0;
    if (!resumable) {
      forgotten = gateway.registry().sessionsOf(shard).size();
      gateway.registry().forgetAll(shard);
    }
    return new JsonObject().put("action", "invalidate").put("resumable", resumable)
        .put("connections", connections.size()).put("sessions_forgotten", forgotten);
  }

  private JsonObject close(RoutingContext ctx, int shard) {
    int code = closeCode(ctx, DEFAULT_DROP_CODE);
    List<SimGatewayConnection> connections = gateway.connectionsOf(shard);
    boolean endsSessions = SimCloseCodes.endsSession(code);
    int forgotten = endsSessions ? gateway.registry().sessionsOf(shard).size() : 0;
    connections.forEach(connection -> connection.close(code, "Closed by the simulator control API."));
    if (endsSessions) {
      gateway.registry().forgetAll(shard);
    }
    return new JsonObject().put("action", "close").put("code", code).put("connections", connections.size())
        .put("sessions_forgotten", forgotten);
  }

  private JsonObject heartbeatAcks(RoutingContext ctx, int shard) {
    boolean enabled = !"false".equals(ctx.request().getParam("enabled"));
    gateway.heartbeatAcks(shard, enabled);
    return new JsonObject().put("action", "heartbeat-acks").put("enabled", enabled);
  }

  private void rate(RoutingContext ctx) {
    double rate;
    try {
      rate = Double.parseDouble(ctx.request().getParam("rate"));
    } catch (NullPointerException | NumberFormatException e) {
      rate = -1;
    }
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      SimRestApi.json(ctx, 400, new JsonObject().put("message", "rate must be a number >= 0 (events/s per shard)"));
      return;
    }
    gateway.streams().rate(rate);
    SimRestApi.json(ctx, 200, new JsonObject().put("action", "rate").put("rate", rate));
  }

  private String firstTextChannel(int shard) {
    for (String guildId : gateway.world().guildIds(shard)) {
      JsonArray channels = gateway.world().guildCreate(guildId).getJsonArray("channels", new JsonArray());
      for (int i = 0; i < channels.size(); i++) {
        JsonObject channel = channels.getJsonObject(i);
        if (channel.getInteger("type", -1) == 0) {
          return channel.getString("id");
        }
      }
    }
    throw new IllegalArgumentException("shard " + shard + " has no guild with a text channel");
  }

  /** Codes a close frame may carry (RFC 6455 section 7.4), as Netty checks them. */
  private static int closeCode(RoutingContext ctx, int defaultCode) {
    String value = ctx.request().getParam("code");
    int code;
    try {
      code = value == null ? defaultCode : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("code must be an integer");
    }
    boolean valid = code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    if (!valid) {
      throw new IllegalArgumentException("code " + code + " cannot be sent in a close frame");
    }
    return code;
  }

  private static JsonObject body(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      if (body == null) {
        throw new IllegalArgumentException("a JSON object body is required");
      }
      return body;
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw e;
      }
      throw new IllegalArgumentException("the body must be a JSON object");
    }
  }
}
