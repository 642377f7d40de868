package io.shardgate.simulator;

import io.vertx.core.json.JsonObject;
import java.util.Random;

/** Direct messages from one user to the bot: events with no guild, which Discord sends on shard 0. */
final class SimWorldDirect {
  private static final int DM_CHANNEL = 1;

  private final SimWorldIds ids;
  private final JsonObject user;
  private final String channelId;

  SimWorldDirect(SimWorldIds ids, Random setup) {
    this.ids = ids;
    this.user = SimWorldShapes.user(ids.nextAfterGap(setup, 1000), SimWorldNames.username(setup, 0),
        SimWorldNames.globalName(setup), SimWorldNames.hex(setup, 32), false);
    this.channelId = ids.nextAfterGap(setup, 1000);
  }

  SimEvent next(Random random, long nowMs) {
    if (random.nextBoolean()) {
      JsonObject typing = new JsonObject().put("channel_id", channelId).put("user_id", user.getString("id"))
          .put("timestamp", nowMs / 1000);
      return new SimEvent("TYPING_START", typing, null);
    }
    String id = ids.next(nowMs);
    JsonObject message = SimWorldShapes.message(id, channelId, user.copy(), SimWorldNames.messageContent(random),
        SimWorldIds.iso(SimWorldIds.millisOf(id)), DM_CHANNEL);
    return new SimEvent("MESSAGE_CREATE", message, null);
  }
}
