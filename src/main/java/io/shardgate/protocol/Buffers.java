package io.shardgate.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;

/**
 * Zero-copy bridges between Vert.x buffers and byte arrays. The only place in the package that uses
 * Vert.x's internal {@link BufferInternal} and Netty directly, so a Vert.x upgrade has one file to check.
 */
final class Buffers {

  private Buffers() {
  }

  /**
   * The bytes {@code [start, end)} of {@code buffer}: its own backing array when that is safe to keep,
   * else one copy. Safe means an un-pooled heap array: such an array is never recycled for other data
   * (Vert.x's heap buffers are never released; released un-pooled arrays are left to the GC), so a
   * reference to it stays valid for as long as we hold it. Pooled or direct memory is copied, since it
   * is reused once its owner releases it.
   */
  static ArraySlice slice(Buffer buffer, int start, int end) {
    int length = end - start;
    Buffer view = buffer.slice(start, end);
    if (view instanceof BufferInternal) {
      ByteBuf byteBuf = ((BufferInternal) view).getByteBuf();
      if (byteBuf.hasArray() && isUnpooledHeap(byteBuf) && byteBuf.readableBytes() == length) {
        return new ArraySlice(byteBuf.array(), byteBuf.arrayOffset() + byteBuf.readerIndex(), length);
      }
    }
    return new ArraySlice(buffer.getBytes(start, end), 0, length);
  }

  private static boolean isUnpooledHeap(ByteBuf byteBuf) {
    ByteBuf root = byteBuf;
    while (root.unwrap() != null) {
      root = root.unwrap();
    }
    return root instanceof UnpooledHeapByteBuf;
  }

  /** A read-only Buffer over {@code array[offset, offset + length)}, without copying it. */
  static Buffer readOnlyView(byte[] array, int offset, int length) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(array, offset, length).asReadOnly());
  }

  /** A ByteBuffer over the readable bytes of {@code buffer}, without copying when possible. */
  static ByteBuffer nioView(Buffer buffer) {
    if (buffer instanceof BufferInternal) {
      return ((BufferInternal) buffer).getByteBuf().nioBuffer();
    }
    return ByteBuffer.wrap(buffer.getBytes());
  }
}
