package io.shardgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports for child processes (held together while picking, so they differ). */
final class FreePorts {
  private FreePorts() {
  }

  static List<Integer> pick(int count) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0);
        sockets.add(socket);
        ports.add(socket.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      sockets.forEach(socket -> {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a probe socket
        }
      });
    }
  }

  static int pick() {
    return pick(1).get(0);
  }
}
