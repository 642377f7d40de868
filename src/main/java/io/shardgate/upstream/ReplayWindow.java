package io.shardgate.upstream;

import io.shardgate.protocol.GatewayFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent frames a shard relayed, kept so that a client can RESUME (or join mid-stream)
 * without a gap. Bounded three ways, whichever bites first: frame count, payload bytes and age. The
 * frames are the relayed ones themselves (shared, immutable), so the window costs a reference per
 * frame, not a copy. Not thread-safe: used on the shard's context.
 */
public final class ReplayWindow {

  public static final int DEFAULT_MAX_FRAMES = io.shardgate.config.ReplayWindowConfig.DEFAULT_MAX_EVENTS;
  public static final long DEFAULT_MAX_BYTES = io.shardgate.config.ReplayWindowConfig.DEFAULT_MAX_BYTES;
  private static final int INITIAL_CAPACITY = 1024;
  public static final long DEFAULT_MAX_AGE_MS = io.shardgate.config.ReplayWindowConfig.DEFAULT_MAX_AGE_SECONDS * 1_000L;

  private final int maxFrames;
  private final long maxBytes;
  private final long maxAgeMs;
  /** A ring that grows by doubling up to {@code maxFrames}: a quiet shard does not pay for the bound. */
  private GatewayFrame[] frames;
  private long[] appendedAt;
  private int head;
  private int size;
  private long bytes;
  /** Survives eviction: an empty window still knows whether a RESUME asks for frames it lost. */
  private long newestRseq;

  public ReplayWindow(int maxFrames, long maxBytes, long maxAgeMs) {
    if (maxFrames < 1 || maxBytes < 1 || maxAgeMs < 1) {
      throw new IllegalArgumentException("replay window bounds must be positive");
    }
    this.maxFrames = maxFrames;
    this.maxBytes = maxBytes;
    this.maxAgeMs = maxAgeMs;
    int initial = Math.min(maxFrames, INITIAL_CAPACITY);
    this.frames = new GatewayFrame[initial];
    this.appendedAt = new long[initial];
  }

  public static ReplayWindow withDefaults() {
    return new ReplayWindow(DEFAULT_MAX_FRAMES, DEFAULT_MAX_BYTES, DEFAULT_MAX_AGE_MS);
  }

  /**
   * Continues a stream another owner relayed up to {@code rseq}: a client that saw all of it gets an
   * empty replay; one that needs older frames is told the window does not reach.
   */
  public void continueFrom(long rseq) {
    if (size > 0 || newestRseq > 0) {
      throw new IllegalStateException("the window already holds a stream");
    }
    newestRseq = rseq;
  }

  /**
   * Forgets every frame and continues at {@code rseq}: the stream was replaced by one that does not
   * continue it, so no RESUME from before {@code rseq} can be served any more.
   */
  public void restartAt(long rseq) {
    while (size > 0) {
      evictOldest();
    }
    newestRseq = rseq;
  }

  /** Appends the next relayed frame; its rseq must follow the previous one's. */
  public void append(GatewayFrame frame, long nowMs) {
    if (newestRseq > 0 && frame.rseq() != newestRseq + 1) {
      throw new IllegalStateException("rseq " + frame.rseq() + " does not follow " + newestRseq);
    }
    newestRseq = frame.rseq();
    if (size == maxFrames) {
      evictOldest();
    } else if (size == frames.length) {
      grow();
    }
    int slot = (head + size) % frames.length;
    frames[slot] = frame;
    appendedAt[slot] = nowMs;
    size++;
    bytes += frame.length();
    while (size > 1 && bytes > maxBytes) {
      evictOldest();
    }
    expire(nowMs);
  }

  /**
   * The frames after {@code rseq}, oldest first, or null when the window no longer reaches back to
   * {@code rseq + 1} (the caller must then tell the client the truth: op 9, not a gap).
   */
  public List<GatewayFrame> after(long rseq, long nowMs) {
    expire(nowMs);
    if (rseq == newestRseq) {
      return List.of();
    }
    if (rseq > newestRseq || size == 0 || rseq + 1 < frames[head].rseq()) {
      return null;
    }
    long oldest = frames[head].rseq();
    int skip = (int) (rseq + 1 - oldest);
    List<GatewayFrame> result = new ArrayList<>(size - skip);
    for (int i = skip; i < size; i++) {
      result.add(frames[(head + i) % frames.length]);
    }
    return result;
  }

  /**
   * The oldest frame a new owner should be able to replay from: within the last {@code maxEvents}
   * frames, at most {@code maxAgeMs} old, and after {@code afterRseq} (the current Discord session's
   * start, since only its frames can be RESUMEd). Null if no frame qualifies.
   */
  public GatewayFrame floor(long nowMs, long maxAgeMs, int maxEvents, long afterRseq) {
    for (int i = Math.max(0, size - maxEvents); i < size; i++) {
      int slot = (head + i) % frames.length;
      if (frames[slot].rseq() > afterRseq && nowMs - appendedAt[slot] <= maxAgeMs) {
        return frames[slot];
      }
    }
    return null;
  }

  /** The rseq of the oldest frame still held, or -1 when empty. */
  public long oldestRseq() {
    return size == 0 ? -1 : frames[head].rseq();
  }

  public int size() {
    return size;
  }

  public long bytes() {
    return bytes;
  }

  /**
   * How long ago the oldest frame still held was appended, 0 when empty. Frames past the age bound
   * are dropped first, so a quiet shard's window shrinks (and reports it) without waiting for the
   * next frame; read {@link #size()} and {@link #bytes()} after this for figures within the bounds.
   */
  public long oldestAgeMillis(long nowMs) {
    expire(nowMs);
    return size == 0 ? 0 : Math.max(0, nowMs - appendedAt[head]);
  }

  /** The rseq of the newest frame ever appended, 0 before the first. */
  public long newestRseq() {
    return newestRseq;
  }

  private void expire(long nowMs) {
    while (size > 0 && nowMs - appendedAt[head] > maxAgeMs) {
      evictOldest();
    }
  }

  private void grow() {
    int capacity = (int) Math.min(maxFrames, frames.length * 2L);
    GatewayFrame[] grownFrames = new GatewayFrame[capacity];
    long[] grownTimes = new long[capacity];
    for (int i = 0; i < size; i++) {
      grownFrames[i] = frames[(head + i) % frames.length];
      grownTimes[i] = appendedAt[(head + i) % frames.length];
    }
    frames = grownFrames;
    appendedAt = grownTimes;
    head = 0;
  }

  private void evictOldest() {
    bytes -= frames[head].length();
    frames[head] = null;
    head = (head + 1) % frames.length;
    size--;
  }
}
