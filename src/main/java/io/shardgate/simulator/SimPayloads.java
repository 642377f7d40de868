package io.shardgate.simulator;

import io.shardgate.protocol.Opcodes;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Gateway payload texts. Dispatches are assembled around an already encoded {@code d}, in Discord's key order. */
final class SimPayloads {
  private SimPayloads() {
  }

  static String dispatch(String type, long seq, String dataJson) {
    return "{\"t\":" + Json.encode(type) + ",\"s\":" + seq + ",\"op\":0,\"d\":" + dataJson + "}";
  }

  /** Discord's debugging trace, present in HELLO, READY and RESUMED. */
  static JsonArray trace() {
    return new JsonArray().add("simulator");
  }

  static String op(int op, Object data) {
    return new JsonObject().put("t", null).put("s", null).put("op", op).put("d", data).encode();
  }

  static String hello(long heartbeatIntervalMs) {
    return op(Opcodes.HELLO, new JsonObject().put("heartbeat_interval", heartbeatIntervalMs).put("_trace", trace()));
  }
}
