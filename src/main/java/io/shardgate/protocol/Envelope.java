package io.shardgate.protocol;

/**
 * Where the top-level {@code op}, {@code s}, {@code t} and {@code d} of one gateway payload are, as found
 * by {@link EnvelopeScanner}. Immutable.
 *
 * <p>All positions are byte offsets relative to the first byte of the payload (index 0 of
 * {@link GatewayFrame#payload()}), start inclusive and end exclusive, or -1 when the key is absent.
 * {@code t()} is decoded lazily from the payload bytes, so those bytes must not change after scanning.
 */
public final class Envelope {

  static final int ABSENT = -1;

  private final byte[] source;
  private final int base;
  private final int op;
  private final long s;
  private final int sStart;
  private final int sEnd;
  private final int tStart;
  private final int tEnd;
  private final int dStart;
  private final int dEnd;
  private String t; // decoded on first use; a racy second decode yields an equal String, which is harmless

  Envelope(byte[] source, int base, int length, int op, long s, int sStart, int sEnd,
           int tStart, int tEnd, int dStart, int dEnd) {
    checkRange("s", sStart, sEnd, length, 1);
    checkRange("t", tStart, tEnd, length, 2);
    checkRange("d", dStart, dEnd, length, 1);
    if (op < ABSENT || s < ABSENT || (sStart == ABSENT && s != ABSENT)) {
      throw new IllegalArgumentException("inconsistent envelope: op=" + op + " s=" + s);
    }
    this.source = source;
    this.base = base;
    this.op = op;
    this.s = s;
    this.sStart = sStart;
    this.sEnd = sEnd;
    this.tStart = tStart;
    this.tEnd = tEnd;
    this.dStart = dStart;
    this.dEnd = dEnd;
  }

  private static void checkRange(String key, int start, int end, int length, int minLength) {
    boolean absent = start == ABSENT && end == ABSENT;
    boolean inside = start >= 0 && end - start >= minLength && end <= length;
    if (!absent && !inside) {
      throw new IllegalArgumentException(
          "position of \"" + key + "\" [" + start + ", " + end + ") is outside a payload of " + length + " bytes");
    }
  }

  /** The opcode, or -1 if the payload has no {@code op}. */
  public int op() {
    return op;
  }

  /** The sequence number, or -1 if {@code s} is absent or null. */
  public long s() {
    return s;
  }

  /** Start of the value of the top-level {@code s} (its digits or {@code null}), or -1 if absent. */
  public int sStart() {
    return sStart;
  }

  /** End (exclusive) of the value of the top-level {@code s}, or -1 if absent. */
  public int sEnd() {
    return sEnd;
  }

  /** Start of the {@code t} string value including its opening quote, or -1 if absent or null. */
  public int tStart() {
    return tStart;
  }

  /** End (exclusive) of the {@code t} string value including its closing quote, or -1 if absent or null. */
  public int tEnd() {
    return tEnd;
  }

  /** Start of the {@code d} value (any JSON value), or -1 if absent. */
  public int dStart() {
    return dStart;
  }

  /** End (exclusive) of the {@code d} value, or -1 if absent. */
  public int dEnd() {
    return dEnd;
  }

  /** The event name, or null if {@code t} is absent or null. Common names are shared, not reallocated. */
  public String t() {
    if (tStart == ABSENT) {
      return null;
    }
    String name = t;
    if (name == null) {
      name = EventNames.decode(source, base + tStart + 1, base + tEnd - 1);
      t = name;
    }
    return name;
  }

  public boolean isDispatch() {
    return op == Opcodes.DISPATCH;
  }

  /** Whether this envelope describes the payload at {@code array[offset...]}. */
  boolean describes(byte[] array, int offset) {
    return source == array && base == offset;
  }

  @Override
  public String toString() {
    return "Envelope{op=" + op + ", t=" + t() + ", s=" + s + "}";
  }
}
