package io.shardgate.bench;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A simulator JVM and its control API (rate, counters). */
final class SimulatorProcess {

  /** The simulator's settings; the identify window 0 lets 50 bench clients IDENTIFY one shard at once. */
  record Spec(int shards, int guilds, double ratePerShard, int maxConcurrency, long identifyWindowMs,
      boolean tagEvents) {

    List<String> flags() {
      List<String> flags = new ArrayList<>(List.of("--shards", Integer.toString(shards),
          "--guilds", Integer.toString(guilds), "--rate", Double.toString(ratePerShard),
          "--max-concurrency", Integer.toString(maxConcurrency),
          "--identify-window-ms", Long.toString(identifyWindowMs)));
      if (tagEvents) {
        flags.add("--tag-events");
      }
      return flags;
    }
  }

  private static final int RATE_ATTEMPTS = 4;
  private static final Duration RATE_TIMEOUT = Duration.ofSeconds(10);

  final ChildProcess process;
  final Spec spec;

  SimulatorProcess(ChildProcess process, Spec spec) {
    this.process = process;
    this.spec = spec;
  }

  int port() {
    return process.port;
  }

  /**
   * Events per second per shard; 0 pauses every stream. An overloaded simulator answers late (its
   * control API shares the event loop with the gateway it saturates): ask again, with patience.
   */
  void rate(double perShard) throws InterruptedException {
    String path = String.format(Locale.ROOT, "/control/rate?rate=%.3f", perShard);
    HttpResponse<String> response = null;
    for (int attempt = 0; attempt < RATE_ATTEMPTS && (response == null || response.statusCode() != 200); attempt++) {
      response = Http.post(port(), path, RATE_TIMEOUT);
    }
    if (response == null || response.statusCode() != 200) {
      throw new BenchFailure("simulator " + process.name + " refused rate " + perShard + ": "
          + (response == null ? "no answer" : response.body()));
    }
  }

  JsonObject counters() throws InterruptedException {
    HttpResponse<String> response = Http.get(port(), "/control/counters");
    if (response == null || response.statusCode() != 200) {
      throw new BenchFailure("simulator " + process.name + " does not answer /control/counters");
    }
    return new JsonObject(response.body());
  }
}
