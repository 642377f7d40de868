package io.shardgate.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the {@code cluster} object for {@link ConfigValidator}: one line per problem, naming the key
 * (and the environment variable that set it) and what to write instead.
 */
final class ClusterConfigValidator {

  /** A DNS name or IPv4 address, or an IPv6 literal (bracketed, or with at least two colons). */
  private static final Pattern HOST = Pattern.compile(
      "\\[[0-9A-Fa-f:.]+]|[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*"
          + "|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?");

  private final JsonObject cluster;
  private final List<String> problems;
  private final List<String> warnings;
  private final UnaryOperator<String> label;

  private ClusterConfigValidator(JsonObject cluster, List<String> problems, List<String> warnings,
      UnaryOperator<String> label) {
    this.cluster = cluster;
    this.problems = problems;
    this.warnings = warnings;
    this.label = label;
  }

  /**
   * Adds the problems and warnings of {@code value} (the {@code cluster} key, possibly absent).
   *
   * @param label turns a key path into its name in a message (with the variable that set it)
   */
  static void check(Object value, List<String> problems, List<String> warnings,
      UnaryOperator<String> label) {
    if (value == null) {
      return;
    }
    if (!(value instanceof JsonObject cluster)) {
      problems.add(label.apply("cluster") + " must be an object such as {\"enabled\": true, "
          + "\"members\": [\"10.0.0.1:5701\", \"10.0.0.2:5701\"]} (got " + JsonValues.echo(value)
          + ")");
      return;
    }
    new ClusterConfigValidator(cluster, problems, warnings, label).checkAll();
  }

  private void checkAll() {
    unknownKeys(cluster, ClusterConfig.FIELD_NAMES, "cluster");
    Object enabled = cluster.getValue("enabled");
    if (enabled != null && !(enabled instanceof Boolean)) {
      problems.add(label.apply("cluster.enabled") + " must be true or false (got "
          + JsonValues.echo(enabled) + ")");
    }
    name();
    host();
    integer("cluster.port", cluster.getValue("port"), 1, ConfigValidator.MAX_PORT,
        "between 1 and " + ConfigValidator.MAX_PORT + " (Hazelcast's member port)");
    integer("cluster.member_timeout_seconds", cluster.getValue("member_timeout_seconds"), 1,
        ClusterConfig.MAX_MEMBER_TIMEOUT_SECONDS, "between 1 and "
            + ClusterConfig.MAX_MEMBER_TIMEOUT_SECONDS + " (seconds, not milliseconds)");
    boolean hasMembers = members();
    boolean hasKubernetes = kubernetes();
    if (hasMembers && hasKubernetes) {
      problems.add("cluster.members and cluster.kubernetes.service_dns are both set: use one way "
          + "to find the other nodes, members (TCP-IP) outside Kubernetes or service_dns inside it");
    }
    if (Boolean.TRUE.equals(enabled) && !hasMembers && !hasKubernetes) {
      warnings.add("cluster.enabled is true but neither cluster.members nor "
          + "cluster.kubernetes.service_dns is set: this node will not find any other node");
    }
  }

  private void unknownKeys(JsonObject object, List<String> known, String path) {
    for (String name : object.fieldNames()) {
      if (!known.contains(name)) {
        warnings.add("unknown key \"" + path + "." + name + "\" ignored; known keys of " + path
            + ": " + String.join(", ", known));
      }
    }
  }

  private void name() {
    Object name = cluster.getValue("name");
    if (name != null && (!(name instanceof String text) || text.isBlank())) {
      problems.add(label.apply("cluster.name") + " must be a non-empty string, the same on every "
          + "node, e.g. \"" + ClusterConfig.DEFAULT_NAME + "\" (got " + JsonValues.echo(name) + ")");
    }
  }

  private void host() {
    Object host = cluster.getValue("host");
    if (JsonValues.isBlank(host)) {
      return;
    }
    if (!(host instanceof String text) || !HOST.matcher(text.trim()).matches()) {
      problems.add(label.apply("cluster.host") + " must be a host name or IP address without a "
          + "port, e.g. \"10.0.0.1\", or null to let Hazelcast choose (got " + JsonValues.echo(host)
          + ")");
    }
  }

  private void integer(String path, Object value, long min, long max, String mustBe) {
    Long number = JsonValues.integral(value);
    if (value != null && (number == null || number < min || number > max)) {
      problems.add(label.apply(path) + " must be an integer " + mustBe + " (got "
          + JsonValues.echo(value) + ")");
    }
  }

  /** Checks cluster.members; true when it lists at least one member. */
  private boolean members() {
    Object value = cluster.getValue("members");
    if (value == null) {
      return false;
    }
    if (!(value instanceof JsonArray members)) {
      problems.add(label.apply("cluster.members") + " must be an array of \"host:port\" strings, "
          + "e.g. [\"10.0.0.1:5701\", \"10.0.0.2:5701\"] (got " + JsonValues.echo(value) + ")");
      return false;
    }
    for (int i = 0; i < members.size(); i++) {
      Object member = members.getValue(i);
      if (!isHostPort(member)) {
        problems.add(label.apply("cluster.members") + " item " + i + " must be \"host:port\", "
            + "e.g. \"10.0.0.1:" + ClusterConfig.DEFAULT_PORT + "\" (got " + JsonValues.echo(member)
            + ")");
      }
    }
    return !members.isEmpty();
  }

  private static boolean isHostPort(Object member) {
    if (!(member instanceof String text)) {
      return false;
    }
    Matcher matcher = ConfigValidator.HOST_PORT.matcher(text.trim());
    if (!matcher.matches()) {
      return false;
    }
    int port = Integer.parseInt(matcher.group(3));
    return port >= 1 && port <= ConfigValidator.MAX_PORT;
  }

  /** Checks cluster.kubernetes; true when Kubernetes DNS discovery is set up. */
  private boolean kubernetes() {
    Object value = cluster.getValue("kubernetes");
    if (value == null) {
      return false;
    }
    if (!(value instanceof JsonObject kubernetes)) {
      problems.add(label.apply("cluster.kubernetes") + " must be an object such as "
          + "{\"service_dns\": \"shardgate-hz.default.svc.cluster.local\"} (got "
          + JsonValues.echo(value) + ")");
      return false;
    }
    unknownKeys(kubernetes, List.copyOf(ClusterConfig.KUBERNETES_FIELDS.keySet()),
        "cluster.kubernetes");
    Object dns = kubernetes.getValue("service_dns");
    if (JsonValues.isBlank(dns)) {
      return false;
    }
    if (!(dns instanceof String name) || !HOST.matcher(name.trim()).matches()) {
      problems.add(label.apply("cluster.kubernetes.service_dns") + " must be the DNS name of the "
          + "headless service, e.g. \"shardgate-hz.default.svc.cluster.local\", or null (got "
          + JsonValues.echo(dns) + ")");
      return false;
    }
    return true;
  }
}
