package io.shardgate.it;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A shardgate node in its own JVM, started from the built jar, as an operator runs it. */
final class NodeProcess implements AutoCloseable {

  private static final Path JAR = Path.of("target", "shardgate.jar");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final int clientPort;
  final Path log;
  private final Process process;

  private NodeProcess(String name, int clientPort, Path log, Process process) {
    this.name = name;
    this.clientPort = clientPort;
    this.log = log;
    this.process = process;
  }

  static NodeProcess start(String name, JsonObject config, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path configFile = dir.resolve(name + ".json");
    Files.writeString(configFile, config.encodePrettily());
    Path log = dir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder("java", "-Xmx384m", "-XX:+UseSerialGC", "-jar",
        JAR.toAbsolutePath().toString(), "--config", configFile.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // Only the config file speaks: no SHARDGATE_* or TOKEN from the machine running the tests.
    builder.environment().keySet().removeIf(key -> key.startsWith("SHARDGATE_") || key.equals("TOKEN"));
    return new NodeProcess(name, config.getInteger("port"), log, builder.start());
  }

  /** Shards this node owns and runs, with their states, from GET /shards; empty if not answering. */
  Set<Integer> activeShards() {
    Set<Integer> active = new TreeSet<>();
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + clientPort + "/shards")).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        new JsonObject(response.body()).getJsonArray("shards").forEach(entry -> {
          JsonObject shard = (JsonObject) entry;
          if ("ACTIVE".equals(shard.getString("state"))) {
            active.add(shard.getInteger("shard"));
          }
        });
      }
    } catch (IOException e) {
      // not up yet, or gone
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return active;
  }

  String get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** SIGKILL: no shutdown hook, no goodbye to the cluster. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM, as Kubernetes sends it, and wait for the node to hand over and exit. */
  void terminate() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not stop within 60 s of SIGTERM");
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  List<String> lastLogLines(int count) {
    try {
      List<String> lines = Files.readAllLines(log);
      return lines.subList(Math.max(0, lines.size() - count), lines.size());
    } catch (IOException e) {
      return List.of("(no log: " + e.getMessage() + ")");
    }
  }

  /** SIGTERM, then SIGKILL if it does not stop in time. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
