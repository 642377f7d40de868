package io.shardgate.downstream;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Maps a client's sequence numbers ({@code s}, contiguous from 1 for the client) to the shard's relay
 * sequence ({@code rseq}): {@link #afterRseq(long)} says how far into the shard's stream a client
 * that has seen {@code s} is, which is what a RESUME needs.
 *
 * <p>A client sees every relayed frame of its shard except those addressed to another client (member
 * chunks answering someone else's nonce), plus payloads shardgate crafts (READY, GUILD_CREATEs,
 * RESUMED) that have no rseq. Between two such events {@code s} and {@code rseq} advance together, so
 * the mapping is a short list of segments {@code (firstS, rseqAt)}, each starting where the straight
 * line breaks. Skips and crafted payloads are rare, so the list stays short. Not thread-safe.
 */
public final class ClientCursor {

  private record Segment(long firstS, long rseqAt) {
    long rseqAt(long s) {
      return rseqAt + (s - firstS);
    }
  }

  private static final int MAX_SEGMENTS = 4096;

  private final ArrayDeque<Segment> segments = new ArrayDeque<>();
  private long firstResumableS;
  private long lastRseq;
  private long lastS;

  /**
   * @param afterRseq the relay sequence the client's crafted READY and GUILD_CREATEs reflect
   * @param lastS     the last {@code s} they used; a RESUME from it or later can be served
   */
  public ClientCursor(long afterRseq, long lastS) {
    this.lastRseq = afterRseq;
    this.lastS = lastS;
    this.firstResumableS = lastS;
    segments.add(new Segment(lastS, afterRseq));
  }

  /** Records that the frame {@code rseq} is delivered and returns the {@code s} it carries. */
  public long deliver(long rseq) {
    requireAfterLast(rseq);
    long s = lastS + 1;
    if (segments.peekLast().rseqAt(s) != rseq) {
      addSegment(new Segment(s, rseq));
    }
    lastS = s;
    lastRseq = rseq;
    return s;
  }

  /** Records that the frame {@code rseq} is not for this client: it takes no {@code s}. */
  public void skip(long rseq) {
    requireAfterLast(rseq);
    lastRseq = rseq;
  }

  /** Takes the next {@code s} for a payload shardgate crafts (RESUMED), which has no rseq. */
  public long craft() {
    long s = lastS + 1;
    if (segments.peekLast().rseqAt(s) != lastRseq) {
      addSegment(new Segment(s, lastRseq));
    }
    lastS = s;
    return s;
  }

  /**
   * How far into the shard's stream a client that has seen {@code s} is: the rseq after which it
   * needs frames. -1 when {@code s} is ahead of what was sent, or falls among crafted READY and
   * GUILD_CREATE payloads that cannot be sent again.
   */
  public long afterRseq(long s) {
    if (s < firstResumableS || s > lastS) {
      return -1;
    }
    Segment match = null;
    for (Iterator<Segment> it = segments.iterator(); it.hasNext(); ) {
      Segment segment = it.next();
      if (segment.firstS > s) {
        break;
      }
      match = segment;
    }
    return match == null ? -1 : match.rseqAt(s);
  }

  /**
   * Rewinds to what a client RESUMEing with {@code s} has seen, so frames after it are delivered
   * again with the same numbers. Returns the rseq the client is at, or -1 (see {@link #afterRseq}).
   */
  public long rewindTo(long s) {
    long rseq = afterRseq(s);
    if (rseq < 0) {
      return -1;
    }
    while (segments.size() > 1 && segments.peekLast().firstS > s) {
      segments.pollLast();
    }
    lastS = s;
    lastRseq = rseq;
    return rseq;
  }

  /** The cursor as JSON, so another node can take over the session. */
  public io.vertx.core.json.JsonObject toJson() {
    io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
    for (Segment segment : segments) {
      list.add(new io.vertx.core.json.JsonArray().add(segment.firstS).add(segment.rseqAt));
    }
    return new io.vertx.core.json.JsonObject().put("segments", list).put("first_resumable_s", firstResumableS)
        .put("last_s", lastS).put("last_rseq", lastRseq);
  }

  public static ClientCursor fromJson(io.vertx.core.json.JsonObject json) {
    io.vertx.core.json.JsonArray list = json.getJsonArray("segments");
    io.vertx.core.json.JsonArray first = list.getJsonArray(0);
    ClientCursor cursor = new ClientCursor(first.getLong(1), first.getLong(0));
    cursor.segments.clear();
    for (int i = 0; i < list.size(); i++) {
      io.vertx.core.json.JsonArray segment = list.getJsonArray(i);
      cursor.segments.add(new Segment(segment.getLong(0), segment.getLong(1)));
    }
    cursor.firstResumableS = json.getLong("first_resumable_s");
    cursor.lastS = json.getLong("last_s");
    cursor.lastRseq = json.getLong("last_rseq");
    return cursor;
  }

  public long lastRseq() {
    return lastRseq;
  }

  public long lastS() {
    return lastS;
  }

  private void requireAfterLast(long rseq) {
    if (rseq <= lastRseq) {
      throw new IllegalStateException("rseq " + rseq + " after " + lastRseq);
    }
  }

  private void addSegment(Segment segment) {
    segments.add(segment);
    if (segments.size() > MAX_SEGMENTS) {
      // Forget the oldest: RESUMEs that far back are beyond any replay window anyway.
      segments.pollFirst();
      firstResumableS = segments.peekFirst().firstS;
    }
  }
}
