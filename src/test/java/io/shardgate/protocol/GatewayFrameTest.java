package io.shardgate.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GatewayFrameTest {

  private static final String JSON = "{\"op\":0,\"s\":3,\"t\":\"READY\",\"d\":{\"token\":\"secret\"}}";

  @Test
  void scan_wraps_the_payload_with_its_envelope_and_numbers() {
    GatewayFrame frame = GatewayFrame.scan(4, 99, JSON.getBytes(StandardCharsets.UTF_8));
    assertEquals(4, frame.shardId());
    assertEquals(99, frame.rseq());
    assertEquals(JSON.length(), frame.length());
    assertEquals("READY", frame.envelope().t());
    assertEquals(JSON, frame.payload().toString());
  }

  @Test
  void views_are_read_only() {
    GatewayFrame frame = GatewayFrame.scan(0, 1, JSON.getBytes(StandardCharsets.UTF_8));
    ByteBuffer bytes = frame.bytes();
    assertTrue(bytes.isReadOnly());
    assertEquals('{', bytes.get(0));
    assertThrows(ReadOnlyBufferException.class, () -> bytes.put(0, (byte) 'x'));
    Buffer payload = frame.payload();
    assertThrows(RuntimeException.class, () -> payload.setByte(0, (byte) 'x'));
    assertEquals(JSON, frame.payload().toString());
  }

  @Test
  void a_slice_of_a_larger_array_is_used_in_place() {
    byte[] padded = ("xx" + JSON + "yy").getBytes(StandardCharsets.UTF_8);
    GatewayFrame frame = GatewayFrame.scan(0, 1, padded, 2, JSON.length());
    assertEquals(JSON, frame.payload().toString());
    assertEquals("3", frame.payload().getString(frame.envelope().sStart(), frame.envelope().sEnd()));
    assertEquals("{\"op\":0,\"s\":4,\"t\":\"READY\",\"d\":{\"token\":\"secret\"}}",
        SequenceRewriter.withSequence(frame, 4).toString());
  }

  @Test
  void scan_of_a_buffer_matches_scan_of_its_bytes() {
    GatewayFrame frame = GatewayFrame.scan(1, 2, Buffer.buffer(JSON));
    assertEquals(3, frame.envelope().s());
    assertEquals(JSON, frame.payload().toString());
  }

  @Test
  void with_rseq_keeps_bytes_and_envelope() {
    GatewayFrame frame = GatewayFrame.scan(1, 2, JSON.getBytes(StandardCharsets.UTF_8));
    GatewayFrame renumbered = frame.withRseq(50);
    assertEquals(50, renumbered.rseq());
    assertSame(frame.envelope(), renumbered.envelope());
    assertSame(frame.array(), renumbered.array());
  }

  @Test
  void envelope_of_other_bytes_is_refused() {
    byte[] one = JSON.getBytes(StandardCharsets.UTF_8);
    byte[] other = JSON.getBytes(StandardCharsets.UTF_8);
    Envelope envelope = EnvelopeScanner.scan(one, 0, one.length);
    assertThrows(IllegalArgumentException.class, () -> new GatewayFrame(0, 0, other, 0, other.length, envelope));
  }

  @Test
  void malformed_payload_is_refused() {
    assertThrows(MalformedPayloadException.class,
        () -> GatewayFrame.scan(0, 0, "{\"op\":".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void to_string_never_shows_payload_content() {
    String text = GatewayFrame.scan(0, 1, JSON.getBytes(StandardCharsets.UTF_8)).toString();
    assertFalse(text.contains("secret"), text);
    assertTrue(text.contains("READY"), text);
  }
}
