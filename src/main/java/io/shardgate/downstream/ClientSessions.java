package io.shardgate.downstream;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Client sessions of this node, kept after a disconnect so the client can RESUME: which shard, and
 * its {@link ClientCursor}. Bounded in count and in how long a detached session is kept. Used on the
 * client gateway's context only.
 */
final class ClientSessions {

  /** One client session. {@code connection} is null while the client is away. */
  static final class Session {
    final String id;
    final int shardId;
    final ClientCursor cursor;
    ClientConnection connection;
    long detachedAt;
    /** A cursor record is being written to the cluster; another change waits for it. */
    boolean recordInFlight;
    boolean recordAgain;

    Session(String id, int shardId, ClientCursor cursor) {
      this.id = id;
      this.shardId = shardId;
      this.cursor = cursor;
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final long timeoutMs;
  private final int maxSessions;
  private final Map<String, Session> sessions = new LinkedHashMap<>();

  ClientSessions(long timeoutMs, int maxSessions) {
    this.timeoutMs = timeoutMs;
    this.maxSessions = maxSessions;
  }

  static String newSessionId() {
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    return HexFormat.of().formatHex(id);
  }

  Session create(String id, int shardId, ClientCursor cursor, ClientConnection connection) {
    if (sessions.size() >= maxSessions) {
      evictOldestDetached();
    }
    Session session = new Session(id, shardId, cursor);
    session.connection = connection;
    sessions.put(id, session);
    return session;
  }

  Session find(String id) {
    return id == null ? null : sessions.get(id);
  }

  void detach(Session session, long nowMs) {
    session.connection = null;
    session.detachedAt = nowMs;
  }

  void forget(Session session) {
    sessions.remove(session.id);
  }

  /** Forgets sessions detached longer than the timeout. */
  void expire(long nowMs) {
    sessions.values().removeIf(s -> s.connection == null && nowMs - s.detachedAt > timeoutMs);
  }

  /** Sessions whose bot is connected now. */
  java.util.List<Session> attached() {
    return sessions.values().stream().filter(s -> s.connection != null).toList();
  }

  int size() {
    return sessions.size();
  }

  private void evictOldestDetached() {
    for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
      if (it.next().connection == null) {
        it.remove();
        return;
      }
    }
  }
}
