package io.shardgate.protocol;

/** Discord gateway opcodes (the top-level {@code "op"} of every payload), API v10. */
public final class Opcodes {

  public static final int DISPATCH = 0;
  public static final int HEARTBEAT = 1;
  public static final int IDENTIFY = 2;
  public static final int PRESENCE_UPDATE = 3;
  public static final int VOICE_STATE_UPDATE = 4;
  public static final int RESUME = 6;
  public static final int RECONNECT = 7;
  public static final int REQUEST_GUILD_MEMBERS = 8;
  public static final int INVALID_SESSION = 9;
  public static final int HELLO = 10;
  public static final int HEARTBEAT_ACK = 11;
  public static final int REQUEST_SOUNDBOARD_SOUNDS = 31;
  public static final int REQUEST_CHANNEL_INFO = 43;

  private Opcodes() {
  }

  /** A readable name for logs, e.g. {@code "HEARTBEAT"}, or {@code "UNKNOWN(5)"}. */
  public static String name(int op) {
    switch (op) {
      case DISPATCH: return "DISPATCH";
      case HEARTBEAT: return "HEARTBEAT";
      case IDENTIFY: return "IDENTIFY";
      case PRESENCE_UPDATE: return "PRESENCE_UPDATE";
      case VOICE_STATE_UPDATE: return "VOICE_STATE_UPDATE";
      case RESUME: return "RESUME";
      case RECONNECT: return "RECONNECT";
      case REQUEST_GUILD_MEMBERS: return "REQUEST_GUILD_MEMBERS";
      case INVALID_SESSION: return "INVALID_SESSION";
      case HELLO: return "HELLO";
      case HEARTBEAT_ACK: return "HEARTBEAT_ACK";
      case REQUEST_SOUNDBOARD_SOUNDS: return "REQUEST_SOUNDBOARD_SOUNDS";
      case REQUEST_CHANNEL_INFO: return "REQUEST_CHANNEL_INFO";
      default: return "UNKNOWN(" + op + ")";
    }
  }
}
