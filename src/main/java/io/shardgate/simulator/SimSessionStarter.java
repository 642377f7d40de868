package io.shardgate.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * IDENTIFY (validation, rate limits, READY and one GUILD_CREATE per guild) and RESUME (replay of the
 * missed dispatches, then RESUMED). Event-loop confined.
 */
final class SimSessionStarter {
  private final SimGateway gateway;
  private final SimIdentifyValidator validator;

  SimSessionStarter(SimGateway gateway) {
    this.gateway = gateway;
    this.validator = new SimIdentifyValidator(gateway.options(), gateway.world());
  }

  void identify(SimGatewayConnection connection, JsonObject d) {
    SimIdentifyValidator.Result result = validator.validate(d, connection.transportCompressed());
    if (!result.ok()) {
      connection.close(result.closeCode(), result.reason());
      return;
    }
    SimIdentifyValidator.Identify identify = result.identify();
    switch (gateway.identifyBuckets().tryIdentify(identify.shard(), d)) {
      case BUCKET_VIOLATION -> {
        gateway.counters().bucketViolation();
        connection.sendInvalidSession(false);
      }
      case SESSION_START_EXHAUSTED -> {
        gateway.counters().sessionStartRejected();
        connection.sendInvalidSession(false);
      }
      case ALLOWED -> startSession(connection, identify);
    }
  }

  void resume(SimGatewayConnection connection, JsonObject d) {
    if (!SimTokens.matches(d.getValue("token") instanceof String token ? token : null, gateway.options().token())) {
      connection.close(SimCloseCodes.AUTHENTICATION_FAILED, "Authentication failed.");
      return;
    }
    Object seqValue = d.getValue("seq");
    if (seqValue != null && !(seqValue instanceof Integer || seqValue instanceof Long)) {
      connection.close(SimCloseCodes.DECODE_ERROR, "Error while decoding payload.");
      return;
    }
    long seq = seqValue == null ? 0 : ((Number) seqValue).longValue();
    SimSession session = gateway.registry().find(d.getValue("session_id") instanceof String id ? id : null);
    if (session == null || !session.canReplayAfter(seq)) {
      connection.sendInvalidSession(false);
      return;
    }
    if (seq > session.seq()) {
      gateway.registry().forget(session);
      connection.close(SimCloseCodes.INVALID_SEQ, "Invalid seq.");
      return;
    }
    SimGatewayConnection previous = session.connection();
    if (previous != null && previous != connection) {
      previous.close(SimCloseCodes.UNKNOWN_ERROR, "Session resumed elsewhere.");
    }
    gateway.registry().attached(session, connection);
    connection.attach(session, false);
    gateway.counters().resumed(session.shardId(), connection.path());
    for (String payload : session.payloadsAfter(seq)) {
      connection.sendDispatch(payload);
    }
    gateway.dispatcher().deliver(session, "RESUMED", new JsonObject().put("_trace", SimPayloads.trace()).encode());
  }

  private void startSession(SimGatewayConnection connection, SimIdentifyValidator.Identify identify) {
    gateway.counters().identified(identify.shard());
    SimSession session = gateway.registry().create(identify.shard(), identify.shardCount(), identify.intents());
    gateway.registry().attached(session, connection);
    connection.attach(session, identify.payloadCompression());
    SimWorld world = gateway.world();
    JsonArray unavailableGuilds = new JsonArray();
    for (String guildId : world.guildIds(identify.shard())) {
      unavailableGuilds.add(new JsonObject().put("id", guildId).put("unavailable", true));
    }
    gateway.dispatcher().deliver(session, "READY", ready(session, identify, unavailableGuilds).encode());
    for (String guildId : world.guildIds(identify.shard())) {
      JsonObject guild = world.guildCreate(guildId);
      guild.put("large", guild.getInteger("member_count", 0) > identify.largeThreshold());
      gateway.dispatcher().deliver(session, "GUILD_CREATE", guild.encode());
    }
  }

  private JsonObject ready(SimSession session, SimIdentifyValidator.Identify identify, JsonArray guilds) {
    SimWorld world = gateway.world();
    return new JsonObject()
        .put("v", SimGateway.API_VERSION)
        .put("user_settings", new JsonObject())
        .put("user", world.botUser())
        .put("session_type", "normal")
        .put("session_id", session.id())
        .put("resume_gateway_url", gateway.resumeGatewayUrl())
        .put("relationships", new JsonArray())
        .put("private_channels", new JsonArray())
        .put("presences", new JsonArray())
        .put("guilds", guilds)
        .put("guild_join_requests", new JsonArray())
        .put("geo_ordered_rtc_regions", new JsonArray())
        .put("auth", new JsonObject())
        .put("application", world.application())
        .put("shard", new JsonArray().add(identify.shard()).add(identify.shardCount()))
        .put("_trace", SimPayloads.trace());
  }
}
