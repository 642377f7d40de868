package io.shardgate.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers a test starts later (Hazelcast members, node processes), which must be known
 * before they bind. They are picked BELOW the kernel's ephemeral range (32768 and up on Linux): a
 * port found free with ServerSocket(0) comes from that range, and between the check and the bind an
 * outgoing connection of the test itself (Hazelcast joining, the event bus) may take it.
 */
public final class FreePorts {

  private static final int LOW = 20_000;
  private static final int HIGH = 32_000;
  private static final int TRIES = 1_000;

  private FreePorts() {
  }

  /** {@code count} distinct ports, each free on every interface right now. */
  public static List<Integer> pick(int count) {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < TRIES && ports.size() < count; i++) {
      int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
      if (!ports.contains(port) && isFree(port)) {
        ports.add(port);
      }
    }
    if (ports.size() < count) {
      throw new IllegalStateException("no " + count + " free ports between " + LOW + " and " + HIGH);
    }
    return ports;
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port)) {
      socket.setReuseAddress(true);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
