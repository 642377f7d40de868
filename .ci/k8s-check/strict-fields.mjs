// Finds fields that the Kubernetes API does not define (a typo such as "readinesProbe" passes the
// JSON schemas of kubernetes-models, which allow extra properties, but the API server rejects or drops
// it). The field lists come from the TypeScript declarations that kubernetes-models generates from
// the Kubernetes OpenAPI spec, one interface per file: `"name"?: Type;` per field.
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";

const IMPORT = /^import \{ ([^}]+) \} from "([^"]+)";$/gm;
const INTERFACE_START = /^export interface \w+(?: extends [^{]+)? \{$/;
const FIELD = /^ {4}"([^"]+)"\??: (.+?);?$/;
const ARRAY_OF = /^Array<(\w+)>$/;

export class StrictFields {
  constructor(nodeModules) {
    this.nodeModules = nodeModules;
    this.cache = new Map();
  }

  /** The declaration file of a top-level kind, e.g. ("apps/v1", "StatefulSet"). */
  kindFile(apiVersion, kind) {
    const file = path.join(this.nodeModules, "kubernetes-models", apiVersion, `${kind}.d.ts`);
    return existsSync(file) ? file : null;
  }

  /** Paths of every field in `value` that the declaration in `file` does not define. */
  unknownFields(value, file, at = "") {
    const decl = this.load(file);
    if (!decl || value === null || typeof value !== "object" || Array.isArray(value)) {
      return [];
    }
    const problems = [];
    for (const [name, child] of Object.entries(value)) {
      const type = decl.fields.get(name);
      if (type === undefined) {
        problems.push(`${at}/${name}`);
        continue;
      }
      problems.push(...this.unknownInType(child, type, decl, `${at}/${name}`));
    }
    return problems;
  }

  unknownInType(value, type, decl, at) {
    const element = ARRAY_OF.exec(type);
    if (element && Array.isArray(value)) {
      return value.flatMap((item, i) => this.unknownInType(item, element[1], decl, `${at}/${i}`));
    }
    // A named type that has an interface of its own; anything else (string, number, a map written
    // inline as `{ [key: string]: ... }`, IntOrString, Quantity) holds free-form content.
    const file = decl.imports.get(type);
    return file ? this.unknownFields(value, file, at) : [];
  }

  load(file) {
    if (!this.cache.has(file)) {
      this.cache.set(file, existsSync(file) ? parseDeclaration(file, this.nodeModules) : null);
    }
    return this.cache.get(file);
  }
}

function parseDeclaration(file, nodeModules) {
  const text = readFileSync(file, "utf8");
  const imports = new Map();
  for (const [, names, from] of text.matchAll(IMPORT)) {
    const target = from.startsWith(".")
      ? path.resolve(path.dirname(file), from.replace(/\.js$/, "") + ".d.ts")
      : path.join(nodeModules, from.replace(/\.js$/, "") + ".d.ts");
    for (const name of names.split(",")) {
      imports.set(name.trim(), target);
    }
  }
  const fields = new Map();
  const lines = text.split("\n");
  const start = lines.findIndex((line) => INTERFACE_START.test(line));
  if (start < 0) {
    return null; // a type alias (IntOrString, Quantity, Time): no fields to check
  }
  for (let i = start + 1; i < lines.length && lines[i] !== "}"; i++) {
    const field = FIELD.exec(lines[i]);
    if (field) {
      fields.set(field[1], field[2].trim());
    }
  }
  return { fields, imports };
}
