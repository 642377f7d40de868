package io.shardgate.protocol;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Send side of {@code compress=zlib-stream}: one zlib context for the whole connection, each message
 * ending with a Z_SYNC_FLUSH ({@code 00 00 ff ff}) so the receiver can inflate it at once while the
 * context (and its dictionary) carries over to the next message.
 *
 * <p>One instance per connection; not thread-safe (use it from the connection's context).
 */
public final class ZlibStreamDeflater implements AutoCloseable {

  private static final int MIN_OUTPUT_BYTES = 64;
  private static final int MAX_RETAINED_SCRATCH_BYTES = 64 * 1024;
  private static final ByteBuffer NO_INPUT = ByteBuffer.allocate(0);

  private final Deflater deflater;
  private byte[] retainedScratch = new byte[MIN_OUTPUT_BYTES];

  public ZlibStreamDeflater() {
    this(Deflater.DEFAULT_COMPRESSION);
  }

  /** @param level a {@link Deflater} level, 0..9 or {@link Deflater#DEFAULT_COMPRESSION} */
  public ZlibStreamDeflater(int level) {
    this.deflater = new Deflater(level);
  }

  /** Compresses one message; the result ends with {@code 00 00 ff ff}. */
  public byte[] compress(byte[] message) {
    return compress(ByteBuffer.wrap(message));
  }

  public byte[] compress(byte[] message, int offset, int length) {
    return compress(ByteBuffer.wrap(message, offset, length));
  }

  public byte[] compress(Buffer message) {
    return compress(Buffers.nioView(message));
  }

  /** Compresses the remaining bytes of {@code message} (consuming them). */
  public byte[] compress(ByteBuffer message) {
    int expectedBytes = message.remaining() / 2 + MIN_OUTPUT_BYTES;
    byte[] scratch = retainedScratch.length >= expectedBytes ? retainedScratch : new byte[expectedBytes];
    deflater.setInput(message);
    int length = 0;
    while (true) {
      int room = scratch.length - length;
      int written = deflater.deflate(scratch, length, room, Deflater.SYNC_FLUSH);
      length += written;
      if (written < room) {
        break;
      }
      // The output filled all the room: per Deflater's contract more may be pending, so call again.
      scratch = Arrays.copyOf(scratch, scratch.length * 2);
    }
    deflater.setInput(NO_INPUT);
    // Keep a modest scratch per connection; a rare huge message must not pin its memory for good.
    if (scratch.length <= MAX_RETAINED_SCRATCH_BYTES) {
      retainedScratch = scratch;
    }
    return Arrays.copyOf(scratch, length);
  }

  @Override
  public void close() {
    deflater.end();
  }
}
