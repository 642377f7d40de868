package io.shardgate;

import io.shardgate.config.ConfigException;
import io.shardgate.config.ConfigLoader;
import io.shardgate.config.ShardgateConfig;
import io.shardgate.simulator.SimulatorCli;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Command line: {@code shardgate [run] [--config PATH]}, {@code shardgate demo},
 * {@code shardgate simulate ...}. Wiring only: each command hands over to the class that does it.
 */
public final class Main {

  /** Exit status for a configuration that cannot work, as the issue tracker's operators expect. */
  static final int EXIT_BAD_CONFIG = 2;

  private Main() {
  }

  public static void main(String[] args) {
    String command = args.length > 0 && !args[0].startsWith("-") ? args[0] : "run";
    String[] rest = args.length > 0 && !args[0].startsWith("-") ? Arrays.copyOfRange(args, 1, args.length) : args;
    switch (command) {
      case "run" -> run(rest);
      case "demo" -> Demo.run(rest);
      case "simulate" -> SimulatorCli.run(rest);
      case "help", "--help", "-h" -> printUsage();
      default -> {
        System.err.println("unknown command \"" + command + "\": use run, demo or simulate");
        System.exit(EXIT_BAD_CONFIG);
      }
    }
  }

  private static void run(String[] args) {
    ShardgateConfig config;
    try {
      config = ConfigLoader.load(args, System.getenv(), Path.of(""));
    } catch (ConfigException e) {
      System.err.println("shardgate: " + e.getMessage());
      System.exit(EXIT_BAD_CONFIG);
      return;
    }
    Node.start(config).onFailure(err -> {
      System.err.println("shardgate: " + err.getMessage());
      // A range that only Discord's shard count shows to be wrong is still a config error.
      System.exit(err instanceof ConfigException ? EXIT_BAD_CONFIG : 1);
    });
  }

  private static void printUsage() {
    System.out.println("""
        usage: java -jar shardgate.jar [run] [--config PATH]   run the proxy (config.json, SHARDGATE_* env)
               java -jar shardgate.jar demo                    run against the built-in Discord simulator
               java -jar shardgate.jar simulate [--port P] [--shards N] [--guilds G] [--rate R] [--token T]
                                                               run only the Discord simulator""");
  }
}
