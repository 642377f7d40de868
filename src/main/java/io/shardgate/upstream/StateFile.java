package io.shardgate.upstream;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shard directory on disk, for a node that restarts with nobody to keep it: a lone node, or a
 * whole cluster stopped at once. A stopping node writes the checkpoints of the shards it handed over
 * (gzip, one JSON line per map entry, owner-only permissions: it names Discord sessions); a starting
 * node loads them into the directory before it claims shards, unless the cluster already holds a
 * checkpoint for that shard, which is then at least as recent. The file is removed once loaded, so
 * a checkpoint is never resumed twice.
 */
public final class StateFile {

  private static final String FORMAT = "shardgate-state";
  private static final int VERSION = 1;
  private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

  /** A map entry: the shard's checkpoint record (a String) or a cache entry (bytes). */
  private record Entry(String map, String key, Object value) {
    JsonObject toJson() {
      JsonObject json = new JsonObject().put("map", map).put("key", key);
      return value instanceof byte[] bytes ? json.put("bytes", bytes) : json.put("value", value);
    }

    static Entry fromJson(JsonObject json) {
      Object value = json.containsKey("bytes") ? json.getBinary("bytes") : json.getString("value");
      return new Entry(json.getString("map"), json.getString("key"), value);
    }
  }

  private StateFile() {
  }

  /** Writes the checkpoints of {@code shards} to {@code file}, replacing it atomically. */
  public static Future<Integer> save(Vertx vertx, Path file, Collection<Integer> shards) {
    List<Future<List<Entry>>> reads = new ArrayList<>();
    for (int shard : shards) {
      reads.add(entriesOf(vertx, shard));
    }
    return Future.all(reads).compose(all -> {
      List<Entry> entries = new ArrayList<>();
      int saved = 0;
      for (int i = 0; i < reads.size(); i++) {
        List<Entry> shardEntries = all.resultAt(i);
        saved += shardEntries.isEmpty() ? 0 : 1;
        entries.addAll(shardEntries);
      }
      int count = saved;
      return vertx.executeBlocking(() -> {
        write(file, entries);
        return count;
      });
    }).onSuccess(count -> LOG.info("state file {}: {} shard checkpoints written", file, count));
  }

  /** Loads {@code file} into the shard directory, if it exists; returns how many shards it restored. */
  public static Future<Integer> load(Vertx vertx, Path file) {
    return vertx.executeBlocking(() -> Files.exists(file) ? read(file) : List.<Entry>of())
        .compose(entries -> restore(vertx, entries))
        .compose(restored -> vertx.executeBlocking(() -> {
          Files.deleteIfExists(file);
          return restored;
        }))
        .onSuccess(restored -> {
          if (restored > 0) {
            LOG.info("state file {}: {} shard checkpoints loaded", file, restored);
          }
        });
  }

  private static Future<List<Entry>> entriesOf(Vertx vertx, int shard) {
    String key = ShardDirectory.key(shard);
    return directory(vertx).compose(map -> map.get(key)).compose(record -> {
      if (record == null) {
        return Future.succeededFuture(List.of());
      }
      String cacheMap = ShardDirectory.cacheMapName(shard);
      return vertx.sharedData().<String, byte[]>getAsyncMap(cacheMap).compose(AsyncMap::entries).map(cache -> {
        List<Entry> entries = new ArrayList<>(cache.size() + 1);
        cache.forEach((k, v) -> entries.add(new Entry(cacheMap, k, v)));
        entries.add(new Entry(ShardDirectory.MAP, key, record)); // last: a shard is whole when its record is in
        return entries;
      });
    });
  }

  /**
   * Puts each shard's cache entries, then its record; a shard the cluster already has a record for
   * is skipped whole.
   */
  private static Future<Integer> restore(Vertx vertx, List<Entry> entries) {
    return directory(vertx).compose(directory -> {
      Future<Integer> chain = Future.succeededFuture(0);
      List<Entry> pending = new ArrayList<>();
      for (Entry entry : entries) {
        pending.add(entry);
        if (entry.map().equals(ShardDirectory.MAP)) {
          List<Entry> shard = List.copyOf(pending);
          pending.clear();
          chain = chain.compose(count -> restoreShard(vertx, directory, shard).map(loaded -> count + (loaded ? 1 : 0)));
        }
      }
      return chain;
    });
  }

  private static Future<Boolean> restoreShard(Vertx vertx, AsyncMap<String, String> directory, List<Entry> shard) {
    Entry record = shard.get(shard.size() - 1);
    return directory.get(record.key()).compose(existing -> {
      if (existing != null) {
        return Future.succeededFuture(false);
      }
      List<Future<?>> puts = new ArrayList<>();
      for (Entry entry : shard.subList(0, shard.size() - 1)) {
        puts.add(vertx.sharedData().<String, Object>getAsyncMap(entry.map())
            .compose(map -> map.put(entry.key(), entry.value())));
      }
      return Future.all(puts)
          .compose(v -> directory.put(record.key(), (String) record.value(), ShardDirectory.MAX_AGE_MS))
          .map(true);
    });
  }

  private static void write(Path file, List<Entry> entries) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".shardgate-state", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // not a POSIX file system: its default permissions apply
      }
      try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
          new GZIPOutputStream(Files.newOutputStream(temp)), StandardCharsets.UTF_8))) {
        out.write(new JsonObject().put("format", FORMAT).put("version", VERSION)
            .put("written_at", System.currentTimeMillis()).encode());
        out.newLine();
        for (Entry entry : entries) {
          out.write(entry.toJson().encode());
          out.newLine();
        }
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static List<Entry> read(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      JsonObject header = new JsonObject(in.readLine());
      if (!FORMAT.equals(header.getString("format")) || header.getInteger("version", 0) != VERSION) {
        LOG.warn("state file {}: not a shardgate state file of version {}; ignored", file, VERSION);
        return entries;
      }
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        entries.add(Entry.fromJson(new JsonObject(line)));
      }
    }
    return entries;
  }

  private static Future<AsyncMap<String, String>> directory(Vertx vertx) {
    return vertx.sharedData().getAsyncMap(ShardDirectory.MAP);
  }
}
