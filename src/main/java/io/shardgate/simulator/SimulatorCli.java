package io.shardgate.simulator;

import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar shardgate.jar simulate --port P --shards N --guilds G --rate R --token T [--seed S]
 * [--max-concurrency M] [--heartbeat-interval MS] [--host H] [--tag-events]}: runs a simulator until
 * the process is stopped. Prints one line with the URLs and settings (never the token).
 */
public final class SimulatorCli {
  static final String USAGE = "usage: simulate --token T [--port P] [--shards N] [--guilds G] [--rate R] [--seed S]"
      + " [--max-concurrency M] [--heartbeat-interval MS] [--host H] [--tag-events]";

  private static final long SHUTDOWN_TIMEOUT_SECONDS = 10;

  private SimulatorCli() {
  }

  public static void run(String[] args) {
    SimulatorOptions options;
    try {
      options = parse(args).validate();
    } catch (IllegalArgumentException e) {
      System.err.println("simulate: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    DiscordSimulator simulator = new DiscordSimulator(options);
    simulator.start(vertx).onSuccess(port -> {
      announce(System.out, simulator);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(simulator, vertx), "simulator-shutdown"));
    }).onFailure(error -> {
      System.err.println("simulate: could not start: " + error.getMessage());
      vertx.close();
      System.exit(1);
    });
  }

  private static void stopQuietly(DiscordSimulator simulator, Vertx vertx) {
    try {
      simulator.stop().eventually(vertx::close).await(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("simulate: unclean shutdown: " + e.getMessage());
    }
  }

  /** Reads the flags into options; throws IllegalArgumentException naming the bad flag. */
  static SimulatorOptions parse(String[] args) {
    SimulatorOptions options = new SimulatorOptions();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if ("--tag-events".equals(flag)) {
        options.tagEvents(true);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--port" -> options.port(integer(flag, value));
        case "--shards" -> options.shards(integer(flag, value));
        case "--guilds" -> options.guilds(integer(flag, value));
        case "--rate" -> options.rate(number(flag, value));
        case "--token" -> options.token(value);
        case "--seed" -> options.seed(longValue(flag, value));
        case "--max-concurrency" -> options.maxConcurrency(integer(flag, value));
        case "--heartbeat-interval" -> options.heartbeatIntervalMs(longValue(flag, value));
        case "--host" -> options.host(value);
        default -> throw new IllegalArgumentException("unknown flag " + flag);
      }
    }
    return options;
  }

  static void announce(PrintStream out, DiscordSimulator simulator) {
    SimulatorOptions options = simulator.options();
    out.println(String.format(Locale.ROOT,
        "discord simulator: rest %s gateway %s shards=%d guilds=%d rate=%s/s per shard seed=%d max_concurrency=%d"
            + " heartbeat_interval=%dms control %s/control",
        simulator.restBaseUrl(), simulator.gatewayUrl(), options.shards(), options.guilds(), options.rate(),
        options.seed(), options.maxConcurrency(), options.heartbeatIntervalMs(),
        "http://" + options.host() + ":" + simulator.port()));
  }

  private static int integer(String flag, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be an integer, got \"" + value + "\"");
    }
  }

  private static long longValue(String flag, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be an integer, got \"" + value + "\"");
    }
  }

  private static double number(String flag, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, got \"" + value + "\"");
    }
  }
}
