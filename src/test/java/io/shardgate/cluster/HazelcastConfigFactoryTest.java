package io.shardgate.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MultiMapConfig;
import io.shardgate.config.ClusterConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class HazelcastConfigFactoryTest {

  private static final List<String> MEMBERS = List.of("10.0.0.1:5801", "10.0.0.2:5801");

  private static ClusterConfig withMembers() {
    return new ClusterConfig(true, "prod", "10.0.0.1", 5801, MEMBERS,
        new ClusterConfig.Kubernetes(null), 7);
  }

  private static ClusterConfig inKubernetes() {
    return new ClusterConfig(true, "prod", null, 5701, List.of(),
        new ClusterConfig.Kubernetes("shardgate-hz.default.svc.cluster.local"), 5);
  }

  @Test
  void every_call_returns_a_fresh_config_because_joining_mutates_it() {
    Config first = HazelcastConfigFactory.create(withMembers());
    Config second = HazelcastConfigFactory.create(withMembers());

    assertNotSame(first, second);
    assertNotSame(first.getNetworkConfig(), second.getNetworkConfig());
    first.getNetworkConfig().getJoin().getTcpIpConfig().addMember("10.0.0.9:5801");
    assertEquals(MEMBERS, second.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
  }

  @Test
  void members_join_over_tcp_ip_on_a_fixed_port_with_multicast_and_auto_detection_off() {
    Config config = HazelcastConfigFactory.create(withMembers());
    JoinConfig join = config.getNetworkConfig().getJoin();

    assertEquals("prod", config.getClusterName());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(MEMBERS, join.getTcpIpConfig().getMembers());
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertFalse(join.getKubernetesConfig().isEnabled());
    assertEquals(5801, config.getNetworkConfig().getPort());
    assertFalse(config.getNetworkConfig().isPortAutoIncrement());
    assertEquals("10.0.0.1", config.getNetworkConfig().getPublicAddress());
  }

  @Test
  void kubernetes_dns_discovery_replaces_tcp_ip_and_looks_up_the_member_port() {
    Config config = HazelcastConfigFactory.create(inKubernetes());
    JoinConfig join = config.getNetworkConfig().getJoin();

    assertTrue(join.getKubernetesConfig().isEnabled());
    assertEquals("shardgate-hz.default.svc.cluster.local",
        join.getKubernetesConfig().getProperty("service-dns"));
    assertEquals("5701", join.getKubernetesConfig().getProperty("service-port"));
    assertFalse(join.getTcpIpConfig().isEnabled());
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getAutoDetectionConfig().isEnabled());
    assertFalse(config.getNetworkConfig().isPortAutoIncrement());
    assertNull(config.getNetworkConfig().getPublicAddress(), "Hazelcast picks the pod address");
  }

  @Test
  void a_node_without_peers_may_move_to_the_next_free_port() {
    ClusterConfig alone = new ClusterConfig(true, "dev", null, 5701, List.of(),
        new ClusterConfig.Kubernetes(null), 5);

    assertTrue(HazelcastConfigFactory.create(alone).getNetworkConfig().isPortAutoIncrement());
  }

  @Test
  void failure_detection_declares_a_silent_member_dead_after_member_timeout_seconds() {
    Config config = HazelcastConfigFactory.create(withMembers());

    assertEquals("1", config.getProperty("hazelcast.heartbeat.interval.seconds"));
    assertEquals("7", config.getProperty("hazelcast.max.no.heartbeat.seconds"));
    assertEquals("1", config.getProperty("hazelcast.wait.seconds.before.join"));
    assertEquals("slf4j", config.getProperty("hazelcast.logging.type"));
    assertEquals("false", config.getProperty("hazelcast.shutdownhook.enabled"));
    assertEquals("false", config.getProperty("hazelcast.phone.home.enabled"));
  }

  @Test
  void vertx_cluster_manager_structures_keep_their_settings() {
    MultiMapConfig subscriptions = HazelcastConfigFactory.create(withMembers())
        .getMultiMapConfig("__vertx.subs");

    assertEquals(MultiMapConfig.ValueCollectionType.SET, subscriptions.getValueCollectionType());
    assertEquals(1, subscriptions.getBackupCount());
  }
}
