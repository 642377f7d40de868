// Checks k8s/ offline: every document against the Kubernetes API schemas bundled in kubernetes-models,
// no field the API does not define, and the facts the manifests must agree on with each other, with
// the Dockerfile and with shardgate's config keys. Run through .ci/check-k8s.
// Usage: node check.mjs REPO_ROOT
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import { StrictFields } from "./strict-fields.mjs";
import { runOrdinalScript, TEST_NAMESPACE } from "./ordinal-script.mjs";
import { envKeyProblems, configKeyProblems, readConfigKeys } from "./config-keys.mjs";

const root = path.resolve(process.argv[2] ?? ".");
const k8sDir = path.join(root, "k8s");
const here = path.dirname(fileURLToPath(import.meta.url));
const strict = new StrictFields(path.join(here, "node_modules"));

const SECRET_TEMPLATE = "secret.example.yaml";
const KUSTOMIZATION = "kustomization.yaml";
// A Discord bot token: base64 user id, a dot, 6 chars, a dot, 27 or more chars.
const DISCORD_TOKEN_SHAPE = /[A-Za-z0-9_-]{23,28}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,}/;
const MIN_GRACEFUL_STOP_SECONDS = 30;

const results = [];
function check(name, fn) {
  try {
    fn();
    results.push({ name, ok: true });
  } catch (e) {
    results.push({ name, ok: false, why: e.message });
  }
}
function expect(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}
function expectEqual(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  expect(a === e, `${what}: expected ${e}, got ${a}`);
}

// ---- load -------------------------------------------------------------------------------------
const files = readdirSync(k8sDir).filter((f) => /\.ya?ml$/.test(f)).sort();
const docs = []; // { file, doc }
let kustomization = null;
for (const file of files) {
  check(`${file} parses as YAML (no duplicate keys)`, () => {
    for (const parsed of parseAllDocuments(readFileSync(path.join(k8sDir, file), "utf8"))) {
      expect(parsed.errors.length === 0, parsed.errors.map((e) => e.message).join("; "));
      const doc = parsed.toJS();
      if (doc === null) continue;
      if (file === KUSTOMIZATION) kustomization = doc;
      else docs.push({ file, doc });
    }
  });
}
const find = (kind, name) => docs.find((d) => d.doc.kind === kind && d.doc.metadata?.name === name)?.doc;
const sts = find("StatefulSet", "shardgate");
const clientService = find("Service", "shardgate");
const headless = find("Service", "shardgate-hazelcast");
const configMap = find("ConfigMap", "shardgate-config");
const pdb = find("PodDisruptionBudget", "shardgate");
const secret = docs.find((d) => d.file === SECRET_TEMPLATE)?.doc;
const pod = sts?.spec?.template;
const container = pod?.spec?.containers?.find((c) => c.name === "shardgate");
const env = container?.env ?? [];
const envValue = (name) => env.find((e) => e.name === name);
const portsByName = new Map((container?.ports ?? []).map((p) => [p.name, p.containerPort]));
let config = null;

// ---- schemas ----------------------------------------------------------------------------------
for (const { file, doc } of docs) {
  const id = `${file}: ${doc.kind} ${doc.metadata?.name}`;
  const known = strict.kindFile(doc.apiVersion, doc.kind) !== null;
  const Model = known ? (await import(`kubernetes-models/${doc.apiVersion}/${doc.kind}`))[doc.kind] : null;
  check(`${id} passes the Kubernetes API schema`, () => {
    expect(Model, `unknown apiVersion/kind ${doc.apiVersion} ${doc.kind}`);
    try {
      new Model(doc).validate();
    } catch (e) {
      throw new Error((e.errors ?? [e]).map((x) => `${x.instancePath ?? ""} ${x.message}`).join("; "));
    }
  });
  check(`${id} uses only fields the API defines`, () => {
    expect(known, `unknown apiVersion/kind ${doc.apiVersion} ${doc.kind}`);
    const unknown = strict.unknownFields(doc, strict.kindFile(doc.apiVersion, doc.kind));
    expect(unknown.length === 0, `unknown fields: ${unknown.join(", ")}`);
  });
  check(`${id} names no namespace (applies into any)`, () => {
    expect(doc.metadata?.namespace === undefined, `metadata.namespace is ${doc.metadata?.namespace}`);
  });
}

// ---- what must be there -----------------------------------------------------------------------
check("kinds present: StatefulSet, client Service, headless Service, ConfigMap, PDB, Secret template", () => {
  const missing = Object.entries({ sts, clientService, headless, configMap, pdb, secret, container })
    .filter(([, v]) => !v).map(([k]) => k);
  expect(missing.length === 0, `missing: ${missing.join(", ")}`);
});
check("kustomization lists every manifest except the Secret template", () => {
  expect(kustomization, `${KUSTOMIZATION} missing`);
  const expected = files.filter((f) => f !== KUSTOMIZATION && f !== SECRET_TEMPLATE);
  expectEqual([...kustomization.resources].sort(), expected, "resources");
});

// ---- labels, selectors, ports -----------------------------------------------------------------
const podLabels = pod?.metadata?.labels ?? {};
const selects = (selector) => selector && Object.keys(selector).length > 0
  && Object.entries(selector).every(([k, v]) => podLabels[k] === v);
check("StatefulSet selector matches its pod template labels", () => expect(selects(sts.spec.selector.matchLabels), "no match"));
check("client Service selects the pods", () => expect(selects(clientService.spec.selector), "no match"));
check("headless Service selects the pods", () => expect(selects(headless.spec.selector), "no match"));
check("PDB selects the pods, maxUnavailable 1", () => {
  expect(selects(pdb.spec.selector.matchLabels), "selector does not match");
  expectEqual(pdb.spec.maxUnavailable, 1, "maxUnavailable");
});
check("StatefulSet serviceName is the headless Service", () => expectEqual(sts.spec.serviceName, headless.metadata.name, "serviceName"));
check("headless Service: clusterIP None, publishNotReadyAddresses, port 5701 -> container hazelcast", () => {
  expectEqual(headless.spec.clusterIP, "None", "clusterIP");
  expectEqual(headless.spec.publishNotReadyAddresses, true, "publishNotReadyAddresses");
  expectEqual(headless.spec.ports.map((p) => [p.port, targetPort(p)]), [[5701, 5701]], "ports");
});
check("client Service port targets the container's client port", () => {
  expectEqual(clientService.spec.ports.map((p) => [p.port, targetPort(p)]), [[7878, 7878]], "ports");
});
function targetPort(servicePort) {
  const t = servicePort.targetPort ?? servicePort.port;
  const resolved = typeof t === "number" ? t : portsByName.get(t);
  expect(resolved !== undefined, `targetPort ${t} is no container port`);
  expect([...portsByName.values()].includes(resolved), `targetPort ${t} is no container port`);
  return resolved;
}

// ---- config.json ------------------------------------------------------------------------------
const keys = readConfigKeys(path.join(root, "conf", "config.example.json"));
check("ConfigMap config.json is JSON with known shardgate keys", () => {
  config = JSON.parse(configMap.data["config.json"]);
  const problems = configKeyProblems(config, keys);
  expect(problems.length === 0, problems.join("; "));
  expect(config.token === undefined || config.token === "", "the token belongs in the Secret, not the ConfigMap");
  expect(/^wss?:\/\//.test(config.externally_accessible_url), "externally_accessible_url must be ws:// or wss://");
});
check("config.json port and cluster.port are the container ports", () => {
  expectEqual(config.port ?? 7878, portsByName.get("gateway"), "port vs container port gateway");
  expectEqual(config.cluster?.port ?? 5701, portsByName.get("hazelcast"), "cluster.port vs container port hazelcast");
});
check("config.json is mounted and passed with --config", () => {
  const mount = container.volumeMounts.find((m) => m.name === "config");
  const volume = pod.spec.volumes.find((v) => v.name === "config");
  expectEqual(volume.configMap.name, configMap.metadata.name, "config volume's ConfigMap");
  const script = container.command.join(" ");
  expect(script.includes(`--config ${mount.mountPath}/config.json`), `command lacks --config ${mount.mountPath}/config.json`);
});

// ---- environment ------------------------------------------------------------------------------
check("env names are shardgate keys (SHARDGATE_*) or the script's inputs", () => {
  const problems = env.flatMap((e) => envKeyProblems(e.name, keys));
  expect(problems.length === 0, problems.join("; "));
});
check("token comes from the Secret (secretKeyRef), never a literal", () => {
  const token = envValue("TOKEN");
  expect(token?.valueFrom?.secretKeyRef, "TOKEN has no secretKeyRef");
  expectEqual(token.valueFrom.secretKeyRef.name, secret.metadata.name, "secret name");
  expect(Object.keys(secret.stringData ?? secret.data ?? {}).includes(token.valueFrom.secretKeyRef.key), "key not in the Secret template");
  expect(!envValue("SHARDGATE_TOKEN"), "SHARDGATE_TOKEN must not be set in the manifest");
});
check("Secret template holds a placeholder, not a real token", () => {
  const value = secret.stringData?.token ?? "";
  expect(/REPLACE/i.test(value) && !DISCORD_TOKEN_SHAPE.test(value), `"${value}" does not look like a placeholder`);
  expect(!files.some((f) => f !== SECRET_TEMPLATE && DISCORD_TOKEN_SHAPE.test(readFileSync(path.join(k8sDir, f), "utf8"))), "a token-shaped string in k8s/");
});
check("SHARDGATE_SHARDS = replicas x SHARDS_PER_POD", () => {
  const total = Number(envValue("SHARDGATE_SHARDS")?.value);
  const perPod = Number(envValue("SHARDS_PER_POD")?.value);
  expectEqual(total, sts.spec.replicas * perPod, `SHARDGATE_SHARDS (replicas ${sts.spec.replicas}, SHARDS_PER_POD ${perPod})`);
});
check("cluster enabled, service DNS names the headless Service in the pod's namespace", () => {
  expectEqual(envValue("SHARDGATE_CLUSTER__ENABLED")?.value, "true", "SHARDGATE_CLUSTER__ENABLED");
  expectEqual(envValue("POD_NAMESPACE")?.valueFrom?.fieldRef?.fieldPath, "metadata.namespace", "POD_NAMESPACE");
  expectEqual(envValue("SHARDGATE_CLUSTER__KUBERNETES__SERVICE_DNS")?.value,
    `${headless.metadata.name}.$(POD_NAMESPACE).svc.cluster.local`, "SHARDGATE_CLUSTER__KUBERNETES__SERVICE_DNS");
  expectEqual(envValue("SHARDGATE_CLUSTER__HOST")?.valueFrom?.fieldRef?.fieldPath, "status.podIP", "SHARDGATE_CLUSTER__HOST");
});
check("service links off (SHARDGATE_PORT=tcp://... would break the port key)", () => {
  expectEqual(pod.spec.enableServiceLinks, false, "enableServiceLinks");
});

// ---- the start script -------------------------------------------------------------------------
const dockerfile = readFileSync(path.join(root, "Dockerfile"), "utf8").replace(/\\\n/g, " ");
const entrypoint = JSON.parse(/^ENTRYPOINT\s+(\[.*\])\s*$/m.exec(dockerfile)?.[1] ?? "null");
check("each pod's shard range follows its ordinal; the ranges cover every shard once", () => {
  const total = Number(envValue("SHARDGATE_SHARDS").value);
  let next = 0;
  for (let ordinal = 0; ordinal < sts.spec.replicas; ordinal++) {
    const run = runOrdinalScript(container, `${sts.metadata.name}-${ordinal}`);
    expect(run.status === 0, `pod ${ordinal}: exit ${run.status}: ${run.stderr}`);
    expectEqual([run.env.SHARDGATE_SHARD_START, run.env.SHARDGATE_SHARD_END],
      [String(next), String(next + Number(envValue("SHARDS_PER_POD").value))], `pod ${ordinal} range`);
    next = Number(run.env.SHARDGATE_SHARD_END);
  }
  expectEqual(next, total, "end of the last range");
});
check("the start script runs the Dockerfile's java command with --config", () => {
  const run = runOrdinalScript(container, `${sts.metadata.name}-0`);
  const mount = container.volumeMounts.find((m) => m.name === "config").mountPath;
  expectEqual(run.argv, [...entrypoint.slice(1), "--config", `${mount}/config.json`], "java arguments");
  expectEqual(run.env.SHARDGATE_CLUSTER__KUBERNETES__SERVICE_DNS,
    `${headless.metadata.name}.${TEST_NAMESPACE}.svc.cluster.local`, "expanded SERVICE_DNS");
});
check("the start script refuses a pod name without ordinal and a bad SHARDS_PER_POD", () => {
  expectEqual(runOrdinalScript(container, "shardgate").status, 2, "exit status for pod name 'shardgate'");
  expectEqual(runOrdinalScript(container, "shardgate-0", { SHARDS_PER_POD: "0" }).status, 2, "exit status for SHARDS_PER_POD=0");
  expectEqual(runOrdinalScript(container, "shardgate-0", { SHARDS_PER_POD: "four" }).status, 2, "exit status for SHARDS_PER_POD=four");
});

// ---- probes, lifecycle, security, Dockerfile --------------------------------------------------
check("readiness GET /ready, liveness and startup GET /health, on the client port", () => {
  const probe = (p) => [p?.httpGet?.path, portsByName.get(p?.httpGet?.port) ?? p?.httpGet?.port];
  expectEqual(probe(container.readinessProbe), ["/ready", config?.port ?? 7878], "readinessProbe");
  expectEqual(probe(container.livenessProbe), ["/health", config?.port ?? 7878], "livenessProbe");
  expectEqual(probe(container.startupProbe), ["/health", config?.port ?? 7878], "startupProbe");
});
check(`graceful stop: terminationGracePeriodSeconds leaves >= ${MIN_GRACEFUL_STOP_SECONDS} s after preStop`, () => {
  const preStop = container.lifecycle?.preStop?.exec?.command ?? [];
  const pause = preStop[0] === "sleep" ? Number(preStop[1]) : 0;
  expect(pod.spec.terminationGracePeriodSeconds - pause >= MIN_GRACEFUL_STOP_SECONDS,
    `terminationGracePeriodSeconds ${pod.spec.terminationGracePeriodSeconds}, preStop ${pause} s`);
});
check("non-root, read-only root filesystem, no privilege escalation, writable /tmp", () => {
  expectEqual(pod.spec.securityContext.runAsNonRoot, true, "runAsNonRoot");
  expectEqual(container.securityContext.readOnlyRootFilesystem, true, "readOnlyRootFilesystem");
  expectEqual(container.securityContext.allowPrivilegeEscalation, false, "allowPrivilegeEscalation");
  expect(container.volumeMounts.some((m) => m.mountPath === "/tmp"), "no volume at /tmp");
  expectEqual(pod.spec.automountServiceAccountToken, false, "automountServiceAccountToken");
});
check("Dockerfile: EXPOSE = container ports, USER = runAsUser, ENTRYPOINT java -jar /app/shardgate.jar", () => {
  const exposed = /^EXPOSE\s+(.+)$/m.exec(dockerfile)?.[1].trim().split(/\s+/).map(Number).sort();
  expectEqual(exposed, [...portsByName.values()].sort(), "EXPOSE");
  const user = /^USER\s+(\S+)$/m.exec(dockerfile)?.[1];
  expectEqual(user, `${pod.spec.securityContext.runAsUser}:${pod.spec.securityContext.runAsGroup}`, "USER");
  expectEqual([entrypoint?.[0], ...(entrypoint?.slice(-2) ?? [])], ["java", "-jar", "/app/shardgate.jar"], "ENTRYPOINT");
});

// ---- report -----------------------------------------------------------------------------------
const failed = results.filter((r) => !r.ok);
for (const r of results) {
  console.log(r.ok ? `ok      ${r.name}` : `FAILED  ${r.name}\n        ${r.why}`);
}
console.log(`k8s: ${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
