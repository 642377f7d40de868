package io.shardgate.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a node runs. Splitting the roles lets a cluster scale the Discord side (shard verticles) and
 * the bot side (the client-facing gateway) apart; a single node runs both.
 */
public enum Role {
  /** Shard verticles and the client-facing gateway: the default, and what a single node needs. */
  ALL("all", true, true),
  /** Only shard verticles: holds Discord connections, serves no bot. */
  SHARDS("shards", true, false),
  /** Only the client-facing gateway: serves bots from shards owned by other nodes. */
  CLIENTS("clients", false, true);

  public static final Role DEFAULT = ALL;
  /** The names config.json and SHARDGATE_ROLE take. */
  public static final List<String> NAMES = Arrays.stream(values()).map(Role::key).toList();

  private final String key;
  private final boolean runsShards;
  private final boolean runsClients;

  Role(String key, boolean runsShards, boolean runsClients) {
    this.key = key;
    this.runsShards = runsShards;
    this.runsClients = runsClients;
  }

  public String key() {
    return key;
  }

  /** Whether this node starts shard verticles (and may own shards). */
  public boolean runsShards() {
    return runsShards;
  }

  /** Whether this node serves bots: the websocket gateway and its HTTP endpoints. */
  public boolean runsClients() {
    return runsClients;
  }

  /** The role with this name, in any case and with surrounding whitespace. */
  public static Optional<Role> byKey(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(role -> role.key.equals(wanted)).findFirst();
  }
}
