import type { JsonPath } from "../diagnostics/diagnostic.js";
import type { JsonEntry, JsonNode } from "../json/json-node.js";

/**
 * What a dialect tells the reconciler about its documents. `path` is the JSON path (keys
 * and indices) of the node in question. It is a view of the reconciler's working stack,
 * valid only during the call: read it, never keep it.
 */
export interface ReconcilePolicy {
  /** Identity of an element of the array at `path`, when its order is not meaning; undefined = match by position. */
  readonly identity: (path: JsonPath, item: JsonNode) => string | undefined;
  /** The two nodes mean the same although their tokens differ (e.g. two spellings of JSON held in a string). */
  readonly equivalent: (
    path: JsonPath,
    original: JsonNode,
    fresh: JsonNode,
  ) => boolean;
  /** An original entry the fresh document lacks is formatting (position, unknown key) and stays. */
  readonly keepMissing: (path: JsonPath, entry: JsonEntry) => boolean;
  /** A fresh entry the original lacks is generated layout and is dropped when the original had none. */
  readonly dropAdded: (path: JsonPath, entry: JsonEntry) => boolean;
}

/**
 * The lossless half of the round trip, independent of any dialect: the fresh document built
 * from Python decides every meaning; the original document (kept in trivia) decides every
 * spelling wherever the two mean the same: key order, unknown keys, number lexemes, string
 * escapes, array order where order is not meaning, and whole subtrees the policy calls
 * equivalent. Edits made in Python therefore show up, and nothing else moves.
 */
export function reconcile(
  original: JsonNode,
  fresh: JsonNode,
  policy: ReconcilePolicy,
): JsonNode {
  // One path stack for the whole walk: pushing and popping costs nothing, copying per node did.
  return walk(original, fresh, policy, []);
}

function walk(
  original: JsonNode,
  fresh: JsonNode,
  policy: ReconcilePolicy,
  path: (string | number)[],
): JsonNode {
  if (policy.equivalent(path, original, fresh)) return original;
  switch (fresh.kind) {
    case "object":
      return original.kind === "object"
        ? walkObject(original.entries, fresh.entries, policy, path)
        : fresh;
    case "array": {
      if (original.kind !== "array") return fresh;
      const [first] = fresh.items;
      path.push(0);
      const keyed =
        first !== undefined && policy.identity(path, first) !== undefined;
      path.pop();
      if (keyed) return walkKeyed(original.items, fresh.items, policy, path);
      if (original.items.length !== fresh.items.length) return fresh;
      const items = fresh.items.map((f, i) => {
        path.push(i);
        const r = walk(original.items[i] ?? f, f, policy, path);
        path.pop();
        return r;
      });
      return { kind: "array", items };
    }
    case "string":
      return original.kind === "string" && original.value === fresh.value
        ? original
        : fresh;
    case "number":
      return original.kind === "number" && sameNumber(original.raw, fresh.raw)
        ? original
        : fresh;
    case "boolean":
      return original.kind === "boolean" && original.value === fresh.value
        ? original
        : fresh;
    case "null":
      return original.kind === "null" ? original : fresh;
  }
}

/** Original entries in their order (the first of repeated keys), then the fresh ones the original lacks. */
function walkObject(
  oe: readonly JsonEntry[],
  fe: readonly JsonEntry[],
  policy: ReconcilePolicy,
  path: (string | number)[],
): JsonNode {
  const entries: JsonEntry[] = [];
  const originalKeys = keyIndex(oe);
  const freshKeys = keyIndex(fe);
  const used: boolean[] = [];
  for (let k = 0; k < oe.length; k++) {
    const o = oe[k] as JsonEntry;
    const repeated =
      originalKeys === undefined
        ? indexOfKey(oe, o.key, k) !== -1
        : originalKeys.get(o.key) !== k;
    if (repeated) continue;
    const i =
      freshKeys === undefined ? indexOfKey(fe, o.key) : freshKeys.get(o.key);
    path.push(o.key);
    const f = i === undefined || i === -1 ? undefined : fe[i];
    if (i !== undefined && f !== undefined) {
      used[i] = true;
      const value = walk(o.value, f.value, policy, path);
      entries.push(
        value === o.value ? o : { key: o.key, keyRaw: o.keyRaw, value },
      );
    } else if (policy.keepMissing(path, o)) entries.push(o);
    path.pop();
  }
  for (let i = 0; i < fe.length; i++) {
    const f = fe[i];
    if (f === undefined || used[i] === true) continue;
    if (
      originalKeys === undefined
        ? indexOfKey(oe, f.key) !== -1
        : originalKeys.has(f.key)
    )
      continue;
    path.push(f.key);
    if (!policy.dropAdded(path, f)) entries.push(f);
    path.pop();
  }
  return { kind: "object", entries };
}

/** Objects of a workflow have a handful of keys: below this many, scanning beats hashing. */
const LINEAR_SEARCH_MAX = 16;

/** Key → index of its first entry, for objects too big to scan; undefined for small ones. */
function keyIndex(
  entries: readonly JsonEntry[],
): Map<string, number> | undefined {
  if (entries.length <= LINEAR_SEARCH_MAX) return undefined;
  const index = new Map<string, number>();
  entries.forEach((e, i) => {
    if (!index.has(e.key)) index.set(e.key, i);
  });
  return index;
}

/** Index of the first entry named `key` before `end`, or -1. */
function indexOfKey(
  entries: readonly JsonEntry[],
  key: string,
  end = entries.length,
): number {
  for (let i = 0; i < end; i++) if (entries[i]?.key === key) return i;
  return -1;
}

/** Matched elements keep the original order; new ones follow in fresh order; removed ones go. */
function walkKeyed(
  original: readonly JsonNode[],
  fresh: readonly JsonNode[],
  policy: ReconcilePolicy,
  path: (string | number)[],
): JsonNode {
  const pending = new Map<string, number[]>();
  fresh.forEach((node, index) => {
    path.push(index);
    const id = policy.identity(path, node) ?? `#${index}`;
    path.pop();
    const list = pending.get(id);
    if (list === undefined) pending.set(id, [index]);
    else list.push(index);
  });
  const used = new Uint8Array(fresh.length);
  const items: JsonNode[] = [];
  original.forEach((o, i) => {
    path.push(i);
    const id = policy.identity(path, o);
    const match = id === undefined ? undefined : pending.get(id)?.shift();
    const f = match === undefined ? undefined : fresh[match];
    if (match !== undefined && f !== undefined) {
      used[match] = 1;
      items.push(walk(o, f, policy, path));
    }
    path.pop();
  });
  fresh.forEach((f, i) => {
    if (used[i] !== 1) items.push(f);
  });
  return { kind: "array", items };
}

function sameNumber(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  return Number.isSafeInteger(x) || !Number.isInteger(x)
    ? x === Number(b)
    : false;
}
