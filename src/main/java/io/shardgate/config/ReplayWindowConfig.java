package io.shardgate.config;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The {@code replay_window} key: how much of each shard's recent stream a node keeps in memory, so a
 * client that RESUMEs (or a node that takes over its clients) gets every event it missed. Whichever
 * bound is reached first evicts the oldest frames; a RESUME from before the oldest frame kept gets op 9.
 * The frames are the relayed ones themselves (shared with the fan-out, never copied), so
 * {@code max_bytes} bounds the heap one shard's window holds. gateway-proxy has no such key.
 *
 * @param maxEvents frames kept per shard; the window preallocates a slot (a reference and a
 *     timestamp, about 12 bytes) for each
 * @param maxBytes payload bytes kept per shard
 * @param maxAgeSeconds how long a frame stays resumable
 */
public record ReplayWindowConfig(int maxEvents, long maxBytes, int maxAgeSeconds) {

  public static final int DEFAULT_MAX_EVENTS = 50_000;
  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
  public static final int DEFAULT_MAX_AGE_SECONDS = 300;

  /** The slots are preallocated: a million of them is already ~12 MB per shard before any event. */
  public static final int MAX_MAX_EVENTS = 1_000_000;
  /** Below this the value was almost certainly meant in KiB or MiB. */
  public static final long MIN_MAX_BYTES = 64L * 1024;
  /** Above this one shard's window would hold more heap than most nodes have. */
  public static final long MAX_MAX_BYTES = 4L * 1024 * 1024 * 1024;
  /** Longer is almost certainly milliseconds written as seconds (and far beyond any RESUME need). */
  public static final int MAX_MAX_AGE_SECONDS = 3_600;

  /** The nested keys and their types, for the validator and the SHARDGATE_REPLAY_WINDOW__* variables. */
  static final Map<String, ConfigKey.Type> FIELDS = Map.of(
      "max_events", ConfigKey.Type.INT,
      "max_bytes", ConfigKey.Type.LONG,
      "max_age_seconds", ConfigKey.Type.INT);
  /** The nested keys in the order the docs and messages list them. */
  static final List<String> FIELD_NAMES = List.of("max_events", "max_bytes", "max_age_seconds");

  public static ReplayWindowConfig defaults() {
    return new ReplayWindowConfig(DEFAULT_MAX_EVENTS, DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE_SECONDS);
  }

  /** Reads the {@code replay_window} object, already validated; absent or null keys keep defaults. */
  public static ReplayWindowConfig fromJson(JsonObject json) {
    ReplayWindowConfig d = defaults();
    if (json == null) {
      return d;
    }
    Long events = JsonValues.integral(json.getValue("max_events"));
    Long bytes = JsonValues.integral(json.getValue("max_bytes"));
    Long age = JsonValues.integral(json.getValue("max_age_seconds"));
    return new ReplayWindowConfig(
        events == null ? d.maxEvents : events.intValue(),
        bytes == null ? d.maxBytes : bytes,
        age == null ? d.maxAgeSeconds : age.intValue());
  }

  public long maxAgeMillis() {
    return maxAgeSeconds * 1_000L;
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("max_events", maxEvents)
        .put("max_bytes", maxBytes)
        .put("max_age_seconds", maxAgeSeconds);
  }
}
