package io.shardgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code cluster} and {@code role} keys: defaults, file, environment, validation. */
class ClusterConfigTest {

  private static final String DNS = "shardgate-hz.default.svc.cluster.local";

  private static ShardgateConfig load(JsonObject file, String... envPairs) throws ConfigException {
    return ConfigLoader.load(file, env(envPairs), false);
  }

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private static JsonObject withCluster(JsonObject cluster) {
    return new JsonObject().put("cluster", cluster);
  }

  /** The one-line message of a config that must not load. */
  private static String problem(JsonObject file, String... envPairs) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(file, envPairs));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    return e.getMessage();
  }

  private static void assertContains(String message, String expected) {
    assertTrue(message.contains(expected), "expected \"" + expected + "\" in: " + message);
  }

  @Test
  void defaults_keep_a_single_node_unclustered_running_everything() {
    ShardgateConfig config = new ShardgateConfig();

    assertEquals(ClusterConfig.defaults(), config.cluster());
    assertFalse(config.cluster().enabled());
    assertEquals("shardgate", config.cluster().name());
    assertNull(config.cluster().host());
    assertEquals(5701, config.cluster().port());
    assertEquals(List.of(), config.cluster().members());
    assertFalse(config.cluster().kubernetes().enabled());
    assertEquals(5, config.cluster().memberTimeoutSeconds());
    assertEquals(Role.ALL, config.role());
  }

  @Test
  void file_sets_every_cluster_key_and_the_role() throws Exception {
    JsonObject file = withCluster(new JsonObject()
        .put("enabled", true)
        .put("name", "prod")
        .put("host", "10.0.0.1")
        .put("port", 5801)
        .put("members", new JsonArray().add("10.0.0.1:5801").add("node-2.internal:5801"))
        .put("member_timeout_seconds", 8))
        .put("role", "clients");

    ShardgateConfig config = load(file);

    assertEquals(new ClusterConfig(true, "prod", "10.0.0.1", 5801,
        List.of("10.0.0.1:5801", "node-2.internal:5801"), new ClusterConfig.Kubernetes(null), 8),
        config.cluster());
    assertEquals(Role.CLIENTS, config.role());
    assertEquals(List.of(), config.warnings());
  }

  @Test
  void env_overrides_nested_cluster_keys_and_takes_members_as_a_comma_list() throws Exception {
    JsonObject file = withCluster(new JsonObject().put("port", 5801).put("name", "from-file"));

    ShardgateConfig config = load(file,
        "SHARDGATE_CLUSTER__ENABLED", "TRUE",
        "SHARDGATE_CLUSTER__PORT", "5901",
        "SHARDGATE_CLUSTER__HOST", " 10.0.0.3 ",
        "SHARDGATE_CLUSTER__MEMBERS", "10.0.0.1:5901, 10.0.0.2:5901,,",
        "SHARDGATE_CLUSTER__MEMBER_TIMEOUT_SECONDS", "3",
        "SHARDGATE_ROLE", "Shards");

    ClusterConfig cluster = config.cluster();
    assertTrue(cluster.enabled());
    assertEquals("from-file", cluster.name(), "keys the environment leaves alone stay");
    assertEquals(5901, cluster.port());
    assertEquals("10.0.0.3", cluster.host());
    assertEquals(List.of("10.0.0.1:5901", "10.0.0.2:5901"), cluster.members());
    assertEquals(3, cluster.memberTimeoutSeconds());
    assertEquals(Role.SHARDS, config.role());
  }

  @Test
  void env_takes_members_as_a_json_array_and_empty_or_null_as_none() throws Exception {
    JsonObject file = withCluster(new JsonObject().put("members", new JsonArray().add("a:1")));

    assertEquals(List.of("10.0.0.1:5701", "[::1]:5701"), load(file,
        "SHARDGATE_CLUSTER__MEMBERS", "[\"10.0.0.1:5701\", \"[::1]:5701\"]").cluster().members());
    assertEquals(List.of(), load(file, "SHARDGATE_CLUSTER__MEMBERS", "").cluster().members());
    assertEquals(List.of(), load(file, "SHARDGATE_CLUSTER__MEMBERS", "null").cluster().members());
  }

  @Test
  void env_sets_kubernetes_discovery_two_levels_down_or_as_a_whole_object() throws Exception {
    assertEquals(DNS, load(new JsonObject(), "SHARDGATE_CLUSTER__KUBERNETES__SERVICE_DNS", DNS)
        .cluster().kubernetes().serviceDns());
    assertEquals(DNS, load(new JsonObject(), "SHARDGATE_CLUSTER__KUBERNETES",
        "{\"service_dns\": \"" + DNS + "\"}").cluster().kubernetes().serviceDns());
    assertEquals(DNS, load(new JsonObject(),
        "SHARDGATE_CLUSTER", "{\"enabled\": true}",
        "SHARDGATE_CLUSTER__KUBERNETES__SERVICE_DNS", DNS).cluster().kubernetes().serviceDns());
  }

  @Test
  void malformed_members_variable_names_the_variable() {
    assertContains(problem(new JsonObject(), "SHARDGATE_CLUSTER__MEMBERS", "[\"a:1\""),
        "SHARDGATE_CLUSTER__MEMBERS must be a JSON array");
  }

  @Test
  void unknown_cluster_keys_are_warnings_not_errors() throws Exception {
    ShardgateConfig config = load(withCluster(new JsonObject().put("memebrs", new JsonArray())),
        "SHARDGATE_CLUSTER__NAEM", "x");

    assertEquals(2, config.warnings().size(), config.warnings().toString());
    assertTrue(config.warnings().stream().anyMatch(w -> w.startsWith(
        "SHARDGATE_CLUSTER__NAEM ignored: \"naem\" is not a cluster key")));
    assertTrue(config.warnings().stream().anyMatch(w -> w.contains("cluster.memebrs")));
  }

  @Test
  void enabled_cluster_without_any_way_to_find_peers_warns() throws Exception {
    ShardgateConfig config = load(withCluster(new JsonObject().put("enabled", true)));

    assertEquals(1, config.warnings().size());
    assertContains(config.warnings().get(0), "will not find any other node");
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1", "10.0.0.1:", ":5701", "http://a:5701", "a:0", "a:70000",
      "a b:5701"})
  void a_member_that_is_not_host_port_is_rejected(String member) {
    String message = problem(withCluster(new JsonObject()
        .put("members", new JsonArray().add("10.0.0.1:5701").add(member))));

    assertContains(message, "cluster.members item 1 must be \"host:port\"");
  }

  @Test
  void each_bad_member_is_its_own_problem_and_names_the_variable_that_set_it() {
    String message = problem(new JsonObject(), "SHARDGATE_CLUSTER__MEMBERS", "a,b:1,c");

    assertContains(message, "cluster.members (from SHARDGATE_CLUSTER__MEMBERS) item 0");
    assertContains(message, "item 2");
    assertFalse(message.contains("item 1"), message);
  }

  @Test
  void members_and_kubernetes_together_are_rejected() {
    String message = problem(withCluster(new JsonObject()
        .put("members", new JsonArray().add("10.0.0.1:5701"))
        .put("kubernetes", new JsonObject().put("service_dns", DNS))));

    assertContains(message, "cluster.members and cluster.kubernetes.service_dns are both set");
  }

  @Test
  void unknown_role_is_rejected_with_the_choices() {
    assertContains(problem(new JsonObject().put("role", "gateway")),
        "role must be one of all, shards, clients");
    assertContains(problem(new JsonObject(), "SHARDGATE_ROLE", "both"),
        "role (from SHARDGATE_ROLE) must be one of");
  }

  @ParameterizedTest
  @ValueSource(strings = {"shards", "clients"})
  void a_split_role_on_an_unclustered_node_is_rejected(String role) {
    assertContains(problem(new JsonObject().put("role", role)),
        "role \"" + role + "\" needs the other role on other nodes: set cluster.enabled to true");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65536})
  void cluster_port_out_of_range_is_rejected(int port) {
    assertContains(problem(withCluster(new JsonObject().put("port", port))),
        "cluster.port must be an integer between 1 and 65535");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -5, 5000})
  void member_timeout_below_one_second_or_in_milliseconds_is_rejected(int seconds) {
    assertContains(problem(withCluster(new JsonObject().put("member_timeout_seconds", seconds))),
        "cluster.member_timeout_seconds must be an integer between 1 and 300");
  }

  @Test
  void malformed_cluster_values_each_get_a_line() {
    assertContains(problem(new JsonObject().put("cluster", true)), "cluster must be an object");
    assertContains(problem(withCluster(new JsonObject().put("enabled", "yes"))),
        "cluster.enabled must be true or false");
    assertContains(problem(withCluster(new JsonObject().put("name", " "))),
        "cluster.name must be a non-empty string");
    assertContains(problem(withCluster(new JsonObject().put("host", "10.0.0.1:5701"))),
        "cluster.host must be a host name or IP address without a port");
    assertContains(problem(withCluster(new JsonObject().put("members", "a:1"))),
        "cluster.members must be an array");
    assertContains(problem(withCluster(new JsonObject().put("kubernetes", "x"))),
        "cluster.kubernetes must be an object");
    assertContains(problem(new JsonObject(), "SHARDGATE_CLUSTER__KUBERNETES__SERVICE_DNS", "a b"),
        "cluster.kubernetes.service_dns (from SHARDGATE_CLUSTER__KUBERNETES__SERVICE_DNS)");
  }

  @Test
  void roles_say_what_a_node_runs() {
    assertTrue(Role.ALL.runsShards() && Role.ALL.runsClients());
    assertTrue(Role.SHARDS.runsShards() && !Role.SHARDS.runsClients());
    assertTrue(!Role.CLIENTS.runsShards() && Role.CLIENTS.runsClients());
  }

  @Test
  void to_json_round_trips_cluster_and_role() throws Exception {
    ShardgateConfig config = load(withCluster(new JsonObject()
        .put("enabled", true)
        .put("kubernetes", new JsonObject().put("service_dns", DNS)))
        .put("role", "shards"));

    JsonObject json = config.toJson();

    assertEquals("shards", json.getString("role"));
    assertEquals(DNS, json.getJsonObject("cluster").getJsonObject("kubernetes")
        .getString("service_dns"));
    assertEquals(config, new ShardgateConfig(json));
  }
}
