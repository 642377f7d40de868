package io.shardgate.bench;

import java.util.List;

/**
 * One way for events to reach the bench clients: straight from the simulator (direct), through one
 * shardgate node, or across two clustered nodes (shard owner apart from the clients' node).
 */
record Way(String label, SimulatorProcess simulator, int clientPort, List<ChildProcess> proxies) {
  static final String DIRECT = "direct";
  static final String ONE_NODE = "one node";
  static final String CROSS_NODE = "cross-node";

  boolean direct() {
    return proxies.isEmpty();
  }

  /** CPU seconds used so far by the proxy processes (NaN for direct). */
  double proxyCpuSeconds() {
    if (direct()) {
      return Double.NaN;
    }
    return proxies.stream().mapToDouble(ChildProcess::cpuSeconds).sum();
  }
}
