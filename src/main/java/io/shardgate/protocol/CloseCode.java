package io.shardgate.protocol;

import java.util.Optional;

/**
 * Discord gateway close codes (gateway → client). 4006 does not exist.
 *
 * <p>{@link #reconnect()} says whether a client may connect again at all; {@link #resumable()} whether it
 * may RESUME its session (4007 and 4009 need a new session; the fatal codes allow neither).
 */
public enum CloseCode {
  UNKNOWN_ERROR(4000, "Unknown error.", true, true),
  UNKNOWN_OPCODE(4001, "Unknown opcode.", true, true),
  DECODE_ERROR(4002, "Decode error.", true, true),
  NOT_AUTHENTICATED(4003, "Not authenticated.", true, true),
  AUTHENTICATION_FAILED(4004, "Authentication failed.", false, false),
  ALREADY_AUTHENTICATED(4005, "Already authenticated.", true, true),
  INVALID_SEQ(4007, "Invalid seq.", true, false),
  RATE_LIMITED(4008, "Rate limited.", true, true),
  SESSION_TIMED_OUT(4009, "Session timed out.", true, false),
  INVALID_SHARD(4010, "Invalid shard.", false, false),
  SHARDING_REQUIRED(4011, "Sharding required.", false, false),
  INVALID_API_VERSION(4012, "Invalid API version.", false, false),
  INVALID_INTENTS(4013, "Invalid intent(s).", false, false),
  DISALLOWED_INTENTS(4014, "Disallowed intent(s).", false, false);

  /** WebSocket "normal closure": a client closing with it ends its Discord session. */
  public static final int NORMAL_CLOSURE = 1000;
  /** WebSocket "going away": a client closing with it ends its Discord session too. */
  public static final int GOING_AWAY = 1001;

  private static final int FIRST_CODE = 4000;
  private static final CloseCode[] BY_OFFSET = new CloseCode[15];

  static {
    for (CloseCode closeCode : values()) {
      BY_OFFSET[closeCode.code - FIRST_CODE] = closeCode;
    }
  }

  private final int code;
  private final String reason;
  private final boolean reconnect;
  private final boolean resumable;

  CloseCode(int code, String reason, boolean reconnect, boolean resumable) {
    this.code = code;
    this.reason = reason;
    this.reconnect = reconnect;
    this.resumable = resumable;
  }

  public int code() {
    return code;
  }

  /** Discord-like default close reason text. */
  public String reason() {
    return reason;
  }

  /** May the client connect again at all? False for the fatal codes. */
  public boolean reconnect() {
    return reconnect;
  }

  /** May the client RESUME its session, rather than IDENTIFY anew? */
  public boolean resumable() {
    return resumable;
  }

  public static Optional<CloseCode> of(int code) {
    int offset = code - FIRST_CODE;
    if (offset < 0 || offset >= BY_OFFSET.length) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_OFFSET[offset]);
  }

  /**
   * True when a client that closes its connection with {@code code} thereby ends its Discord session
   * (1000 and 1001). Any other code, or a drop without a close frame, leaves the session resumable.
   */
  public static boolean invalidatesSession(int code) {
    return code == NORMAL_CLOSURE || code == GOING_AWAY;
  }
}
