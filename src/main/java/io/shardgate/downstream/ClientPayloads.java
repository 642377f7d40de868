package io.shardgate.downstream;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** The payloads shardgate writes to clients itself, as JSON bytes. */
final class ClientPayloads {

  private ClientPayloads() {
  }

  static Buffer hello(long heartbeatIntervalMs) {
    return Buffer.buffer("{\"t\":null,\"s\":null,\"op\":10,\"d\":{\"heartbeat_interval\":" + heartbeatIntervalMs
        + ",\"_trace\":[\"[\\\"shardgate\\\"]\"]}}");
  }

  static Buffer heartbeatAck() {
    return Buffer.buffer("{\"t\":null,\"s\":null,\"op\":11,\"d\":null}");
  }

  static Buffer invalidSession(boolean resumable) {
    return Buffer.buffer("{\"t\":null,\"s\":null,\"op\":9,\"d\":" + resumable + "}");
  }

  /** A dispatch whose {@code d} is already JSON bytes. */
  static Buffer dispatch(String type, long s, Buffer data) {
    byte[] head = ("{\"t\":\"" + type + "\",\"s\":" + s + ",\"op\":0,\"d\":").getBytes(StandardCharsets.US_ASCII);
    return Buffer.buffer(head.length + data.length() + 1).appendBytes(head).appendBuffer(data).appendByte((byte) '}');
  }
}
