package io.shardgate.simulator;

import java.util.Set;

/** Discord gateway close codes the simulator sends, and which of them end the session. */
final class SimCloseCodes {
  static final int UNKNOWN_ERROR = 4000;
  static final int UNKNOWN_OPCODE = 4001;
  static final int DECODE_ERROR = 4002;
  static final int NOT_AUTHENTICATED = 4003;
  static final int AUTHENTICATION_FAILED = 4004;
  static final int ALREADY_AUTHENTICATED = 4005;
  static final int INVALID_SEQ = 4007;
  static final int RATE_LIMITED = 4008;
  static final int SESSION_TIMED_OUT = 4009;
  static final int INVALID_SHARD = 4010;
  static final int SHARDING_REQUIRED = 4011;
  static final int INVALID_API_VERSION = 4012;
  static final int INVALID_INTENTS = 4013;
  static final int DISALLOWED_INTENTS = 4014;

  /** Codes after which Discord wants a new session (IDENTIFY), so the simulator forgets the old one. */
  private static final Set<Integer> SESSION_ENDING = Set.of(AUTHENTICATION_FAILED, INVALID_SEQ, SESSION_TIMED_OUT,
      INVALID_SHARD, SHARDING_REQUIRED, INVALID_API_VERSION, INVALID_INTENTS, DISALLOWED_INTENTS);

  /** A client closing with these invalidates its session (Discord: "your bot will appear offline"). */
  private static final Set<Integer> CLIENT_SESSION_ENDING = Set.of(1000, 1001);

  private SimCloseCodes() {
  }

  static boolean endsSession(int serverCloseCode) {
    return SESSION_ENDING.contains(serverCloseCode);
  }

  static boolean clientCloseEndsSession(Short clientCloseCode) {
    return clientCloseCode != null && CLIENT_SESSION_ENDING.contains(clientCloseCode.intValue());
  }
}
