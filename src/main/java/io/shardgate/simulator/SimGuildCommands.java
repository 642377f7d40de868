package io.shardgate.simulator;

import io.shardgate.protocol.Opcodes;
import io.vertx.core.json.JsonObject;

/**
 * The commands a session sends after IDENTIFY/RESUME: presence (validated and recorded), voice
 * state, guild member requests (routed to the requesting session only), soundboard and channel-info
 * requests (accepted). Event-loop confined.
 */
final class SimGuildCommands {
  private static final String VOICE_SERVER_UPDATE = "VOICE_SERVER_UPDATE";

  private final SimGateway gateway;
  private final SimMemberRequestLimiter memberRequests;

  SimGuildCommands(SimGateway gateway) {
    this.gateway = gateway;
    this.memberRequests = new SimMemberRequestLimiter(gateway.clock());
  }

  void handle(SimGatewayConnection connection, SimSession session, int op, Object data) {
    if (op == Opcodes.REQUEST_SOUNDBOARD_SOUNDS || op == Opcodes.REQUEST_CHANNEL_INFO) {
      return; // accepted; counted by the connection
    }
    if (!(data instanceof JsonObject d)) {
      connection.close(SimCloseCodes.DECODE_ERROR, "Error while decoding payload.");
      return;
    }
    switch (op) {
      case Opcodes.PRESENCE_UPDATE -> updatePresence(connection, session, d);
      case Opcodes.VOICE_STATE_UPDATE -> updateVoiceState(session, d);
      case Opcodes.REQUEST_GUILD_MEMBERS -> requestGuildMembers(session, d);
      default -> connection.close(SimCloseCodes.UNKNOWN_OPCODE, "Unknown opcode.");
    }
  }

  private void updatePresence(SimGatewayConnection connection, SimSession session, JsonObject d) {
    if (!SimIdentifyValidator.validPresence(d)) {
      connection.close(SimCloseCodes.DECODE_ERROR, "Invalid presence.");
      return;
    }
    session.presence(d.copy());
  }

  /** VOICE_STATE_UPDATE reaches every session of the shard; VOICE_SERVER_UPDATE only the requester. */
  private void updateVoiceState(SimSession session, JsonObject d) {
    d = withStringGuildId(d);
    if (!onShard(session, d.getValue("guild_id"))) {
      return;
    }
    for (SimEvent event : gateway.world().voiceStateUpdate(session.shardId(), d, session.id())) {
      if (VOICE_SERVER_UPDATE.equals(event.type())) {
        gateway.dispatcher().sendTo(session, event.type(), event.data());
      } else {
        gateway.dispatcher().broadcast(session.shardId(), event.type(), event.data());
      }
    }
  }

  private void requestGuildMembers(SimSession session, JsonObject d) {
    d = withStringGuildId(d);
    Object guildId = d.getValue("guild_id");
    if (!onShard(session, guildId)) {
      return;
    }
    if (isFullMemberRequest(d)) {
      long retryAfterMs = memberRequests.retryAfterMs((String) guildId);
      if (retryAfterMs > 0) {
        JsonObject meta = new JsonObject().put("guild_id", guildId);
        if (d.containsKey("nonce")) {
          meta.put("nonce", d.getValue("nonce"));
        }
        gateway.dispatcher().sendTo(session, "RATE_LIMITED", new JsonObject()
            .put("opcode", Opcodes.REQUEST_GUILD_MEMBERS).put("retry_after", retryAfterMs / 1000.0).put("meta", meta));
        return;
      }
    }
    for (SimEvent chunk : gateway.world().requestGuildMembers(session.shardId(), d)) {
      gateway.dispatcher().sendTo(session, chunk.type(), chunk.data());
    }
  }

  /** Discord takes snowflakes as strings or integers (JDA sends guild_id as a number at login). */
  private static JsonObject withStringGuildId(JsonObject d) {
    if (d.getValue("guild_id") instanceof Number number) {
      return d.copy().put("guild_id", Long.toString(number.longValue()));
    }
    return d;
  }

  /** query "" with limit 0 asks for every member: the request Discord limits to one per guild per 30 s. */
  private static boolean isFullMemberRequest(JsonObject d) {
    Object limit = d.getValue("limit");
    return "".equals(d.getValue("query")) && limit instanceof Number number && number.intValue() == 0;
  }

  /** Commands for guilds of another shard (or malformed ids) are ignored, as Discord ignores them. */
  private boolean onShard(SimSession session, Object guildId) {
    if (!(guildId instanceof String id)) {
      return false;
    }
    try {
      return gateway.world().shardOf(id) == session.shardId();
    } catch (RuntimeException notASnowflake) {
      return false;
    }
  }
}
