package io.shardgate.protocol;

import io.vertx.core.buffer.Buffer;

/**
 * Rewrites the digits of the top-level {@code "s"} of a frame for one client (each client sees its
 * own contiguous sequence); every other byte is copied unchanged. No parsing, one allocation.
 */
public final class SequenceRewriter {

  private static final long[] POWERS_OF_TEN = new long[19];

  static {
    long power = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = power;
      power *= 10;
    }
  }

  private SequenceRewriter() {
  }

  /**
   * The payload of {@code frame} with the value of its top-level {@code "s"} (digits or {@code null})
   * replaced by the decimal digits of {@code s}, in a new buffer of exactly the right size.
   *
   * @throws IllegalArgumentException if the frame has no top-level {@code "s"} key, or {@code s < 0}
   */
  public static Buffer withSequence(GatewayFrame frame, long s) {
    if (s < 0) {
      throw new IllegalArgumentException("sequence must not be negative: " + s);
    }
    Envelope envelope = frame.envelope();
    if (envelope.sStart() < 0) {
      throw new IllegalArgumentException("frame has no top-level \"s\" to rewrite");
    }
    int digits = decimalDigits(s);
    int suffixLength = frame.length() - envelope.sEnd();
    Buffer out = Buffer.buffer(envelope.sStart() + digits + suffixLength);
    out.appendBytes(frame.array(), frame.offset(), envelope.sStart());
    for (int i = digits - 1; i >= 0; i--) {
      out.appendByte((byte) ('0' + (s / POWERS_OF_TEN[i]) % 10));
    }
    out.appendBytes(frame.array(), frame.offset() + envelope.sEnd(), suffixLength);
    return out;
  }

  static int decimalDigits(long value) {
    int digits = 1;
    while (digits < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[digits]) {
      digits++;
    }
    return digits;
  }
}
