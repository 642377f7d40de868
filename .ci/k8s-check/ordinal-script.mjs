// Runs the StatefulSet container's start command as the kubelet would (env from the manifest, $(VAR)
// references expanded), for a given pod name, with a stand-in `java` on PATH that records its
// arguments and environment instead of starting the JVM. So the check sees the shard range and the
// java command line each pod would really get.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const TEST_NAMESPACE = "test-ns";
const TEST_POD_IP = "192.0.2.10"; // documentation range (RFC 5737): never contacted
const TEST_TOKEN = "test-token";
const SCRIPT_TIMEOUT_MS = 10_000;

export function runOrdinalScript(container, podName, overrides = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "shardgate-k8s-check-"));
  try {
    const fakeJava = path.join(dir, "java");
    writeFileSync(fakeJava, `#!/bin/sh\nprintf '%s\\n' "$@" > '${dir}/argv'\nenv > '${dir}/env'\n`);
    chmodSync(fakeJava, 0o755);
    const env = containerEnv(container, podName, overrides);
    const command = container.command.map((part) => expand(part, env));
    const run = spawnSync(command[0], command.slice(1), {
      env: { ...env, PATH: `${dir}:${process.env.PATH}` },
      encoding: "utf8",
      timeout: SCRIPT_TIMEOUT_MS,
    });
    return {
      status: run.status,
      stderr: (run.stderr ?? "").trim(),
      argv: readLines(path.join(dir, "argv")),
      env: Object.fromEntries(readLines(path.join(dir, "env")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)])),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function containerEnv(container, podName, overrides) {
  const fieldValues = { "metadata.name": podName, "metadata.namespace": TEST_NAMESPACE, "status.podIP": TEST_POD_IP };
  const env = {};
  for (const e of container.env ?? []) {
    if (e.name in overrides) {
      env[e.name] = overrides[e.name];
    } else if (e.value !== undefined) {
      env[e.name] = expand(e.value, env); // only variables defined earlier, as in Kubernetes
    } else if (e.valueFrom?.fieldRef) {
      env[e.name] = fieldValues[e.valueFrom.fieldRef.fieldPath] ?? "";
    } else if (e.valueFrom?.secretKeyRef) {
      env[e.name] = TEST_TOKEN;
    }
  }
  return env;
}

/** Kubernetes' $(VAR) expansion: a defined variable is replaced, an undefined one kept, $$ is $. */
export function expand(input, vars) {
  let out = "";
  for (let i = 0; i < input.length; i++) {
    const next = input[i + 1];
    if (input[i] !== "$" || next === undefined) {
      out += input[i];
    } else if (next === "$") {
      out += "$";
      i++;
    } else if (next === "(" && input.indexOf(")", i + 2) >= 0) {
      const close = input.indexOf(")", i + 2);
      const name = input.slice(i + 2, close);
      out += Object.hasOwn(vars, name) ? vars[name] : `$(${name})`;
      i = close;
    } else {
      out += "$" + next;
      i++;
    }
  }
  return out;
}

function readLines(file) {
  return existsSync(file) ? readFileSync(file, "utf8").split("\n").filter((l) => l.length > 0) : [];
}
