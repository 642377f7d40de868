package io.shardgate.protocol;

/** {@code array[offset, offset + length)}: a payload's bytes without a copy. */
record ArraySlice(byte[] array, int offset, int length) {
}
