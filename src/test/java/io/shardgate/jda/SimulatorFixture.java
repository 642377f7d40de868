package io.shardgate.jda;

import io.shardgate.simulator.DiscordSimulator;
import io.shardgate.simulator.SimulatorOptions;
import io.shardgate.testing.SimControl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** A Discord simulator started on a free port for one test, with blocking start and stop for JDA tests. */
final class SimulatorFixture implements AutoCloseable {
  private static final long START_STOP_TIMEOUT_S = 10;

  private final DiscordSimulator simulator;
  private final SimControl control;

  private SimulatorFixture(DiscordSimulator simulator, SimControl control) {
    this.simulator = simulator;
    this.control = control;
  }

  static SimulatorFixture start(Vertx vertx, SimulatorOptions options) throws Exception {
    DiscordSimulator simulator = new DiscordSimulator(options);
    int port = await(simulator.start(vertx));
    return new SimulatorFixture(simulator, new SimControl(vertx, port));
  }

  DiscordSimulator simulator() {
    return simulator;
  }

  SimControl control() {
    return control;
  }

  /** Where JDA logs in for {@code shardId}: the simulator's REST and gateway, its token and shard count. */
  JdaHarness.Target target(int shardId) {
    SimulatorOptions options = simulator.options();
    return new JdaHarness.Target(simulator.restBaseUrl(), simulator.gatewayUrl(), options.token(), shardId,
        options.shards());
  }

  @Override
  public void close() throws Exception {
    await(simulator.stop());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(START_STOP_TIMEOUT_S, TimeUnit.SECONDS);
  }
}
