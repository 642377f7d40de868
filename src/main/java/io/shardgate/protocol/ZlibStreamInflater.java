package io.shardgate.protocol;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Receive side of {@code compress=zlib-stream}: one zlib context for the whole connection, a message
 * complete when the bytes received for it end with {@code 00 00 ff ff} (Z_SYNC_FLUSH). A message may
 * span several websocket frames. Chunks are inflated as they arrive, so only the inflated message is
 * held, bounded by {@code maxMessageBytes}; the compressed bytes of one message share the same bound.
 *
 * <p>One instance per connection; not thread-safe (use it from the connection's context). After any
 * exception the shared context is unusable: close the connection and {@link #close()} this.
 */
public final class ZlibStreamInflater implements AutoCloseable {

  /** The Z_SYNC_FLUSH marker that ends every zlib-stream message. */
  static final int SYNC_FLUSH_SUFFIX = 0x0000FFFF;
  static final int SUFFIX_LENGTH = 4;

  private static final int INITIAL_OUTPUT_BYTES = 8 * 1024;
  private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;
  private static final ByteBuffer NO_INPUT = ByteBuffer.allocate(0);

  private final Inflater inflater = new Inflater();
  private final int maxMessageBytes;
  private byte[] output;
  private int outputLength;
  private long compressedLength; // of the message in progress
  private int lastBytes; // last four received bytes of the message in progress, big-endian

  public ZlibStreamInflater(int maxMessageBytes) {
    if (maxMessageBytes <= 0) {
      throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
    }
    this.maxMessageBytes = maxMessageBytes;
    this.output = new byte[(int) Math.min(INITIAL_OUTPUT_BYTES, maxMessageBytes + 1L)];
  }

  /** Feeds one websocket frame; returns the inflated message if it is now complete, else null. */
  public byte[] feed(byte[] chunk) {
    return feed(ByteBuffer.wrap(chunk));
  }

  public byte[] feed(Buffer chunk) {
    return feed(Buffers.nioView(chunk));
  }

  /**
   * Feeds the remaining bytes of {@code chunk} (consuming them); returns the inflated message if it is
   * now complete (possibly empty), else null.
   *
   * @throws PayloadTooLargeException if the message exceeds {@code maxMessageBytes}, compressed or not
   * @throws MalformedPayloadException if the bytes are not a valid zlib stream
   */
  public byte[] feed(ByteBuffer chunk) {
    rememberLastBytes(chunk);
    compressedLength += chunk.remaining();
    if (compressedLength > maxMessageBytes) {
      throw new PayloadTooLargeException("zlib-stream message (compressed)", maxMessageBytes);
    }
    inflater.setInput(chunk);
    try {
      inflateAvailable();
    } finally {
      inflater.setInput(NO_INPUT); // do not keep a reference to the caller's (maybe pooled) memory
    }
    if (compressedLength < SUFFIX_LENGTH || lastBytes != SYNC_FLUSH_SUFFIX) {
      return null;
    }
    byte[] message = Arrays.copyOf(output, outputLength);
    outputLength = 0;
    compressedLength = 0;
    lastBytes = 0;
    return message;
  }

  private void rememberLastBytes(ByteBuffer chunk) {
    int from = Math.max(chunk.position(), chunk.limit() - SUFFIX_LENGTH);
    for (int i = from; i < chunk.limit(); i++) {
      lastBytes = (lastBytes << Byte.SIZE) | (chunk.get(i) & 0xFF);
    }
  }

  private void inflateAvailable() {
    try {
      while (true) {
        if (outputLength == output.length) {
          growOutput();
        }
        int inflated = inflater.inflate(output, outputLength, output.length - outputLength);
        outputLength += inflated;
        if (outputLength > maxMessageBytes) {
          throw new PayloadTooLargeException("zlib-stream message", maxMessageBytes);
        }
        if (inflated == 0 && outputLength < output.length) {
          checkStreamState();
          return;
        }
      }
    } catch (DataFormatException e) {
      throw new MalformedPayloadException("invalid zlib-stream data", e);
    }
  }

  /** Nothing more came out although there was room: the input must be used up. */
  private void checkStreamState() {
    if (inflater.needsDictionary()) {
      throw new MalformedPayloadException("zlib-stream asks for a preset dictionary");
    }
    if (inflater.finished()) {
      // zlib-stream never ends its stream; bytes after an end would be silently ignored otherwise.
      throw new MalformedPayloadException("zlib-stream ended");
    }
  }

  private void growOutput() {
    // One byte beyond the bound is enough to detect that a message exceeds it.
    long capacity = Math.min(Math.min((long) output.length * 2, maxMessageBytes + 1L), MAX_ARRAY_BYTES);
    if (capacity <= output.length) {
      throw new PayloadTooLargeException("zlib-stream message", maxMessageBytes);
    }
    output = Arrays.copyOf(output, (int) capacity);
  }

  @Override
  public void close() {
    inflater.end();
  }
}
