import { InternalError, assertNever } from "../diagnostics/errors.js";
import type {
  JsonArray,
  JsonEntry,
  JsonNode,
  JsonObject,
} from "./json-node.js";
import { jsonNumber, jsonString } from "./json-node.js";
import { numberLexemesEqual } from "./normalize-number.js";

/** A plain JavaScript JSON value, as `JSON.parse` returns it. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

type MutableJsonObject = { [key: string]: JsonValue };

/**
 * The plain value of a node, equal to what `JSON.parse` returns for its text: numbers become
 * doubles (lexemes and key order of integer-like keys are lost), repeated keys keep the
 * last value. A `"__proto__"` key becomes an own property, never the prototype.
 * Iterative, so tree depth cannot overflow the call stack.
 */
export function jsonToValue(node: JsonNode): JsonValue {
  const pending: PendingContainer[] = [];
  const root = convertNode(node, pending);
  for (let job = pending.pop(); job !== undefined; job = pending.pop()) {
    const { node: container, target } = job;
    if (Array.isArray(target)) {
      if (container.kind === "array")
        for (const item of container.items)
          target.push(convertNode(item, pending));
    } else if (container.kind === "object") {
      for (const entry of container.entries)
        setOwn(target, entry.key, convertNode(entry.value, pending));
    }
  }
  return root;
}

/** Assignment would set the prototype for `__proto__`; define it as an own property instead, as JSON.parse does. */
function setOwn(
  target: MutableJsonObject,
  key: string,
  value: JsonValue,
): void {
  if (key === "__proto__")
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  else target[key] = value;
}

/**
 * A node with canonical lexemes (those of `JSON.stringify`) for a plain value. Anything
 * `JSON.stringify` would have to skip, convert or reject (undefined, functions, non-finite
 * numbers, class instances, cycles) is a programming error here and throws `InternalError`.
 */
export function valueToJson(value: JsonValue): JsonNode {
  return toNode(value, new Set());
}

function toNode(value: unknown, ancestors: Set<object>): JsonNode {
  switch (typeof value) {
    case "string":
      return jsonString(value);
    case "number":
      return jsonNumber(value);
    case "boolean":
      return { kind: "boolean", value };
    case "object":
      break;
    default:
      throw new InternalError(`not a JSON value: ${typeof value}`);
  }
  if (value === null) return { kind: "null" };
  if (ancestors.has(value))
    throw new InternalError("cannot convert a cyclic structure to JSON");
  ancestors.add(value);
  let node: JsonNode;
  if (Array.isArray(value)) {
    const items: JsonNode[] = [];
    for (let k = 0; k < value.length; k++)
      items.push(toNode(value[k], ancestors));
    node = { kind: "array", items };
  } else {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null)
      throw new InternalError("not a plain JSON object");
    const entries: JsonEntry[] = [];
    for (const [key, item] of Object.entries(value)) {
      entries.push({
        key,
        keyRaw: JSON.stringify(key),
        value: toNode(item, ancestors),
      });
    }
    node = { kind: "object", entries };
  }
  ancestors.delete(value);
  return node;
}

export interface JsonEqualsOptions {
  /** Treat objects as unordered (default true). */
  readonly ignoreKeyOrder?: boolean;
}

/**
 * Semantic equality: strings and keys compare by decoded value (`"\u00e9"` equals `"é"`),
 * numbers by exact decimal value (`1.0` equals `1`, big integers are compared digit for
 * digit, never through doubles), objects ignore key order unless told otherwise (repeated
 * keys: the last one counts, as in `JSON.parse`). Spans are ignored. Iterative.
 */
export function jsonEquals(
  a: JsonNode,
  b: JsonNode,
  options: JsonEqualsOptions = {},
): boolean {
  const ignoreKeyOrder = options.ignoreKeyOrder ?? true;
  const pending: JsonNode[] = [a, b];
  while (pending.length > 0) {
    const y = pending.pop();
    const x = pending.pop();
    if (x === undefined || y === undefined)
      throw new InternalError("unbalanced comparison stack");
    if (x === y) continue;
    switch (x.kind) {
      case "object":
        if (
          y.kind !== "object" ||
          !pushObjectPairs(x, y, ignoreKeyOrder, pending)
        )
          return false;
        break;
      case "array":
        if (y.kind !== "array" || !pushItemPairs(x, y, pending)) return false;
        break;
      case "string":
        if (y.kind !== "string" || x.value !== y.value) return false;
        break;
      case "number":
        if (y.kind !== "number" || !numberLexemesEqual(x.raw, y.raw))
          return false;
        break;
      case "boolean":
        if (y.kind !== "boolean" || x.value !== y.value) return false;
        break;
      case "null":
        if (y.kind !== "null") return false;
        break;
      default:
        assertNever(x, "JSON node");
    }
  }
  return true;
}

/** Queues the value pairs of two objects, or returns false if their keys already differ. */
function pushObjectPairs(
  x: JsonObject,
  y: JsonObject,
  ignoreKeyOrder: boolean,
  pending: JsonNode[],
): boolean {
  const sameOrder =
    x.entries.length === y.entries.length &&
    x.entries.every((entry, k) => entry.key === y.entries[k]?.key);
  if (sameOrder) {
    for (let k = 0; k < x.entries.length; k++) {
      const ex = x.entries[k];
      const ey = y.entries[k];
      if (ex === undefined || ey === undefined) return false;
      pending.push(ex.value, ey.value);
    }
    return true;
  }
  if (!ignoreKeyOrder) return false;
  const xs = lastValues(x);
  const ys = lastValues(y);
  if (xs.size !== ys.size) return false;
  for (const [key, value] of xs) {
    const other = ys.get(key);
    if (other === undefined) return false;
    pending.push(value, other);
  }
  return true;
}

function pushItemPairs(
  x: JsonArray,
  y: JsonArray,
  pending: JsonNode[],
): boolean {
  if (x.items.length !== y.items.length) return false;
  for (let k = 0; k < x.items.length; k++) {
    const ix = x.items[k];
    const iy = y.items[k];
    if (ix === undefined || iy === undefined) return false;
    pending.push(ix, iy);
  }
  return true;
}

/** Key → value with the last of repeated keys winning, as in `JSON.parse`. */
export function lastValues(node: JsonObject): Map<string, JsonNode> {
  const values = new Map<string, JsonNode>();
  for (const entry of node.entries) values.set(entry.key, entry.value);
  return values;
}

/** Token-for-token identity: same kinds, same key order, same raw lexemes. Spans are ignored. Iterative. */
export function jsonNodesIdentical(a: JsonNode, b: JsonNode): boolean {
  const pending: JsonNode[] = [a, b];
  while (pending.length > 0) {
    const y = pending.pop();
    const x = pending.pop();
    if (x === undefined || y === undefined)
      throw new InternalError("unbalanced comparison stack");
    if (x === y) continue;
    switch (x.kind) {
      case "object": {
        if (y.kind !== "object" || x.entries.length !== y.entries.length)
          return false;
        for (let k = 0; k < x.entries.length; k++) {
          const ex = x.entries[k];
          const ey = y.entries[k];
          if (ex === undefined || ey === undefined || ex.keyRaw !== ey.keyRaw)
            return false;
          pending.push(ex.value, ey.value);
        }
        break;
      }
      case "array":
        if (y.kind !== "array" || !pushItemPairs(x, y, pending)) return false;
        break;
      case "string":
        if (y.kind !== "string" || x.raw !== y.raw) return false;
        break;
      case "number":
        if (y.kind !== "number" || x.raw !== y.raw) return false;
        break;
      case "boolean":
        if (y.kind !== "boolean" || x.value !== y.value) return false;
        break;
      case "null":
        if (y.kind !== "null") return false;
        break;
      default:
        assertNever(x, "JSON node");
    }
  }
  return true;
}

/** A container whose children are still to convert, with the value being filled. */
interface PendingContainer {
  readonly node: JsonObject | JsonArray;
  readonly target: JsonValue[] | MutableJsonObject;
}

/**
 * One node's value; containers come back empty and are queued in `pending`. A
 * module-level function: under esbuild's keepNames (tsx) a named closure costs a
 * `defineProperty` each time it is created.
 */
function convertNode(child: JsonNode, pending: PendingContainer[]): JsonValue {
  switch (child.kind) {
    case "object": {
      const target: MutableJsonObject = {};
      pending.push({ node: child, target });
      return target;
    }
    case "array": {
      const target: JsonValue[] = [];
      pending.push({ node: child, target });
      return target;
    }
    case "string":
      return child.value;
    case "number":
      return Number(child.raw);
    case "boolean":
      return child.value;
    case "null":
      return null;
    default:
      return assertNever(child, "JSON node");
  }
}
