package io.shardgate.bench;

/** What a scenario runs with: the settings, a launcher for its own processes, the shared relay topologies. */
record BenchContext(BenchSettings settings, ProcessLauncher launcher, RelayTopologies topologies) {
}
