package io.shardgate.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ZlibStreamTest {

  private static final int MAX_MESSAGE_BYTES = 1 << 20;

  private static byte[] message(Random random, int index) {
    StringBuilder json = new StringBuilder("{\"op\":0,\"s\":").append(index)
        .append(",\"t\":\"MESSAGE_CREATE\",\"d\":{\"content\":\"");
    int words = random.nextInt(200);
    for (int i = 0; i < words; i++) {
      json.append(random.nextBoolean() ? "hello " : Long.toHexString(random.nextLong()));
    }
    return json.append("\"}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static boolean endsWithSyncFlush(byte[] bytes) {
    int n = bytes.length;
    return n >= 4 && bytes[n - 4] == 0 && bytes[n - 3] == 0 && bytes[n - 2] == (byte) 0xff && bytes[n - 1] == (byte) 0xff;
  }

  @Test
  void many_messages_round_trip_through_one_shared_context() {
    Random random = new Random(1);
    try (ZlibStreamDeflater deflater = new ZlibStreamDeflater();
         ZlibStreamInflater inflater = new ZlibStreamInflater(MAX_MESSAGE_BYTES)) {
      int totalPlain = 0;
      int totalCompressed = 0;
      for (int i = 0; i < 500; i++) {
        byte[] plain = message(random, i);
        byte[] compressed = deflater.compress(plain);
        assertTrue(endsWithSyncFlush(compressed), "message " + i + " must end with 00 00 ff ff");
        assertArrayEquals(plain, inflater.feed(compressed), "message " + i);
        totalPlain += plain.length;
        totalCompressed += compressed.length;
      }
      assertTrue(totalCompressed < totalPlain / 2, "the shared context should compress repeated text well");
    }
  }

  @Test
  void messages_split_at_arbitrary_chunk_boundaries_reassemble() {
    Random random = new Random(2);
    try (ZlibStreamDeflater deflater = new ZlibStreamDeflater();
         ZlibStreamInflater inflater = new ZlibStreamInflater(MAX_MESSAGE_BYTES)) {
      for (int i = 0; i < 300; i++) {
        byte[] plain = message(random, i);
        byte[] compressed = deflater.compress(plain);
        List<byte[]> chunks = split(compressed, random);
        for (int c = 0; c < chunks.size() - 1; c++) {
          assertNull(inflater.feed(chunks.get(c)), "message " + i + " is incomplete before its last chunk");
        }
        assertArrayEquals(plain, inflater.feed(chunks.get(chunks.size() - 1)), "message " + i);
      }
    }
  }

  /** Splits into 1..8 chunks at random points, sometimes right inside the 00 00 ff ff marker. */
  private static List<byte[]> split(byte[] bytes, Random random) {
    List<Integer> cuts = new ArrayList<>();
    for (int i = random.nextInt(8); i > 0; i--) {
      cuts.add(random.nextBoolean() ? 1 + random.nextInt(bytes.length - 1) : bytes.length - 1 - random.nextInt(3));
    }
    cuts.add(bytes.length);
    cuts.sort(null);
    List<byte[]> chunks = new ArrayList<>();
    int from = 0;
    for (int cut : cuts) {
      if (cut > from) {
        chunks.add(Arrays.copyOfRange(bytes, from, cut));
        from = cut;
      }
    }
    return chunks;
  }

  @Test
  void vertx_buffers_can_be_fed_and_compressed() {
    byte[] plain = "{\"op\":11}".getBytes(StandardCharsets.UTF_8);
    try (ZlibStreamDeflater deflater = new ZlibStreamDeflater();
         ZlibStreamInflater inflater = new ZlibStreamInflater(MAX_MESSAGE_BYTES)) {
      byte[] compressed = deflater.compress(Buffer.buffer(plain));
      assertArrayEquals(plain, inflater.feed(Buffer.buffer(compressed)));
      byte[] padded = new byte[plain.length + 4];
      System.arraycopy(plain, 0, padded, 2, plain.length);
      assertArrayEquals(plain, inflater.feed(deflater.compress(padded, 2, plain.length)));
    }
  }

  @Test
  void message_inflating_beyond_the_bound_is_rejected() {
    byte[] big = new byte[64 * 1024]; // zeros: compress to almost nothing
    try (ZlibStreamDeflater deflater = new ZlibStreamDeflater();
         ZlibStreamInflater inflater = new ZlibStreamInflater(big.length - 1)) {
      byte[] compressed = deflater.compress(big);
      assertTrue(compressed.length < 1024);
      PayloadTooLargeException e = assertThrows(PayloadTooLargeException.class, () -> inflater.feed(compressed));
      assertEquals(big.length - 1, e.limit());
    }
  }

  @Test
  void message_at_the_bound_is_accepted() {
    byte[] exact = new byte[64 * 1024];
    try (ZlibStreamDeflater deflater = new ZlibStreamDeflater();
         ZlibStreamInflater inflater = new ZlibStreamInflater(exact.length)) {
      assertArrayEquals(exact, inflater.feed(deflater.compress(exact)));
    }
  }

  @Test
  void compressed_bytes_without_a_flush_marker_are_bounded() {
    try (ZlibStreamInflater inflater = new ZlibStreamInflater(100)) {
      assertNull(inflater.feed(new byte[] {0x78, (byte) 0x9c})); // zlib header
      // Four empty fixed-Huffman blocks (10 bits each): they inflate to nothing and never end with
      // 00 00 ff ff, so only the bound on compressed bytes can stop a peer that sends them forever.
      byte[] emptyBlocks = {0x02, 0x08, 0x20, (byte) 0x80, 0x00};
      for (int i = 0; i < 19; i++) {
        assertNull(inflater.feed(emptyBlocks));
      }
      assertThrows(PayloadTooLargeException.class, () -> inflater.feed(emptyBlocks));
    }
  }

  @Test
  void corrupt_data_is_a_malformed_payload() {
    try (ZlibStreamInflater inflater = new ZlibStreamInflater(MAX_MESSAGE_BYTES)) {
      assertThrows(MalformedPayloadException.class,
          () -> inflater.feed(new byte[] {1, 2, 3, 4, 5, 0, 0, (byte) 0xff, (byte) 0xff}));
    }
  }

  @Test
  void payload_compression_round_trips_standalone_messages() {
    Random random = new Random(3);
    for (int i = 0; i < 50; i++) {
      byte[] plain = message(random, i);
      byte[] compressed = PayloadCompression.compress(plain);
      assertNotNull(compressed);
      assertArrayEquals(plain, PayloadCompression.decompress(compressed, plain.length));
    }
    assertArrayEquals(new byte[0], PayloadCompression.decompress(PayloadCompression.compress(new byte[0]), 1));
  }

  @Test
  void payload_compression_enforces_the_bound_and_rejects_truncation() {
    byte[] plain = new byte[10_000];
    byte[] compressed = PayloadCompression.compress(plain);
    assertThrows(PayloadTooLargeException.class, () -> PayloadCompression.decompress(compressed, plain.length - 1));
    byte[] truncated = Arrays.copyOf(compressed, compressed.length - 3);
    assertThrows(MalformedPayloadException.class, () -> PayloadCompression.decompress(truncated, plain.length));
    byte[] trailing = Arrays.copyOf(compressed, compressed.length + 1);
    assertThrows(MalformedPayloadException.class, () -> PayloadCompression.decompress(trailing, plain.length));
  }
}
