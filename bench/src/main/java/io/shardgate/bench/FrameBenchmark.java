package io.shardgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shardgate.protocol.GatewayFrame;
import io.shardgate.protocol.SequenceRewriter;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The relay's per-frame work (scan the envelope, rewrite {@code s} for a client) against what a relay
 * that parses would do: a full Jackson parse, set {@code s}, serialize.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FrameBenchmark {
  private static final long CLIENT_SEQUENCE = 424_242;

  @Param({"200", "2048", "51200"})
  public int size;

  private byte[] payload;
  private final ObjectMapper mapper = new ObjectMapper();

  @Setup
  public void setup() {
    payload = BenchFrames.dispatch(size);
  }

  @Benchmark
  public Buffer scanAndRewrite() {
    GatewayFrame frame = GatewayFrame.scan(0, 1, payload);
    return SequenceRewriter.withSequence(frame, CLIENT_SEQUENCE);
  }

  @Benchmark
  public byte[] jacksonParseAndSerialize() throws IOException {
    ObjectNode tree = (ObjectNode) mapper.readTree(payload);
    tree.put("s", CLIENT_SEQUENCE);
    return mapper.writeValueAsBytes(tree);
  }
}
