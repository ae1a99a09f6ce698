import type { JsonPath } from "../diagnostics/diagnostic.js";
import { InternalError, assertNever } from "../diagnostics/errors.js";
import type { JsonNode, JsonObject } from "./json-node.js";
import { numberLexemesEqual } from "./normalize-number.js";
import { compactStyle, printJsonUpTo } from "./print-json.js";
import { lastValues } from "./to-value.js";

/**
 * The node at `path`, or undefined. String parts select object entries (the last one if a
 * key repeats, as in `JSON.parse`), number parts select array elements; no coercion between
 * the two.
 */
export function getAtPath(
  node: JsonNode,
  path: JsonPath,
): JsonNode | undefined {
  let current: JsonNode | undefined = node;
  for (const part of path) {
    if (current === undefined) return undefined;
    if (typeof part === "number")
      current = current.kind === "array" ? current.items[part] : undefined;
    else
      current =
        current.kind === "object" ? lastEntryValue(current, part) : undefined;
  }
  return current;
}

function lastEntryValue(node: JsonObject, key: string): JsonNode | undefined {
  for (let k = node.entries.length - 1; k >= 0; k--) {
    const entry = node.entries[k];
    if (entry?.key === key) return entry.value;
  }
  return undefined;
}

export interface JsonDifference {
  readonly path: JsonPath;
  /** Short rendering of the `a` side (compact JSON, truncated), or `(missing)`. */
  readonly expected: string;
  /** Short rendering of the `b` side. */
  readonly actual: string;
}

/**
 * The first place, in document order of `a`, where `b` differs; undefined if none.
 * `"identical"` compares tokens (raw lexemes, key order: see `jsonNodesIdentical`); a key
 * mismatch is reported at the object's path with both keys shown. `"semantic"` compares
 * values as `jsonEquals` does (key order ignored); keys present on one side only are
 * reported at their own path, `a`'s missing keys first.
 */
export function firstDifference(
  a: JsonNode,
  b: JsonNode,
  mode: "identical" | "semantic",
): JsonDifference | undefined {
  const pending: Task[] = [{ kind: "compare", a, b, at: undefined }];
  for (let task = pending.pop(); task !== undefined; task = pending.pop()) {
    if (task.kind === "report")
      return {
        path: pathOf(task.at),
        expected: render(task.expected),
        actual: render(task.actual),
      };
    const found = compare(task, mode, pending);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A path as a linked list, so queuing a child costs O(1); materialized only for the answer. */
interface PathLink {
  readonly parent: PathLink | undefined;
  readonly part: string | number;
}

type Task =
  | {
      readonly kind: "compare";
      readonly a: JsonNode;
      readonly b: JsonNode;
      readonly at: PathLink | undefined;
    }
  | {
      readonly kind: "report";
      readonly at: PathLink | undefined;
      readonly expected: Side;
      readonly actual: Side;
    };

/** What to show for one side of a difference: a node (previewed only if reported), a label, or nothing. */
type Side = JsonNode | string | undefined;

const missing = "(missing)";
const previewLength = 80;

/** Compares one pair; returns a difference found at this level, or queues the children. */
function compare(
  task: Extract<Task, { kind: "compare" }>,
  mode: "identical" | "semantic",
  pending: Task[],
): JsonDifference | undefined {
  const { a, b, at } = task;
  const differ = (): JsonDifference => ({
    path: pathOf(at),
    expected: preview(a),
    actual: preview(b),
  });
  if (a === b) return undefined;
  // Children are queued last-first so the stack hands them back in document order.
  const queued: Task[] = [];
  switch (a.kind) {
    case "object": {
      if (b.kind !== "object") return differ();
      if (mode === "identical") {
        const n = Math.max(a.entries.length, b.entries.length);
        for (let k = 0; k < n; k++) {
          const ea = a.entries[k];
          const eb = b.entries[k];
          if (ea === undefined || eb === undefined) {
            const key = (ea ?? eb)?.key ?? "";
            queued.push(report(link(at, key), ea?.value, eb?.value));
          } else if (ea.keyRaw !== eb.keyRaw) {
            queued.push(
              report(
                at,
                `key ${ea.keyRaw} at entry ${k}`,
                `key ${eb.keyRaw} at entry ${k}`,
              ),
            );
          } else
            queued.push({
              kind: "compare",
              a: ea.value,
              b: eb.value,
              at: link(at, ea.key),
            });
        }
      } else {
        const as = lastValues(a);
        const bs = lastValues(b);
        for (const [key, value] of as) {
          const other = bs.get(key);
          queued.push(
            other
              ? { kind: "compare", a: value, b: other, at: link(at, key) }
              : report(link(at, key), value, undefined),
          );
        }
        for (const [key, value] of bs)
          if (!as.has(key))
            queued.push(report(link(at, key), undefined, value));
      }
      break;
    }
    case "array": {
      if (b.kind !== "array") return differ();
      const n = Math.max(a.items.length, b.items.length);
      for (let k = 0; k < n; k++) {
        const ia = a.items[k];
        const ib = b.items[k];
        if (ia !== undefined && ib !== undefined)
          queued.push({ kind: "compare", a: ia, b: ib, at: link(at, k) });
        else queued.push(report(link(at, k), ia, ib));
      }
      break;
    }
    case "string":
      if (
        b.kind !== "string" ||
        (mode === "identical" ? a.raw !== b.raw : a.value !== b.value)
      )
        return differ();
      break;
    case "number":
      if (
        b.kind !== "number" ||
        (mode === "identical"
          ? a.raw !== b.raw
          : !numberLexemesEqual(a.raw, b.raw))
      )
        return differ();
      break;
    case "boolean":
      if (b.kind !== "boolean" || a.value !== b.value) return differ();
      break;
    case "null":
      if (b.kind !== "null") return differ();
      break;
    default:
      assertNever(a, "JSON node");
  }
  for (let k = queued.length - 1; k >= 0; k--) {
    const child = queued[k];
    if (child === undefined)
      throw new InternalError("hole in the comparison queue");
    pending.push(child);
  }
  return undefined;
}

function report(at: PathLink | undefined, expected: Side, actual: Side): Task {
  return { kind: "report", at, expected, actual };
}

function link(parent: PathLink | undefined, part: string | number): PathLink {
  return { parent, part };
}

function pathOf(at: PathLink | undefined): JsonPath {
  const parts: (string | number)[] = [];
  for (let l = at; l !== undefined; l = l.parent) parts.push(l.part);
  return parts.reverse();
}

function render(side: Side): string {
  if (side === undefined) return missing;
  return typeof side === "string" ? side : preview(side);
}

/** Compact JSON, cut short: previews of huge subtrees stop printing early. */
function preview(node: JsonNode): string {
  const text = printJsonUpTo(node, compactStyle, previewLength);
  return text.length > previewLength
    ? `${text.slice(0, previewLength - 3)}...`
    : text;
}
