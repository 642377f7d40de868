package io.shardgate.upstream;

import io.vertx.core.json.JsonObject;

/**
 * A resumable Discord session: what RESUME needs. A plain value so it can be checkpointed to the
 * shard directory and handed to another node.
 *
 * @param sessionId       the {@code session_id} from READY
 * @param sequence        the last {@code s} received on this session
 * @param resumeGatewayUrl the {@code resume_gateway_url} from READY
 */
public record GatewaySession(String sessionId, long sequence, String resumeGatewayUrl) {

  public GatewaySession withSequence(long newSequence) {
    return newSequence == sequence ? this : new GatewaySession(sessionId, newSequence, resumeGatewayUrl);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("session_id", sessionId)
        .put("seq", sequence)
        .put("resume_gateway_url", resumeGatewayUrl);
  }

  public static GatewaySession fromJson(JsonObject json) {
    return new GatewaySession(json.getString("session_id"), json.getLong("seq"),
        json.getString("resume_gateway_url"));
  }
}
