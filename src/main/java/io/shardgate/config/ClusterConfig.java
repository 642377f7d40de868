package io.shardgate.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code cluster} key: whether this node joins other shardgate nodes in a Hazelcast cluster, and
 * how it finds them (a fixed member list over TCP-IP, or Kubernetes DNS discovery through a headless
 * service). gateway-proxy has no such key; the defaults keep a node alone and unclustered.
 *
 * @param enabled whether Vert.x runs clustered over Hazelcast
 * @param name the Hazelcast cluster name: only nodes with the same name join each other
 * @param host the address other nodes reach this node at (Hazelcast's public address and the event
 *     bus's advertised host), or null to let Hazelcast pick an interface
 * @param port the Hazelcast member port
 * @param members "host:port" of the nodes to join over TCP-IP (this node may be listed too)
 * @param kubernetes Kubernetes DNS discovery; {@link Kubernetes#enabled()} is false when unset
 * @param memberTimeoutSeconds how long a silent member is kept before it is declared dead, which
 *     releases its locks
 */
public record ClusterConfig(
    boolean enabled,
    String name,
    String host,
    int port,
    List<String> members,
    Kubernetes kubernetes,
    int memberTimeoutSeconds) {

  public static final boolean DEFAULT_ENABLED = false;
  public static final String DEFAULT_NAME = "shardgate";
  /** Hazelcast's own default member port. */
  public static final int DEFAULT_PORT = 5701;
  public static final int DEFAULT_MEMBER_TIMEOUT_SECONDS = 5;
  /** A longer timeout is almost certainly milliseconds written as seconds. */
  public static final int MAX_MEMBER_TIMEOUT_SECONDS = 300;

  /** The nested keys and their types, for the validator and the SHARDGATE_CLUSTER__* variables. */
  static final Map<String, ConfigKey.Type> FIELDS = Map.of(
      "enabled", ConfigKey.Type.BOOLEAN,
      "name", ConfigKey.Type.STRING,
      "host", ConfigKey.Type.STRING,
      "port", ConfigKey.Type.INT,
      "members", ConfigKey.Type.LIST,
      "kubernetes", ConfigKey.Type.OBJECT,
      "member_timeout_seconds", ConfigKey.Type.INT);
  /** The nested keys in the order the docs and messages list them. */
  static final List<String> FIELD_NAMES = List.of("enabled", "name", "host", "port", "members",
      "kubernetes", "member_timeout_seconds");
  /** The keys of {@code cluster.kubernetes}. */
  static final Map<String, ConfigKey.Type> KUBERNETES_FIELDS =
      Map.of("service_dns", ConfigKey.Type.STRING);

  /**
   * Kubernetes DNS discovery: Hazelcast resolves the headless service's name to the pods' addresses.
   *
   * @param serviceDns the headless service's DNS name, e.g.
   *     "shardgate-hz.default.svc.cluster.local", or null when discovery is off
   */
  public record Kubernetes(String serviceDns) {
    public boolean enabled() {
      return serviceDns != null;
    }

    public JsonObject toJson() {
      return new JsonObject().put("service_dns", serviceDns);
    }
  }

  public ClusterConfig {
    members = List.copyOf(members);
  }

  public static ClusterConfig defaults() {
    return new ClusterConfig(DEFAULT_ENABLED, DEFAULT_NAME, null, DEFAULT_PORT, List.of(),
        new Kubernetes(null), DEFAULT_MEMBER_TIMEOUT_SECONDS);
  }

  /** Reads the {@code cluster} object, already validated; absent or null keys keep defaults. */
  public static ClusterConfig fromJson(JsonObject json) {
    ClusterConfig d = defaults();
    if (json == null) {
      return d;
    }
    JsonObject kubernetes = json.getValue("kubernetes") instanceof JsonObject k ? k : new JsonObject();
    return new ClusterConfig(
        json.getValue("enabled") instanceof Boolean enabled ? enabled : d.enabled,
        json.getValue("name") instanceof String name && !name.isBlank() ? name.trim() : d.name,
        blankToNull(json.getValue("host")),
        json.getValue("port") instanceof Number port ? port.intValue() : d.port,
        members(json.getValue("members")),
        new Kubernetes(blankToNull(kubernetes.getValue("service_dns"))),
        json.getValue("member_timeout_seconds") instanceof Number timeout
            ? timeout.intValue() : d.memberTimeoutSeconds);
  }

  private static List<String> members(Object value) {
    List<String> members = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (Object member : array) {
        members.add(((String) member).trim());
      }
    }
    return members;
  }

  private static String blankToNull(Object value) {
    return JsonValues.isBlank(value) ? null : ((String) value).trim();
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("enabled", enabled)
        .put("name", name)
        .put("host", host)
        .put("port", port)
        .put("members", new JsonArray(new ArrayList<>(members)))
        .put("kubernetes", kubernetes.toJson())
        .put("member_timeout_seconds", memberTimeoutSeconds);
  }
}
