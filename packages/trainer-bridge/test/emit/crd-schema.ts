import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import { parse } from "yaml";

type Node = Record<string, unknown>;

/**
 * Structural schemas allow unknown fields and the API server prunes them silently; for a test
 * that is the wrong default, so every object with listed properties becomes closed (as with
 * `kubectl apply --validate=strict`), unless it opts into unknown fields.
 */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (typeof node !== "object" || node === null) return node;
  const out: Node = {};
  for (const [k, v] of Object.entries(node as Node)) out[k] = closeObjects(v);
  if (
    "properties" in out &&
    !("additionalProperties" in out) &&
    out["x-kubernetes-preserve-unknown-fields"] !== true
  )
    out["additionalProperties"] = false;
  return out;
}

/** An ajv validator for one of the CRD schema fixtures under test/fixtures/crds. */
export function crdValidator(file: string, extra: Node = {}): ValidateFunction {
  const url = new URL(`../fixtures/crds/${file}`, import.meta.url);
  const schema = closeObjects(parse(readFileSync(url, "utf8"))) as Node;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) =>
      Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat("int64", {
    type: "number",
    validate: (n: number) => Number.isSafeInteger(n),
  });
  ajv.addFormat("date-time", true);
  return ajv.compile({ ...schema, ...extra });
}
