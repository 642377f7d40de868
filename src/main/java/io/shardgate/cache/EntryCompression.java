package io.shardgate.cache;

import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Checkpoint entries are deflated: a guild's JSON shrinks several times over, and the cluster keeps
 * every entry twice (owner partition and backup). The fastest level, since a checkpoint runs on the
 * shard's event loop.
 */
final class EntryCompression {

  /** A guild entry inflates to at most this; anything larger is not one of ours. */
  private static final int MAX_INFLATED_BYTES = 256 * 1024 * 1024;

  private EntryCompression() {
  }

  static byte[] deflate(byte[] json) {
    Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
    try {
      deflater.setInput(json);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, json.length / 4));
      byte[] chunk = new byte[8192];
      while (!deflater.finished()) {
        out.write(chunk, 0, deflater.deflate(chunk));
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  static byte[] inflate(byte[] deflated) {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(deflated);
      ByteArrayOutputStream out = new ByteArrayOutputStream(deflated.length * 4);
      byte[] chunk = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(chunk);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          throw new IllegalArgumentException("truncated checkpoint entry");
        }
        out.write(chunk, 0, n);
        if (out.size() > MAX_INFLATED_BYTES) {
          throw new IllegalArgumentException("checkpoint entry inflates beyond " + MAX_INFLATED_BYTES + " bytes");
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("corrupt checkpoint entry", e);
    } finally {
      inflater.end();
    }
  }
}
