import type { JsonNode, JsonObject } from "../../json/json-node.js";

/** The value of the first entry named `key`, if `node` is an object that has one. */
export function field(node: JsonObject, key: string): JsonNode | undefined {
  for (const entry of node.entries) if (entry.key === key) return entry.value;
  return undefined;
}

/**
 * `field` for each of `keys`, in one pass over the entries instead of a scan per key (an
 * object's keys are read once per step and link); the first entry of a name wins.
 */
export function fields<K extends string>(
  node: JsonObject,
  keys: readonly K[],
): { readonly [P in K]?: JsonNode } {
  const out: { [P in K]?: JsonNode } = {};
  for (const entry of node.entries) {
    const key = entry.key as K;
    if (keys.includes(key) && out[key] === undefined) out[key] = entry.value;
  }
  return out;
}

export function describeKind(node: JsonNode): string {
  switch (node.kind) {
    case "object":
      return "an object";
    case "array":
      return "an array";
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "a boolean";
    case "null":
      return "null";
  }
}
