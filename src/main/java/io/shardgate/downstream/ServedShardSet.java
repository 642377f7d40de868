package io.shardgate.downstream;

/** Which shards the deployment serves, for IDENTIFY's 4010 check. */
public interface ServedShardSet {

  boolean serves(int shardId);

  /** The served ranges, for a close reason an operator can act on ("0..15, 32..47"). */
  String describe();

  /** A fixed range, for a single node or a test. */
  static ServedShardSet range(int start, int end) {
    return new ServedShardSet() {
      @Override
      public boolean serves(int shardId) {
        return shardId >= start && shardId < end;
      }

      @Override
      public String describe() {
        return start + ".." + (end - 1);
      }
    };
  }
}
