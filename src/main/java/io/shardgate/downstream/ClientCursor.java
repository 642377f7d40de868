package io.shardgate.downstream;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Maps a client's sequence numbers ({@code s}, contiguous from 1 for the client) to the shard's relay
 * sequence ({@code rseq}) and back.
 *
 * <p>A client sees every relayed frame of its shard except those addressed to another client (member
 * chunks answering someone else's nonce). Between two such skips {@code s} and {@code rseq} advance
 * together, so the mapping is a short list of segments {@code (firstRseq, firstS)}: a skip starts a
 * new segment. Skips are rare, so the list stays short; segments older than the replay window can be
 * forgotten. Not thread-safe.
 */
public final class ClientCursor {

  private record Segment(long firstRseq, long firstS) {
  }

  private static final int MAX_SEGMENTS = 1024;

  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private long lastRseq;
  private long lastS;

  /**
   * A cursor whose next delivered frame with {@code rseq > afterRseq} gets {@code s = lastS + 1}.
   *
   * @param afterRseq the relay sequence the client's crafted READY reflects
   * @param lastS     the last {@code s} used by the crafted READY and GUILD_CREATEs
   */
  public ClientCursor(long afterRseq, long lastS) {
    this.lastRseq = afterRseq;
    this.lastS = lastS;
    segments.add(new Segment(afterRseq + 1, lastS + 1));
  }

  /**
   * Records that the frame {@code rseq} is delivered and returns the {@code s} it carries.
   * Frames must be delivered or skipped in rseq order.
   */
  public long deliver(long rseq) {
    if (rseq <= lastRseq) {
      throw new IllegalStateException("rseq " + rseq + " after " + lastRseq);
    }
    if (rseq != lastRseq + 1) {
      // Frames in between were relayed before this client existed or skipped implicitly.
      startSegment(rseq, lastS + 1);
    }
    lastRseq = rseq;
    return ++lastS;
  }

  /** Records that the frame {@code rseq} is not for this client: the next delivered frame keeps s contiguous. */
  public void skip(long rseq) {
    if (rseq <= lastRseq) {
      throw new IllegalStateException("rseq " + rseq + " after " + lastRseq);
    }
    lastRseq = rseq;
    startSegment(rseq + 1, lastS + 1);
  }

  /** The rseq of the frame this client saw as {@code s}, or -1 if {@code s} is older than the cursor remembers. */
  public long rseqOf(long s) {
    if (s > lastS) {
      return -1;
    }
    Segment match = null;
    for (Iterator<Segment> it = segments.iterator(); it.hasNext(); ) {
      Segment segment = it.next();
      if (segment.firstS <= s) {
        match = segment;
      } else {
        break;
      }
    }
    return match == null ? -1 : match.firstRseq + (s - match.firstS);
  }

  /** The first s that maps to a relayed frame (the crafted READY and GUILD_CREATEs come before it). */
  public long firstRelayedS() {
    return segments.peekFirst().firstS;
  }

  public long lastRseq() {
    return lastRseq;
  }

  public long lastS() {
    return lastS;
  }

  private void startSegment(long firstRseq, long firstS) {
    Segment last = segments.peekLast();
    if (last != null && last.firstS == firstS) {
      // No frame was delivered under the previous segment: replace it rather than pile up.
      segments.pollLast();
    }
    segments.add(new Segment(firstRseq, firstS));
    if (segments.size() > MAX_SEGMENTS) {
      segments.pollFirst();
    }
  }
}
