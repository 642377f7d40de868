package io.shardgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example config and the config table must keep up with the keys the code knows. */
class ConfigDocsTest {

  private static final Path EXAMPLE = Path.of("conf", "config.example.json");
  private static final Path TABLE = Path.of("docs", "CONFIG.md");
  private static final Path README = Path.of("README.md");

  @Test
  void example_config_loads_without_warnings_and_sets_every_key() throws Exception {
    ShardgateConfig config = ConfigLoader.load(new String[] {"--config", EXAMPLE.toString()},
        Map.of("TOKEN", "example-token"), Path.of(""));
    JsonObject example = new JsonObject(Files.readString(EXAMPLE));

    assertEquals(List.of(), config.warnings());
    for (ConfigKey key : ConfigKey.values()) {
      assertTrue(example.containsKey(key.key()), "example lacks " + key.key());
    }
    assertEquals(CacheConfig.FLAG_NAMES, List.copyOf(example.getJsonObject("cache").fieldNames()));
    assertEquals(ClusterConfig.FIELD_NAMES,
        List.copyOf(example.getJsonObject("cluster").fieldNames()));
    assertEquals(ReplayWindowConfig.FIELD_NAMES,
        List.copyOf(example.getJsonObject("replay_window").fieldNames()));
    assertEquals(ReplayWindowConfig.defaults(), config.replayWindow());
  }

  @Test
  void config_table_documents_every_key_and_its_env_var() throws Exception {
    assertDocumentsEveryKey(TABLE);
  }

  @Test
  void readme_config_table_documents_every_key_and_its_env_var() throws Exception {
    assertDocumentsEveryKey(README);
  }

  private static void assertDocumentsEveryKey(Path doc) throws Exception {
    String table = Files.readString(doc);

    for (ConfigKey key : ConfigKey.values()) {
      assertTrue(table.contains("| `" + key.key() + "` |"), doc + " lacks a row for " + key.key());
      assertTrue(table.contains(key.envVar()), doc + " lacks " + key.envVar());
    }
    for (String flag : CacheConfig.FLAG_NAMES) {
      assertTrue(table.contains("| `cache." + flag + "` |"), doc + " lacks cache." + flag);
      assertTrue(table.contains("SHARDGATE_CACHE__" + flag.toUpperCase(Locale.ROOT)));
    }
    List<String> clusterKeys = new ArrayList<>(ClusterConfig.FIELD_NAMES);
    clusterKeys.add("kubernetes.service_dns");
    for (String key : clusterKeys) {
      assertTrue(table.contains("| `cluster." + key + "` |"), doc + " lacks cluster." + key);
      String variable = "SHARDGATE_CLUSTER__" + key.toUpperCase(Locale.ROOT).replace(".", "__");
      assertTrue(table.contains(variable), doc + " lacks " + variable);
    }
    for (String key : ReplayWindowConfig.FIELD_NAMES) {
      assertTrue(table.contains("| `replay_window." + key + "` |"), doc + " lacks replay_window." + key);
      String variable = "SHARDGATE_REPLAY_WINDOW__" + key.toUpperCase(Locale.ROOT);
      assertTrue(table.contains(variable), doc + " lacks " + variable);
    }
  }
}
