package io.shardgate.bench;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
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

  final ChildProcess process;
  final Spec spec;

  SimulatorProcess(ChildProcess process, Spec spec) {
    this.process = process;
    this.spec = spec;
  }

  int port() {
    return process.port;
  }

  /** Events per second per shard; 0 pauses every stream. */
  void rate(double perShard) throws InterruptedException {
    HttpResponse<String> response = Http.post(port(), String.format(Locale.ROOT, "/control/rate?rate=%.3f", perShard));
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
