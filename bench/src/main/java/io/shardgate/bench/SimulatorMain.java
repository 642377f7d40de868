package io.shardgate.bench;

import io.shardgate.simulator.DiscordSimulator;
import io.shardgate.simulator.SimulatorOptions;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * The product's simulator in a JVM of its own, with the one option {@code shardgate.jar simulate} has
 * no flag for: the identify window (0 lets many bench clients IDENTIFY the same shard at once).
 * Flags: --port --token --shards --guilds --rate --max-concurrency --identify-window-ms --tag-events.
 */
public final class SimulatorMain {
  private SimulatorMain() {
  }

  public static void main(String[] args) throws Exception {
    SimulatorOptions options = new SimulatorOptions();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--tag-events" -> options.tagEvents(true);
        case "--port" -> options.port(Integer.parseInt(args[++i]));
        case "--token" -> options.token(args[++i]);
        case "--shards" -> options.shards(Integer.parseInt(args[++i]));
        case "--guilds" -> options.guilds(Integer.parseInt(args[++i]));
        case "--rate" -> options.rate(Double.parseDouble(args[++i]));
        case "--max-concurrency" -> options.maxConcurrency(Integer.parseInt(args[++i]));
        case "--identify-window-ms" -> options.identifyWindowMs(Long.parseLong(args[++i]));
        default -> throw new IllegalArgumentException("unknown flag " + args[i]);
      }
    }
    options.validate();
    Vertx vertx = Vertx.vertx();
    DiscordSimulator simulator = new DiscordSimulator(options);
    int port = simulator.start(vertx).await(30, TimeUnit.SECONDS);
    System.out.println("bench simulator on port " + port + " " + options.toJson().encode());
  }
}
