package io.shardgate.downstream;

import io.shardgate.protocol.PayloadCompression;
import io.shardgate.protocol.ZlibStreamDeflater;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Writes payloads to one client in the compression it asked for, and bounds what waits to be
 * written: past {@code maxPending} relayed frames not yet written to the socket, the client is too
 * slow and {@code onOverflow} runs (the connection closes it resumably; the frames stay in the
 * shard's replay window). Payloads shardgate crafts (READY and its GUILD_CREATEs, heartbeat ACKs)
 * come in bursts a healthy client absorbs, so they do not count against the bound.
 */
final class ClientTransport {

  enum Compression { NONE, ZLIB_STREAM, PAYLOAD_ZLIB }

  private final ServerWebSocket ws;
  private final int maxPending;
  private final Runnable onOverflow;
  private Compression compression;
  private ZlibStreamDeflater deflater;
  private int pending;
  private boolean overflowed;

  ClientTransport(ServerWebSocket ws, Compression compression, int maxPending, Runnable onOverflow) {
    this.ws = ws;
    this.compression = compression;
    this.maxPending = maxPending;
    this.onOverflow = onOverflow;
    if (compression == Compression.ZLIB_STREAM) {
      deflater = new ZlibStreamDeflater();
    }
  }

  /** IDENTIFY {@code compress: true}: every later payload is zlib-compressed on its own. */
  void usePayloadCompression() {
    if (compression == Compression.NONE) {
      compression = Compression.PAYLOAD_ZLIB;
    }
  }

  Compression compression() {
    return compression;
  }

  /** Writes a payload shardgate crafted. */
  void send(Buffer json) {
    if (!overflowed && !ws.isClosed()) {
      write(json);
    }
  }

  /** Writes a relayed frame; returns false when the client overflowed and is being closed. */
  boolean relay(Buffer json) {
    if (overflowed || ws.isClosed()) {
      return false;
    }
    if (pending >= maxPending) {
      overflowed = true;
      onOverflow.run();
      return false;
    }
    pending++;
    write(json).onComplete(ar -> pending--);
    return true;
  }

  private Future<Void> write(Buffer json) {
    return switch (compression) {
      case NONE -> ws.writeFrame(textFrame(json));
      case ZLIB_STREAM -> ws.writeBinaryMessage(Buffer.buffer(deflater.compress(json)));
      case PAYLOAD_ZLIB -> ws.writeBinaryMessage(Buffer.buffer(PayloadCompression.compress(json.getBytes())));
    };
  }

  void close() {
    if (deflater != null) {
      deflater.close();
      deflater = null;
    }
  }

  /**
   * A text frame straight from the JSON bytes. The public API only builds text frames from a String,
   * which would decode and re-encode every relayed payload for every client.
   */
  private static WebSocketFrameImpl textFrame(Buffer json) {
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, ((BufferInternal) json).getByteBuf(), true);
  }
}
