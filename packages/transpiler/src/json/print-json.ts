import { InternalError, assertNever } from "../diagnostics/errors.js";
import type { JsonEntry, JsonNode } from "./json-node.js";

/**
 * Layout of printed JSON. Tokens always come from the nodes' raw lexemes; the style only
 * decides the whitespace between them (and, with `sortKeys`, the order of entries).
 */
export interface JsonStyle {
  /**
   * `null`: everything on one line. Otherwise every element and entry of a non-empty
   * container starts on its own line, indented by this string (or this many spaces) once
   * per nesting level. Unlike `JSON.stringify`, `0` and `""` mean "new lines, no indentation"
   * (Python's `indent=0`); empty containers always print as `[]` and `{}`.
   */
  readonly indent: number | string | null;
  /** Between a key and its value, e.g. `":"` or `": "`. */
  readonly keySeparator: string;
  /** Between two elements or entries, before the line break if indented, e.g. `","` or `", "`. */
  readonly itemSeparator: string;
  /** Print entries sorted by key in UTF-16 code unit order (stable for equal keys). */
  readonly sortKeys: boolean;
  /** End the text with a single `\n`. */
  readonly finalNewline: boolean;
}

/** `JSON.stringify(value)`. */
export const compactStyle: JsonStyle = {
  indent: null,
  keySeparator: ":",
  itemSeparator: ",",
  sortKeys: false,
  finalNewline: false,
};

/** `JSON.stringify(value, null, 2)`. */
export const prettyStyle: JsonStyle = {
  indent: 2,
  keySeparator: ": ",
  itemSeparator: ",",
  sortKeys: false,
  finalNewline: false,
};

/** Python's `json.dumps(value)` layout (its `ensure_ascii` escaping is a matter of lexemes, not layout). */
export const pythonJsonDumpsStyle: JsonStyle = {
  indent: null,
  keySeparator: ": ",
  itemSeparator: ", ",
  sortKeys: false,
  finalNewline: false,
};

/** The highest rendering-length limit, i.e. none. */
const unlimited = Number.POSITIVE_INFINITY;

/**
 * Prints a node with its original lexemes, so a parsed document prints back token for token.
 * Iterative (explicit stack), so arbitrarily deep trees cannot overflow the call stack.
 */
export function printJson(node: JsonNode, style: JsonStyle): string {
  const out = printJsonUpTo(node, style, unlimited);
  return style.finalNewline ? `${out}\n` : out;
}

/**
 * Like `printJson` without the final newline, but stops soon after the text exceeds `limit`
 * characters, so a short preview of a huge node costs little. The result may exceed `limit`.
 */
export function printJsonUpTo(
  node: JsonNode,
  style: JsonStyle,
  limit: number,
): string {
  return printJsonAt(node, style, 0, limit);
}

/**
 * `printJson` without the final newline, as if the node sat `level` containers deep (its
 * line breaks indented for that depth): for writers that lay out a document themselves
 * and embed JSON values in it (`writeAgentDocument`).
 */
export function printJsonAt(
  node: JsonNode,
  style: JsonStyle,
  level: number,
  limit: number = unlimited,
): string {
  const indentUnit = indentUnitOf(style.indent);
  const p: Printer = {
    out: "",
    stack: [],
    sortKeys: style.sortKeys,
    indentUnit,
    keySeparator: style.keySeparator,
    itemSeparator: style.itemSeparator,
    breaks: [],
    itemBreaks: [],
    closers: [],
  };
  openNode(p, node, level);
  for (
    let frame = p.stack[p.stack.length - 1];
    frame !== undefined;
    frame = p.stack[p.stack.length - 1]
  ) {
    if (p.out.length > limit) break;
    const count =
      frame.kind === "object" ? frame.entries.length : frame.items.length;
    if (frame.next === count) {
      p.stack.pop();
      p.out += closer(p, frame.level, frame.kind === "object");
      continue;
    }
    let child: JsonNode | undefined;
    if (frame.kind === "object") {
      const entry = frame.entries[frame.next];
      if (entry !== undefined) {
        p.out += separator(p, frame.level + 1, frame.next > 0);
        p.out += entry.keyRaw;
        p.out += p.keySeparator;
        child = entry.value;
      }
    } else {
      p.out += separator(p, frame.level + 1, frame.next > 0);
      child = frame.items[frame.next];
    }
    frame.next++;
    if (child !== undefined) openNode(p, child, frame.level + 1);
  }
  return p.out;
}

/**
 * Scratch state of one `printJsonUpTo` call. Helpers are module-level functions over it
 * rather than closures made per call (under esbuild's keepNames, as tsx runs the sources,
 * every named closure costs a `defineProperty` when it is created).
 */
interface Printer {
  out: string;
  readonly stack: Frame[];
  readonly sortKeys: boolean;
  readonly indentUnit: string | null;
  readonly keySeparator: string;
  readonly itemSeparator: string;
  /** breaks[level]: the line break plus indentation for that level, built once per level. */
  readonly breaks: string[];
  /** itemBreaks[level]: the item separator followed by breaks[level]. */
  readonly itemBreaks: string[];
  /** closers[2 * level + (object ? 1 : 0)]: the line break (if any) and the closing bracket. */
  readonly closers: string[];
}

function closer(p: Printer, level: number, object: boolean): string {
  const slot = 2 * level + (object ? 1 : 0);
  let text = p.closers[slot];
  if (text === undefined) {
    const bracket = object ? "}" : "]";
    text = p.indentUnit === null ? bracket : lineBreak(p, level) + bracket;
    p.closers[slot] = text;
  }
  return text;
}

/** One cached string for the item separator and the line break: fewer concatenations. */
function separator(p: Printer, level: number, afterItem: boolean): string {
  if (p.indentUnit !== null)
    return afterItem ? itemBreak(p, level) : lineBreak(p, level);
  return afterItem ? p.itemSeparator : "";
}

function lineBreak(p: Printer, level: number): string {
  let text = p.breaks[level];
  if (text === undefined) {
    text = `\n${(p.indentUnit ?? "").repeat(level)}`;
    p.breaks[level] = text;
  }
  return text;
}

function itemBreak(p: Printer, level: number): string {
  let text = p.itemBreaks[level];
  if (text === undefined) {
    text = p.itemSeparator + lineBreak(p, level);
    p.itemBreaks[level] = text;
  }
  return text;
}

function openNode(p: Printer, value: JsonNode, level: number): void {
  switch (value.kind) {
    case "object":
      if (value.entries.length === 0) p.out += "{}";
      else {
        p.out += "{";
        p.stack.push({
          kind: "object",
          entries: p.sortKeys ? sortedEntries(value.entries) : value.entries,
          next: 0,
          level,
        });
      }
      return;
    case "array":
      if (value.items.length === 0) p.out += "[]";
      else {
        p.out += "[";
        p.stack.push({ kind: "array", items: value.items, next: 0, level });
      }
      return;
    case "string":
    case "number":
      p.out += value.raw;
      return;
    case "boolean":
      p.out += value.value ? "true" : "false";
      return;
    case "null":
      p.out += "null";
      return;
    default:
      assertNever(value, "JSON node");
  }
}

export function indentUnitOf(indent: number | string | null): string | null {
  if (typeof indent !== "number") return indent;
  if (!Number.isInteger(indent) || indent < 0)
    throw new InternalError(`invalid JSON indent: ${indent}`);
  return " ".repeat(indent);
}

/** A container being printed; `next` is the index of the next child. Scratch data of one call. */
type Frame =
  | {
      readonly kind: "object";
      readonly entries: readonly JsonEntry[];
      next: number;
      readonly level: number;
    }
  | {
      readonly kind: "array";
      readonly items: readonly JsonNode[];
      next: number;
      readonly level: number;
    };

/** UTF-16 code unit order, as JavaScript's `<` on strings (and the Flow CLI) sorts keys. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `entries` in `compareKeys` order (stable); the same array when already sorted. */
export function sortedEntries(
  entries: readonly JsonEntry[],
): readonly JsonEntry[] {
  for (let k = 1; k < entries.length; k++) {
    const previous = entries[k - 1];
    const current = entries[k];
    if (
      previous !== undefined &&
      current !== undefined &&
      compareKeys(previous.key, current.key) > 0
    ) {
      return [...entries].sort((x, y) => compareKeys(x.key, y.key));
    }
  }
  return entries;
}
