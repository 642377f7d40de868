package io.shardgate.upstream;

/**
 * The right to send one IDENTIFY. Discord counts its 5 s window from when IT receives the IDENTIFY,
 * which we cannot see; we can see its answer (READY or op 9), which Discord sends after receiving it.
 * So the bucket's window starts at the answer: the next IDENTIFY in the bucket then reaches Discord at
 * least a window later, whatever the network's jitter, without a guessed safety margin.
 */
public interface IdentifyPermit {

  /** The IDENTIFY was answered (READY, op 9) or its connection ended: the window starts now. */
  void answered();

  /** No IDENTIFY was sent with this permit: the bucket may grant the next one at once. */
  void unused();
}
