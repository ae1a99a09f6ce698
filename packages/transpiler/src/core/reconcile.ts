import type { JsonPath } from "../diagnostics/diagnostic.js";
import type { JsonEntry, JsonNode } from "../json/json-node.js";

/**
 * What a dialect tells the reconciler about its documents. Paths are real JSON paths
 * (keys and indices) of the nodes being compared.
 */
export interface ReconcilePolicy {
  /** Identity of an element of the array at `path`, when its order is not meaning; undefined = match by position. */
  readonly identity: (path: JsonPath, item: JsonNode) => string | undefined;
  /** The two nodes mean the same although their tokens differ (e.g. two spellings of JSON held in a string). */
  readonly equivalent: (path: JsonPath, original: JsonNode, fresh: JsonNode) => boolean;
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
export function reconcile(original: JsonNode, fresh: JsonNode, policy: ReconcilePolicy, path: JsonPath = []): JsonNode {
  if (policy.equivalent(path, original, fresh)) return original;
  switch (fresh.kind) {
    case "object": {
      if (original.kind !== "object") return fresh;
      const freshByKey = new Map(fresh.entries.map((e) => [e.key, e]));
      const seen = new Set<string>();
      const entries: JsonEntry[] = [];
      for (const o of original.entries) {
        if (seen.has(o.key)) continue;
        seen.add(o.key);
        const f = freshByKey.get(o.key);
        if (f !== undefined) entries.push({ key: o.key, keyRaw: o.keyRaw, value: reconcile(o.value, f.value, policy, [...path, o.key]) });
        else if (policy.keepMissing([...path, o.key], o)) entries.push(o);
      }
      for (const f of fresh.entries) {
        if (!seen.has(f.key) && !policy.dropAdded([...path, f.key], f)) entries.push(f);
      }
      return { kind: "object", entries };
    }
    case "array": {
      if (original.kind !== "array") return fresh;
      const [first] = fresh.items;
      const keyed = first !== undefined && policy.identity([...path, 0], first) !== undefined;
      if (!keyed) {
        if (original.items.length !== fresh.items.length) return fresh;
        return { kind: "array", items: fresh.items.map((f, i) => reconcile(original.items[i] ?? f, f, policy, [...path, i])) };
      }
      return reconcileKeyed(original.items, fresh.items, policy, path);
    }
    case "string":
      return original.kind === "string" && original.value === fresh.value ? original : fresh;
    case "number":
      return original.kind === "number" && sameNumber(original.raw, fresh.raw) ? original : fresh;
    case "boolean":
      return original.kind === "boolean" && original.value === fresh.value ? original : fresh;
    case "null":
      return original.kind === "null" ? original : fresh;
  }
}

/** Matched elements keep the original order; new ones follow in fresh order; removed ones go. */
function reconcileKeyed(original: readonly JsonNode[], fresh: readonly JsonNode[], policy: ReconcilePolicy, path: JsonPath): JsonNode {
  const pending = new Map<string, { node: JsonNode; index: number }[]>();
  fresh.forEach((node, index) => {
    const id = policy.identity([...path, index], node) ?? `#${index}`;
    const list = pending.get(id);
    if (list === undefined) pending.set(id, [{ node, index }]);
    else list.push({ node, index });
  });
  const used = new Set<number>();
  const items: JsonNode[] = [];
  original.forEach((o, i) => {
    const id = policy.identity([...path, i], o);
    const match = id === undefined ? undefined : pending.get(id)?.shift();
    if (match === undefined) return;
    used.add(match.index);
    items.push(reconcile(o, match.node, policy, [...path, i]));
  });
  fresh.forEach((f, i) => {
    if (!used.has(i)) items.push(f);
  });
  return { kind: "array", items };
}

function sameNumber(a: string, b: string): boolean {
  if (a === b) return true;
  const x = Number(a);
  return Number.isSafeInteger(x) || !Number.isInteger(x) ? x === Number(b) : false;
}
