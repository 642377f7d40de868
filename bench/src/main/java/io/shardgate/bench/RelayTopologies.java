package io.shardgate.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The relay topologies, started once per run and shared by the latency and throughput scenarios:
 * starting six JVMs (and a cluster) costs more than most measurements on a 2-core machine.
 */
final class RelayTopologies implements AutoCloseable {
  private final BenchSettings settings;
  private final Map<Integer, RelayTopology> started = new HashMap<>();
  private final Map<Integer, ProcessLauncher> launchers = new HashMap<>();

  RelayTopologies(BenchSettings settings) {
    this.settings = settings;
  }

  /** The topology whose simulators have {@code shards} shards, started on first use. */
  synchronized RelayTopology get(int shards) throws Exception {
    RelayTopology topology = started.get(shards);
    if (topology == null) {
      ProcessLauncher launcher = launcher(shards);
      topology = RelayTopology.start(launcher, shards);
      started.put(shards, topology);
    }
    return topology;
  }

  /** Stops a topology no later scenario needs, so it costs no CPU meanwhile. */
  synchronized void release(int shards) {
    started.remove(shards);
    ProcessLauncher launcher = launchers.remove(shards);
    if (launcher != null) {
      launcher.close();
    }
  }

  private ProcessLauncher launcher(int shards) throws IOException {
    ProcessLauncher launcher = new ProcessLauncher(settings, "relay-" + shards + "-shards");
    launchers.put(shards, launcher);
    return launcher;
  }

  @Override
  public synchronized void close() {
    launchers.values().forEach(ProcessLauncher::close);
    launchers.clear();
    started.clear();
  }
}
