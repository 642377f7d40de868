// Which config keys and SHARDGATE_* variables shardgate knows: the keys of conf/config.example.json,
// plus the cluster keys and `role` (read by the cluster code: docs/KUBERNETES.md lists them).
import { readFileSync } from "node:fs";

const FREE_FORM = "*"; // any nested key is accepted (activity passes unknown fields to Discord)
const FREE_FORM_OBJECTS = new Set(["activity"]);
const CLUSTER_KEYS = {
  cluster: {
    enabled: null,
    name: null,
    host: null,
    port: null,
    members: null,
    member_timeout_seconds: null,
    kubernetes: { service_dns: null },
  },
  role: null,
};
const ROLES = ["all", "shards", "clients"];
const ENV_PREFIX = "SHARDGATE_";
const ENV_NESTING = "__";
// Variables that name no key: the config file path, and the inputs of the StatefulSet's start script.
const OTHER_VARIABLES = new Set(["SHARDGATE_CONFIG", "TOKEN", "POD_NAME", "POD_NAMESPACE", "SHARDS_PER_POD"]);

/** A tree of known keys: key -> null (a value), FREE_FORM, or a tree of nested keys. */
export function readConfigKeys(exampleFile) {
  return merge(treeOf(JSON.parse(readFileSync(exampleFile, "utf8"))), CLUSTER_KEYS);
}

function treeOf(object) {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key,
    FREE_FORM_OBJECTS.has(key) ? FREE_FORM
      : value !== null && typeof value === "object" && !Array.isArray(value) ? treeOf(value) : null]));
}

function merge(a, b) {
  const out = { ...a };
  for (const [key, value] of Object.entries(b)) {
    out[key] = value && out[key] && typeof out[key] === "object" ? merge(out[key], value) : (out[key] ?? value);
  }
  return out;
}

/** Problems with one environment variable's name (empty when shardgate reads it as a key). */
export function envKeyProblems(name, tree) {
  if (OTHER_VARIABLES.has(name)) return [];
  if (!name.startsWith(ENV_PREFIX)) return [`${name} is neither a SHARDGATE_ key nor an input of the start script`];
  if (name !== name.toUpperCase()) return [`${name} must be upper case`];
  let node = tree;
  for (const segment of name.slice(ENV_PREFIX.length).toLowerCase().split(ENV_NESTING)) {
    if (node === FREE_FORM) return [];
    if (node === null || !Object.hasOwn(node, segment)) return [`${name} names no config key ("${segment}")`];
    node = node[segment];
  }
  return [];
}

/** Problems with a config.json object: unknown keys at any depth, an unknown role. */
export function configKeyProblems(config, tree, at = "") {
  const problems = [];
  for (const [key, value] of Object.entries(config)) {
    if (tree === FREE_FORM) break;
    if (!Object.hasOwn(tree, key)) {
      problems.push(`unknown key ${at}${key}`);
    } else if (tree[key] !== null && tree[key] !== FREE_FORM && value !== null && typeof value === "object") {
      problems.push(...configKeyProblems(value, tree[key], `${at}${key}.`));
    }
  }
  if (at === "" && config.role !== undefined && !ROLES.includes(config.role)) {
    problems.push(`role must be one of ${ROLES.join(", ")} (got "${config.role}")`);
  }
  return problems;
}
