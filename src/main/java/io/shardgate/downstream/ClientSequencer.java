package io.shardgate.downstream;

import io.shardgate.protocol.GatewayFrame;
import io.shardgate.protocol.SequenceRewriter;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gives a shard's relayed frames one client's {@code s}, live or replayed: frames the client already
 * has are dropped, another client's member chunks are skipped, its own get its nonce back. Advances
 * the session's {@link ClientCursor}; writes nothing. Used on the client gateway's context.
 */
final class ClientSequencer {

  private final NonceRoutes nonceRoutes;
  /** Told when a session's s-to-rseq line breaks (a member chunk), which another node must learn. */
  private final Consumer<ClientSessions.Session> cursorMoved;

  ClientSequencer(NonceRoutes nonceRoutes, Consumer<ClientSessions.Session> cursorMoved) {
    this.nonceRoutes = nonceRoutes;
    this.cursorMoved = cursorMoved;
  }

  /**
   * The frame with the session's next s, or null when the client already has it (from its snapshot
   * or replay, or from before the shard changed owner) or it is another client's member chunk.
   */
  Buffer sequence(ClientSessions.Session session, GatewayFrame frame) {
    ClientCursor cursor = session.cursor;
    if (frame.rseq() <= cursor.lastRseq()) {
      return null;
    }
    NonceRoutes.Route route = nonceRoutes.routeOf(frame);
    if (route == null) {
      return SequenceRewriter.withSequence(frame, cursor.deliver(frame.rseq()));
    }
    cursorMoved.accept(session);
    if (session.id.equals(route.sessionId())) {
      return NonceRoutes.withClientNonce(frame, route.clientNonce(), cursor.deliver(frame.rseq()));
    }
    cursor.skip(frame.rseq());
    return null;
  }

  /**
   * The payloads of a replay: {@code frames} (the shard's frames after the session's cursor) with
   * the session's s. When {@code seenUpToS} is not negative the bot saw more than the cursor records
   * (its node died): the frames up to its s are passed over first. Null when that cannot be done
   * exactly: the frames run out first, or a member chunk addressed on the dead node may or may not
   * have been the bot's.
   */
  List<Buffer> replay(ClientSessions.Session session, List<GatewayFrame> frames, long seenUpToS) {
    ClientCursor cursor = session.cursor;
    int from = 0;
    while (seenUpToS >= 0 && cursor.lastS() < seenUpToS) {
      if (from == frames.size() || nonceRoutes.routeOf(frames.get(from)) != null) {
        return null;
      }
      cursor.deliver(frames.get(from++).rseq());
    }
    List<Buffer> payloads = new ArrayList<>(frames.size() - from + 1);
    for (GatewayFrame frame : frames.subList(from, frames.size())) {
      Buffer payload = sequence(session, frame);
      if (payload != null) {
        payloads.add(payload);
      }
    }
    return payloads;
  }
}
