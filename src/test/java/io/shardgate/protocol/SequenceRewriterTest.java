package io.shardgate.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SequenceRewriterTest {

  private static GatewayFrame frame(String json) {
    return GatewayFrame.scan(0, 1, json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void replaces_only_the_top_level_digits() {
    GatewayFrame frame = frame("{\"d\":{\"s\":999},\"s\": 12345 ,\"op\":0}");
    assertEquals("{\"d\":{\"s\":999},\"s\": 7 ,\"op\":0}", SequenceRewriter.withSequence(frame, 7).toString());
    assertEquals("{\"d\":{\"s\":999},\"s\": 9223372036854775807 ,\"op\":0}",
        SequenceRewriter.withSequence(frame, Long.MAX_VALUE).toString());
  }

  @Test
  void replaces_a_null_sequence() {
    GatewayFrame frame = frame("{\"op\":0,\"s\":null,\"t\":\"READY\"}");
    assertEquals("{\"op\":0,\"s\":10,\"t\":\"READY\"}", SequenceRewriter.withSequence(frame, 10).toString());
  }

  @Test
  void writes_zero_and_every_digit_count() {
    GatewayFrame frame = frame("{\"s\":5}");
    long value = 0;
    for (int digits = 1; digits <= 19; digits++) {
      assertEquals("{\"s\":" + value + "}", SequenceRewriter.withSequence(frame, value).toString());
      value = value * 10 + 9;
    }
  }

  @Test
  void allocates_exactly_the_output_size() {
    Buffer out = SequenceRewriter.withSequence(frame("{\"op\":0,\"s\":1,\"d\":[1,2,3]}"), 123);
    assertEquals(out.length(), ((BufferInternal) out).getByteBuf().capacity());
  }

  @Test
  void frame_without_s_is_rejected() {
    assertThrows(IllegalArgumentException.class, () -> SequenceRewriter.withSequence(frame("{\"op\":0}"), 1));
  }

  @Test
  void negative_sequence_is_rejected() {
    assertThrows(IllegalArgumentException.class, () -> SequenceRewriter.withSequence(frame("{\"s\":1}"), -1));
  }
}
