package io.shardgate.cluster;

import io.shardgate.protocol.GatewayFrame;
import io.shardgate.protocol.GatewayFrameCodec;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/** A run of relayed frames (a RESUME's replay) as one Buffer, each frame in the event-bus wire format. */
public final class FrameBatch {

  private static final GatewayFrameCodec CODEC = new GatewayFrameCodec();

  private FrameBatch() {
  }

  public static Buffer encode(List<GatewayFrame> frames) {
    long bytes = 4;
    for (GatewayFrame frame : frames) {
      bytes += 4 + 64 + frame.length();
    }
    Buffer out = Buffer.buffer((int) Math.min(Integer.MAX_VALUE, bytes));
    out.appendInt(frames.size());
    for (GatewayFrame frame : frames) {
      int lengthAt = out.length();
      out.appendInt(0);
      CODEC.encodeToWire(out, frame);
      out.setInt(lengthAt, out.length() - lengthAt - 4);
    }
    return out;
  }

  public static List<GatewayFrame> decode(Buffer in) {
    int count = in.getInt(0);
    int pos = 4;
    List<GatewayFrame> frames = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int length = in.getInt(pos);
      frames.add(CODEC.decodeFromWire(pos + 4, in));
      pos += 4 + length;
    }
    return frames;
  }
}
