package io.shardgate.simulator;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulator saw and did, readable from any thread (tests and benchmarks read it while the
 * simulator's event loop writes it).
 */
public final class SimCounters {
  /** Shard key for commands received before the connection identified or resumed. */
  public static final int UNIDENTIFIED_SHARD = -1;

  private final ConcurrentMap<Integer, LongAdder> identifiesPerShard = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, LongAdder> resumesPerShard = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> resumesPerPath = new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, ConcurrentMap<Integer, LongAdder>> commandsPerShardPerOp =
      new ConcurrentHashMap<>();
  private final ConcurrentMap<Integer, LongAdder> dispatchesPerShard = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> connectionsPerPath = new ConcurrentHashMap<>();
  private final LongAdder dispatchesTotal = new LongAdder();
  private final LongAdder bucketViolations = new LongAdder();
  private final LongAdder sessionStartRejections = new LongAdder();

  void identified(int shard) {
    increment(identifiesPerShard, shard);
  }

  void resumed(int shard, String path) {
    increment(resumesPerShard, shard);
    increment(resumesPerPath, path);
  }

  void command(int shard, int op) {
    increment(commandsPerShardPerOp.computeIfAbsent(shard, s -> new ConcurrentHashMap<>()), op);
  }

  void dispatchSent(int shard) {
    dispatchesTotal.increment();
    increment(dispatchesPerShard, shard);
  }

  void connectionOpened(String path) {
    increment(connectionsPerPath, path);
  }

  void bucketViolation() {
    bucketViolations.increment();
  }

  void sessionStartRejected() {
    sessionStartRejections.increment();
  }

  public long identifies(int shard) {
    return read(identifiesPerShard, shard);
  }

  public long resumes(int shard) {
    return read(resumesPerShard, shard);
  }

  public long resumesVia(String path) {
    return read(resumesPerPath, path);
  }

  public long commands(int shard, int op) {
    Map<Integer, LongAdder> perOp = commandsPerShardPerOp.get(shard);
    return perOp == null ? 0 : read(perOp, op);
  }

  public long dispatchesSent() {
    return dispatchesTotal.sum();
  }

  public long dispatchesSent(int shard) {
    return read(dispatchesPerShard, shard);
  }

  public long connectionsOpened(String path) {
    return read(connectionsPerPath, path);
  }

  public long bucketViolations() {
    return bucketViolations.sum();
  }

  public long sessionStartRejections() {
    return sessionStartRejections.sum();
  }

  public JsonObject toJson() {
    JsonObject commands = new JsonObject();
    new TreeMap<>(commandsPerShardPerOp).forEach((shard, perOp) -> commands.put(shard.toString(), snapshot(perOp)));
    return new JsonObject()
        .put("identifies_per_shard", snapshot(identifiesPerShard))
        .put("resumes_per_shard", snapshot(resumesPerShard))
        .put("resumes_per_path", snapshot(resumesPerPath))
        .put("commands_per_shard_per_op", commands)
        .put("bucket_violations", bucketViolations())
        .put("session_start_rejections", sessionStartRejections())
        .put("dispatches_sent", dispatchesSent())
        .put("dispatches_sent_per_shard", snapshot(dispatchesPerShard))
        .put("connections_per_path", snapshot(connectionsPerPath));
  }

  private static <K> void increment(ConcurrentMap<K, LongAdder> map, K key) {
    map.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private static <K> long read(Map<K, LongAdder> map, K key) {
    LongAdder adder = map.get(key);
    return adder == null ? 0 : adder.sum();
  }

  private static <K> JsonObject snapshot(Map<K, LongAdder> map) {
    JsonObject json = new JsonObject();
    new TreeMap<>(map).forEach((key, adder) -> json.put(String.valueOf(key), adder.sum()));
    return json;
  }
}
