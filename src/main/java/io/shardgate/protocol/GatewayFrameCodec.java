package io.shardgate.protocol;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Event-bus codec for {@link GatewayFrame}. Local delivery passes the same immutable instance to every
 * consumer (no copy); the cluster wire carries the scanned envelope along with the bytes, so the
 * receiving node never re-scans and, for the heap wire buffers Vert.x hands to codecs, aliases the
 * bytes instead of copying them.
 *
 * <p>Wire layout: shardId int, rseq long, op int, s long, sStart, sEnd, tStart, tEnd, dStart, dEnd
 * ints, payload length int, payload bytes.
 */
public final class GatewayFrameCodec implements MessageCodec<GatewayFrame, GatewayFrame> {

  public static final String NAME = "shardgate-frame";

  private static final byte USER_CODEC_ID = -1;
  private static final Object REGISTRATION_LOCK = new Object();

  // Offsets of the fields within a frame's wire record (see the class comment).
  private static final int SHARD_ID_AT = 0;
  private static final int RSEQ_AT = SHARD_ID_AT + Integer.BYTES;
  private static final int OP_AT = RSEQ_AT + Long.BYTES;
  private static final int S_AT = OP_AT + Integer.BYTES;
  private static final int S_START_AT = S_AT + Long.BYTES;
  private static final int S_END_AT = S_START_AT + Integer.BYTES;
  private static final int T_START_AT = S_END_AT + Integer.BYTES;
  private static final int T_END_AT = T_START_AT + Integer.BYTES;
  private static final int D_START_AT = T_END_AT + Integer.BYTES;
  private static final int D_END_AT = D_START_AT + Integer.BYTES;
  private static final int LENGTH_AT = D_END_AT + Integer.BYTES;
  private static final int PAYLOAD_AT = LENGTH_AT + Integer.BYTES;

  /**
   * Registers the codec by name and as the default codec for {@link GatewayFrame}. Call it once per Vertx
   * instance (on every cluster node) before any consumer of frames starts; a repeated call is a no-op.
   */
  public static void register(EventBus eventBus) {
    synchronized (REGISTRATION_LOCK) {
      try {
        eventBus.registerDefaultCodec(GatewayFrame.class, new GatewayFrameCodec());
      } catch (IllegalStateException alreadyRegistered) {
        // Vert.x rejects a second registration; the codec is stateless, so the first one serves.
      }
    }
  }

  @Override
  public void encodeToWire(Buffer buffer, GatewayFrame frame) {
    Envelope envelope = frame.envelope();
    buffer.appendInt(frame.shardId())
        .appendLong(frame.rseq())
        .appendInt(envelope.op())
        .appendLong(envelope.s())
        .appendInt(envelope.sStart())
        .appendInt(envelope.sEnd())
        .appendInt(envelope.tStart())
        .appendInt(envelope.tEnd())
        .appendInt(envelope.dStart())
        .appendInt(envelope.dEnd())
        .appendInt(frame.length())
        .appendBytes(frame.array(), frame.offset(), frame.length());
  }

  @Override
  public GatewayFrame decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos + LENGTH_AT);
    int payloadStart = pos + PAYLOAD_AT;
    ArraySlice bytes = Buffers.slice(buffer, payloadStart, payloadStart + length);
    Envelope envelope = new Envelope(bytes.array(), bytes.offset(), length,
        buffer.getInt(pos + OP_AT), buffer.getLong(pos + S_AT),
        buffer.getInt(pos + S_START_AT), buffer.getInt(pos + S_END_AT),
        buffer.getInt(pos + T_START_AT), buffer.getInt(pos + T_END_AT),
        buffer.getInt(pos + D_START_AT), buffer.getInt(pos + D_END_AT));
    return new GatewayFrame(buffer.getInt(pos + SHARD_ID_AT), buffer.getLong(pos + RSEQ_AT),
        bytes.array(), bytes.offset(), length, envelope);
  }

  /** Local delivery: frames are immutable, so every consumer shares the sender's instance. */
  @Override
  public GatewayFrame transform(GatewayFrame frame) {
    return frame;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return USER_CODEC_ID;
  }
}
