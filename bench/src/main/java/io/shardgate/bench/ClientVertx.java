package io.shardgate.bench;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** The bench clients' Vert.x, closed without losing a scenario's figures to a slow close. */
final class ClientVertx {

  /**
   * Closing waits for each websocket's close handshake (up to 10 s when a node under load answers
   * late); a close that takes longer is reported, not thrown over the figures already measured.
   */
  private static final long CLOSE_WAIT_SECONDS = 30;

  private ClientVertx() {
  }

  static void close(Vertx vertx) {
    try {
      vertx.close().await(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("bench: the clients' Vert.x did not close within " + CLOSE_WAIT_SECONDS + " s: " + e);
    }
  }
}
