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
    case "object": {
      if (original.kind !== "object") return fresh;
      const entries: JsonEntry[] = [];
      const fe = fresh.entries;
      const used = new Uint8Array(fe.length);
      const seen = new Set<string>();
      for (const o of original.entries) {
        if (seen.has(o.key)) continue;
        seen.add(o.key);
        const i = indexOfKey(fe, o.key);
        path.push(o.key);
        const f = i === -1 ? undefined : fe[i];
        if (f !== undefined) {
          used[i] = 1;
          const value = walk(o.value, f.value, policy, path);
          entries.push(
            value === o.value ? o : { key: o.key, keyRaw: o.keyRaw, value },
          );
        } else if (policy.keepMissing(path, o)) entries.push(o);
        path.pop();
      }
      for (let i = 0; i < fe.length; i++) {
        const f = fe[i];
        if (f === undefined || used[i] === 1 || seen.has(f.key)) continue;
        path.push(f.key);
        if (!policy.dropAdded(path, f)) entries.push(f);
        path.pop();
      }
      return { kind: "object", entries };
    }
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

function indexOfKey(entries: readonly JsonEntry[], key: string): number {
  for (let i = 0; i < entries.length; i++)
    if (entries[i]?.key === key) return i;
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
