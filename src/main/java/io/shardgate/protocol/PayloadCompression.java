package io.shardgate.protocol;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * IDENTIFY {@code compress: true} mode: every message is a complete, standalone zlib stream (finished,
 * no shared context), unlike the transport's zlib-stream. Stateless and thread-safe.
 */
public final class PayloadCompression {

  private static final int MIN_OUTPUT_BYTES = 64;
  private static final int MAX_INITIAL_INFLATE_BYTES = 64 * 1024;

  private PayloadCompression() {
  }

  public static byte[] compress(byte[] message) {
    return compress(message, 0, message.length);
  }

  /** Compresses {@code message[offset, offset + length)} as one finished zlib stream. */
  public static byte[] compress(byte[] message, int offset, int length) {
    Deflater deflater = new Deflater();
    try {
      deflater.setInput(message, offset, length);
      deflater.finish();
      byte[] output = new byte[length / 2 + MIN_OUTPUT_BYTES];
      int written = 0;
      while (!deflater.finished()) {
        if (written == output.length) {
          output = Arrays.copyOf(output, output.length * 2);
        }
        written += deflater.deflate(output, written, output.length - written);
      }
      return Arrays.copyOf(output, written);
    } finally {
      deflater.end();
    }
  }

  /**
   * Inflates one standalone zlib stream.
   *
   * @throws PayloadTooLargeException if it inflates to more than {@code maxBytes}
   * @throws MalformedPayloadException if it is not one complete zlib stream (or has trailing bytes)
   */
  public static byte[] decompress(byte[] compressed, int maxBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    }
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(compressed);
      ByteArrayOutputStream output = new ByteArrayOutputStream(Math.min(maxBytes, MAX_INITIAL_INFLATE_BYTES));
      byte[] chunk = new byte[(int) Math.min(maxBytes + 1L, MAX_INITIAL_INFLATE_BYTES)];
      while (!inflater.finished()) {
        int inflated = inflater.inflate(chunk);
        boolean stuck = inflater.needsInput() || inflater.needsDictionary();
        if (inflated == 0 && stuck && !inflater.finished()) {
          throw new MalformedPayloadException("truncated or invalid zlib payload");
        }
        if (output.size() + inflated > maxBytes) {
          throw new PayloadTooLargeException("zlib payload", maxBytes);
        }
        output.write(chunk, 0, inflated);
      }
      if (inflater.getRemaining() > 0) {
        throw new MalformedPayloadException("trailing bytes after the zlib payload");
      }
      return output.toByteArray();
    } catch (DataFormatException e) {
      throw new MalformedPayloadException("invalid zlib payload", e);
    } finally {
      inflater.end();
    }
  }
}
