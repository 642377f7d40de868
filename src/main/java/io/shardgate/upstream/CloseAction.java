package io.shardgate.upstream;

import io.shardgate.protocol.CloseCode;

/** What a shard does after Discord closed its connection with a given code. */
enum CloseAction {
  /** Reconnect and RESUME the session (any unknown code, or a drop without close frame). */
  RESUME,
  /** The session is gone (4007, 4009): reconnect and IDENTIFY. */
  IDENTIFY,
  /** Discord will refuse every retry (4004, 4010-4014): stop loudly. */
  FATAL;

  /** @param code the close code, or null when the connection dropped without a close frame */
  static CloseAction forCode(Integer code) {
    if (code == null) {
      return RESUME;
    }
    return CloseCode.of(code)
        .map(known -> !known.reconnect() ? FATAL : known.resumable() ? RESUME : IDENTIFY)
        .orElse(RESUME);
  }
}
