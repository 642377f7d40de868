package io.shardgate.simulator;

import io.vertx.core.json.JsonObject;

/**
 * One gateway dispatch produced by {@link SimWorld}: the event name ({@code t}), its payload ({@code d})
 * and the guild it belongs to, or {@code null} for events not tied to a guild (DMs).
 *
 * <p>The payload is owned by the receiver: the world never keeps a reference to it.
 */
public record SimEvent(String type, JsonObject data, String guildId) {
}
