package io.shardgate.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Compares the scanner (and the sequence rewriter) with Jackson on thousands of random payloads.
 * The seed is random per run and printed with any failure; rerun with {@code -Dshardgate.seed=N}.
 */
class EnvelopeScannerPropertyTest {

  private static final int CASES = 5000;
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Test
  void scanner_and_rewriter_agree_with_jackson_on_random_payloads() throws IOException {
    long seed = Long.getLong("shardgate.seed", System.nanoTime());
    Random seeds = new Random(seed);
    int dispatchesRewritten = 0;
    for (int i = 0; i < CASES; i++) {
      long caseSeed = seeds.nextLong();
      Random random = new Random(caseSeed);
      String json = new RandomPayloads(random).payload();
      Supplier<String> context = () -> "seed=" + seed + " case=" + caseSeed + " payload=" + json;
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      GatewayFrame frame;
      try {
        frame = GatewayFrame.scan(0, i, bytes);
      } catch (RuntimeException e) {
        throw new AssertionError("scanner rejected a valid payload: " + context.get(), e);
      }
      JsonNode expected = JACKSON.readTree(bytes);
      assertEnvelopeMatches(expected, frame.envelope(), bytes, context);
      if (frame.envelope().sStart() >= 0) {
        assertRewriteMatches(expected, frame, new RandomPayloads(random).sequence(), context);
        dispatchesRewritten++;
      }
    }
    assertTrue(dispatchesRewritten > CASES / 2, "too few payloads with an s: " + dispatchesRewritten);
  }

  private static void assertEnvelopeMatches(JsonNode expected, Envelope envelope, byte[] bytes,
                                            Supplier<String> context) throws IOException {
    JsonNode op = expected.get("op");
    assertEquals(op == null ? -1 : op.intValue(), envelope.op(), context);

    JsonNode s = expected.get("s");
    assertEquals(s == null || s.isNull() ? -1 : s.longValue(), envelope.s(), context);
    if (s == null) {
      assertEquals(-1, envelope.sStart(), context);
    } else {
      assertEquals(s, parse(bytes, envelope.sStart(), envelope.sEnd()), context);
    }

    JsonNode t = expected.get("t");
    if (t == null || t.isNull()) {
      assertNull(envelope.t(), context);
      assertEquals(-1, envelope.tStart(), context);
    } else {
      assertEquals(t.textValue(), envelope.t(), context);
      assertEquals(t, parse(bytes, envelope.tStart(), envelope.tEnd()), context);
    }

    JsonNode d = expected.get("d");
    if (d == null) {
      assertEquals(-1, envelope.dStart(), context);
    } else {
      assertEquals(d, parse(bytes, envelope.dStart(), envelope.dEnd()), context);
    }
  }

  private static void assertRewriteMatches(JsonNode expected, GatewayFrame frame, long newS,
                                           Supplier<String> context) throws IOException {
    byte[] rewritten = SequenceRewriter.withSequence(frame, newS).getBytes();
    ObjectNode actual = (ObjectNode) JACKSON.readTree(rewritten);
    assertEquals(newS, actual.get("s").longValue(), context);

    ObjectNode withoutS = ((ObjectNode) expected).deepCopy();
    withoutS.remove("s");
    actual.remove("s");
    assertEquals(withoutS, actual, context);

    byte[] original = frame.toByteArray();
    Envelope envelope = frame.envelope();
    byte[] digits = Long.toString(newS).getBytes(StandardCharsets.US_ASCII);
    assertEquals(original.length - (envelope.sEnd() - envelope.sStart()) + digits.length, rewritten.length, context);
    assertArrayEquals(Arrays.copyOfRange(original, 0, envelope.sStart()),
        Arrays.copyOfRange(rewritten, 0, envelope.sStart()), context);
    assertArrayEquals(Arrays.copyOfRange(original, envelope.sEnd(), original.length),
        Arrays.copyOfRange(rewritten, envelope.sStart() + digits.length, rewritten.length), context);
  }

  private static JsonNode parse(byte[] bytes, int start, int end) throws IOException {
    return JACKSON.readTree(Buffer.buffer(bytes).getBytes(start, end));
  }
}
