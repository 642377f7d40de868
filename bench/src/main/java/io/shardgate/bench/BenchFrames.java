package io.shardgate.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;

/** Dispatch frames shaped like Discord's MESSAGE_CREATE, grown with embeds to about a target size. */
public final class BenchFrames {
  private BenchFrames() {
  }

  /** Below this target a TYPING_START is the base frame: a MESSAGE_CREATE alone is larger. */
  private static final int SMALL_FRAME = 600;

  /** A dispatch payload of about {@code targetBytes} (within one embed of it), envelope keys first. */
  public static byte[] dispatch(int targetBytes) {
    if (targetBytes < SMALL_FRAME) {
      JsonObject d = new JsonObject().put("channel_id", "1180351110224678913").put("guild_id", "1180351110224678914")
          .put("user_id", "80351110224678912").put("timestamp", 1_714_564_800);
      String base = frame("TYPING_START", d);
      d.put("nonce", "x".repeat(Math.max(0, targetBytes - base.length() - 12)));
      return frame("TYPING_START", d).getBytes(StandardCharsets.UTF_8);
    }
    JsonObject author = new JsonObject().put("id", "80351110224678912").put("username", "nelly")
        .put("global_name", "Nelly").put("avatar", "8342729096ea3675442027381ff50dfe").put("bot", false);
    JsonObject d = new JsonObject().put("id", "1180351110224678912").put("channel_id", "1180351110224678913")
        .put("guild_id", "1180351110224678914").put("author", author).put("content", "hello")
        .put("timestamp", "2024-05-01T12:00:00.000000+00:00").put("tts", false).put("mention_everyone", false)
        .put("mentions", new JsonArray()).put("embeds", new JsonArray()).put("type", 0);
    int index = 0;
    while (frame("MESSAGE_CREATE", d).length() < targetBytes - 120) {
      d.getJsonArray("embeds").add(new JsonObject().put("title", "embed " + index).put("type", "rich")
          .put("description", "Some text of a rich embed, with \"quotes\" and ünïcödé. " + index)
          .put("fields", new JsonArray().add(new JsonObject().put("name", "f").put("value", "v").put("inline", true))));
      index++;
    }
    return frame("MESSAGE_CREATE", d).getBytes(StandardCharsets.UTF_8);
  }

  private static String frame(String type, JsonObject d) {
    return new JsonObject().put("t", type).put("s", 123_456).put("op", 0).put("d", d).encode();
  }
}
