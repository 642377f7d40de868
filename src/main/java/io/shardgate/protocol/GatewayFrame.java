package io.shardgate.protocol;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One gateway payload as it travels from a shard to its clients: the raw bytes, their scanned
 * {@link Envelope}, the shard's relay sequence ({@code rseq}) and the shard id. Immutable.
 *
 * <p>The bytes are held as {@code byte[]} + offset + length rather than a Vert.x Buffer: the scanner
 * and {@link SequenceRewriter} work on arrays with plain indexing and {@code System.arraycopy}, and the
 * codec can alias the array of a received wire buffer instead of copying it. {@link #payload()} wraps
 * the same bytes as a read-only Buffer without copying.
 *
 * <p>The array is not copied on construction: callers hand it over and must never mutate it
 * afterwards (the same rule as for any buffer published on the event bus).
 */
public final class GatewayFrame {

  private final int shardId;
  private final long rseq;
  private final byte[] array;
  private final int offset;
  private final int length;
  private final Envelope envelope;

  /** Scans {@code payload} (see {@link #scan(int, long, byte[])}). */
  public GatewayFrame(int shardId, long rseq, byte[] payload) {
    this(shardId, rseq, payload, 0, payload.length, EnvelopeScanner.scan(payload, 0, payload.length));
  }

  GatewayFrame(int shardId, long rseq, byte[] array, int offset, int length, Envelope envelope) {
    Objects.checkFromIndexSize(offset, length, array.length);
    if (!envelope.describes(array, offset)) {
      throw new IllegalArgumentException("envelope was not scanned from these bytes");
    }
    this.shardId = shardId;
    this.rseq = rseq;
    this.array = array;
    this.offset = offset;
    this.length = length;
    this.envelope = envelope;
  }

  /**
   * Scans {@code payload} and wraps it without copying.
   *
   * @throws MalformedPayloadException if the payload is not a well-formed gateway payload
   */
  public static GatewayFrame scan(int shardId, long rseq, byte[] payload) {
    return new GatewayFrame(shardId, rseq, payload);
  }

  /**
   * Wraps a payload whose envelope the caller already scanned (the shard scans every payload to
   * route it, so scanning again to relay it would be wasted work).
   *
   * @throws IllegalArgumentException if {@code envelope} was not scanned from {@code payload}
   */
  public static GatewayFrame of(int shardId, long rseq, byte[] payload, Envelope envelope) {
    return new GatewayFrame(shardId, rseq, payload, 0, payload.length, envelope);
  }

  /** Scans {@code array[offset, offset + length)} and wraps it without copying. */
  public static GatewayFrame scan(int shardId, long rseq, byte[] array, int offset, int length) {
    return new GatewayFrame(shardId, rseq, array, offset, length, EnvelopeScanner.scan(array, offset, length));
  }

  /**
   * Scans a buffer, using its array in place when it is an un-pooled heap buffer, else copying it
   * once. Either way the buffer must not be mutated afterwards.
   */
  public static GatewayFrame scan(int shardId, long rseq, Buffer payload) {
    ArraySlice bytes = Buffers.slice(payload, 0, payload.length());
    return scan(shardId, rseq, bytes.array(), bytes.offset(), bytes.length());
  }

  /** The same payload and envelope (no re-scan, no copy) with another relay sequence. */
  public GatewayFrame withRseq(long newRseq) {
    return new GatewayFrame(shardId, newRseq, array, offset, length, envelope);
  }

  public int shardId() {
    return shardId;
  }

  /** The relay sequence the shard assigned to this frame. */
  public long rseq() {
    return rseq;
  }

  public Envelope envelope() {
    return envelope;
  }

  /** Payload size in bytes. */
  public int length() {
    return length;
  }

  /** A read-only view of the payload (index 0 = first payload byte); no copy. */
  public ByteBuffer bytes() {
    return ByteBuffer.wrap(array, offset, length).slice().asReadOnlyBuffer();
  }

  /** A read-only Buffer view of the payload, e.g. to write it unchanged to a websocket; no copy. */
  public Buffer payload() {
    return Buffers.readOnlyView(array, offset, length);
  }

  /** A fresh copy of the payload bytes. */
  public byte[] toByteArray() {
    byte[] copy = new byte[length];
    System.arraycopy(array, offset, copy, 0, length);
    return copy;
  }

  byte[] array() {
    return array;
  }

  int offset() {
    return offset;
  }

  /** Never includes payload content: client payloads may carry a token. */
  @Override
  public String toString() {
    return "GatewayFrame{shard=" + shardId + ", rseq=" + rseq + ", op=" + envelope.op() + ", t=" + envelope.t()
        + ", s=" + envelope.s() + ", bytes=" + length + "}";
  }
}
