package io.shardgate.protocol;

/** A (decompressed) message exceeds the configured size bound. */
public final class PayloadTooLargeException extends MalformedPayloadException {

  private final int limit;

  public PayloadTooLargeException(String what, int limit) {
    super(what + " exceeds " + limit + " bytes");
    this.limit = limit;
  }

  /** The bound that was exceeded, in bytes. */
  public int limit() {
    return limit;
  }
}
