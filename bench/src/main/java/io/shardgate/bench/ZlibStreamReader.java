package io.shardgate.bench;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Client side of {@code compress=zlib-stream}: one inflater for the connection, messages end in 00 00 FF FF. */
final class ZlibStreamReader {
  private static final int CHUNK = 64 * 1024;

  private final Inflater inflater = new Inflater();
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private final byte[] chunk = new byte[CHUNK];

  /** The inflated payload once a whole message has arrived, else null. */
  byte[] accept(Buffer binary) {
    byte[] bytes = binary.getBytes();
    pending.write(bytes, 0, bytes.length);
    if (!endsWithFlush(bytes)) {
      return null;
    }
    inflater.setInput(pending.toByteArray());
    pending.reset();
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length * 4);
    try {
      int count;
      do {
        count = inflater.inflate(chunk);
        out.write(chunk, 0, count);
      } while (count > 0);
    } catch (DataFormatException e) {
      throw new IllegalStateException("zlib-stream: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  private static boolean endsWithFlush(byte[] bytes) {
    int n = bytes.length;
    return n >= 4 && bytes[n - 4] == 0 && bytes[n - 3] == 0 && bytes[n - 2] == (byte) 0xff && bytes[n - 1] == (byte) 0xff;
  }

  void reset() {
    inflater.reset();
    pending.reset();
  }
}
