package io.shardgate.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class GatewayFrameCodecTest {

  private static final String PAYLOAD =
      "{\"t\":\"MESSAGE_CREATE\",\"s\":41,\"op\":0,\"d\":{\"s\":1,\"content\":\"\\\"s\\\":2\"}}";

  private static GatewayFrame frame() {
    return GatewayFrame.scan(7, 123_456_789_012L, PAYLOAD.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertSameFrame(GatewayFrame expected, GatewayFrame actual) {
    assertEquals(expected.shardId(), actual.shardId());
    assertEquals(expected.rseq(), actual.rseq());
    assertEquals(expected.length(), actual.length());
    assertArrayEquals(expected.toByteArray(), actual.toByteArray());
    Envelope want = expected.envelope();
    Envelope got = actual.envelope();
    assertEquals(want.op(), got.op());
    assertEquals(want.s(), got.s());
    assertEquals(want.sStart(), got.sStart());
    assertEquals(want.sEnd(), got.sEnd());
    assertEquals(want.tStart(), got.tStart());
    assertEquals(want.tEnd(), got.tEnd());
    assertEquals(want.dStart(), got.dStart());
    assertEquals(want.dEnd(), got.dEnd());
    assertEquals(want.t(), got.t());
  }

  @Test
  void wire_round_trip_preserves_every_field() {
    GatewayFrameCodec codec = new GatewayFrameCodec();
    GatewayFrame frame = frame();
    Buffer wire = Buffer.buffer().appendString("prefix written by the event bus");
    int pos = wire.length();
    codec.encodeToWire(wire, frame);
    GatewayFrame decoded = codec.decodeFromWire(pos, wire);
    assertSameFrame(frame, decoded);
    assertEquals("{\"t\":\"MESSAGE_CREATE\",\"s\":5,\"op\":0,\"d\":{\"s\":1,\"content\":\"\\\"s\\\":2\"}}",
        SequenceRewriter.withSequence(decoded, 5).toString());
  }

  @Test
  void wire_round_trip_preserves_absent_and_null_keys() {
    GatewayFrameCodec codec = new GatewayFrameCodec();
    GatewayFrame frame = GatewayFrame.scan(0, 0, "{\"op\":11,\"s\":null}".getBytes(StandardCharsets.UTF_8));
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, frame);
    assertSameFrame(frame, codec.decodeFromWire(0, wire));
  }

  @Test
  void wire_decode_aliases_a_heap_wire_buffer_instead_of_copying() {
    GatewayFrameCodec codec = new GatewayFrameCodec();
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, frame());
    GatewayFrame decoded = codec.decodeFromWire(0, wire);
    ByteBuf wireBytes = ((BufferInternal) wire).getByteBuf();
    assertSame(wireBytes.array(), decoded.array());
  }

  @Test
  void corrupt_wire_positions_are_rejected() {
    GatewayFrameCodec codec = new GatewayFrameCodec();
    Buffer wire = Buffer.buffer();
    codec.encodeToWire(wire, frame());
    wire.setInt(28, 10_000); // sEnd beyond the payload
    assertThrows(IllegalArgumentException.class, () -> codec.decodeFromWire(0, wire));
  }

  @Test
  void transform_returns_the_same_instance() {
    GatewayFrame frame = frame();
    assertSame(frame, new GatewayFrameCodec().transform(frame));
  }

  @Test
  void register_twice_is_harmless(Vertx vertx) {
    GatewayFrameCodec.register(vertx.eventBus());
    assertDoesNotThrow(() -> GatewayFrameCodec.register(vertx.eventBus()));
  }

  @Test
  void publish_delivers_the_same_instance_to_every_local_consumer(Vertx vertx, VertxTestContext ctx) {
    EventBus eventBus = vertx.eventBus();
    GatewayFrameCodec.register(eventBus);
    GatewayFrame frame = frame();
    Checkpoint delivered = ctx.checkpoint(2);
    String address = "shardgate.shard.7.dispatch";
    MessageConsumer<GatewayFrame> first = eventBus.consumer(address,
        message -> ctx.verify(() -> {
          assertSame(frame, message.body());
          delivered.flag();
        }));
    MessageConsumer<GatewayFrame> second = eventBus.consumer(address,
        message -> ctx.verify(() -> {
          assertSame(frame, message.body());
          delivered.flag();
        }));
    Future.all(first.completion(), second.completion())
        .onSuccess(ready -> eventBus.publish(address, frame))
        .onFailure(ctx::failNow);
  }
}
