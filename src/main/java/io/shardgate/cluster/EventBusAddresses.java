package io.shardgate.cluster;

/**
 * Every event-bus address shardgate uses. One consumer per shard per node subscribes to a shard's
 * dispatch address and fans out locally: there are no per-client or per-guild addresses.
 */
public final class EventBusAddresses {

  private static final String PREFIX = "shardgate.shard.";

  private EventBusAddresses() {
  }

  /** Published by the shard's owner: every dispatch it relays, as a raw frame. */
  public static String shardDispatch(int shardId) {
    return PREFIX + shardId + ".dispatch";
  }

  /**
   * Requests to the shard's owner from client connections: a READY snapshot for an IDENTIFY, or the
   * frames after a relay sequence for a RESUME. Answered on the shard's event loop, in order with
   * its dispatches, so the answer's relay sequence is exact.
   */
  public static String shardSync(int shardId) {
    return PREFIX + shardId + ".sync";
  }

  /** Sent by client connections on any node: gateway commands for the owner's rate limiter. */
  public static String shardCommand(int shardId) {
    return PREFIX + shardId + ".command";
  }
}
