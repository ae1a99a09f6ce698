import type { JsonNode, JsonObject } from "../../json/json-node.js";

/** The value of the first entry named `key`, if `node` is an object that has one. */
export function field(node: JsonObject, key: string): JsonNode | undefined {
  for (const entry of node.entries) if (entry.key === key) return entry.value;
  return undefined;
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
