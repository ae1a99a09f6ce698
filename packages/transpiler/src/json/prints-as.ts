import { assertNever } from "../diagnostics/errors.js";
import type { JsonEntry, JsonNode } from "./json-node.js";
import { indentUnitOf, sortedEntries } from "./print-json.js";
import type { JsonStyle } from "./print-json.js";

/**
 * Whether `printJson(node, style) === text`, decided without building the printed text.
 *
 * It walks the tree in exactly the printer's order and compares each piece the printer
 * would append against `text` in place, so it allocates nothing per node and stops at the
 * first difference. `inferJsonStyle` runs it on every document read, where printing the
 * whole document only to compare it was most of the cost of reading.
 */
export function printsAs(
  node: JsonNode,
  style: JsonStyle,
  text: string,
): boolean {
  const indentUnit = indentUnitOf(style.indent);
  const { keySeparator, itemSeparator, sortKeys } = style;
  // breaks[level]: line break plus indentation, as in the printer (built once per level).
  const breaks: string[] = [];
  const lineBreak = (level: number): string => {
    let piece = breaks[level];
    if (piece === undefined) {
      piece = `\n${(indentUnit ?? "").repeat(level)}`;
      breaks[level] = piece;
    }
    return piece;
  };

  let pos = 0;
  const take = (piece: string): boolean => {
    if (!text.startsWith(piece, pos)) return false;
    pos += piece.length;
    return true;
  };
  const takeChar = (code: number): boolean => {
    if (text.charCodeAt(pos) !== code) return false;
    pos++;
    return true;
  };

  const stack: Frame[] = [];
  /** Matches the opening of `value` (all of it for scalars and empty containers). */
  const open = (value: JsonNode, level: number): boolean => {
    switch (value.kind) {
      case "object":
        if (value.entries.length === 0) return take("{}");
        if (!takeChar(0x7b)) return false;
        stack.push({
          kind: "object",
          entries: sortKeys ? sortedEntries(value.entries) : value.entries,
          next: 0,
          level,
        });
        return true;
      case "array":
        if (value.items.length === 0) return take("[]");
        if (!takeChar(0x5b)) return false;
        stack.push({ kind: "array", items: value.items, next: 0, level });
        return true;
      case "string":
      case "number":
        return take(value.raw);
      case "boolean":
        return take(value.value ? "true" : "false");
      case "null":
        return take("null");
      default:
        return assertNever(value, "JSON node");
    }
  };

  if (!open(node, 0)) return false;
  for (
    let frame = stack[stack.length - 1];
    frame !== undefined;
    frame = stack[stack.length - 1]
  ) {
    const count =
      frame.kind === "object" ? frame.entries.length : frame.items.length;
    if (frame.next === count) {
      stack.pop();
      if (indentUnit !== null && !take(lineBreak(frame.level))) return false;
      if (!takeChar(frame.kind === "object" ? 0x7d : 0x5d)) return false;
      continue;
    }
    if (frame.next > 0 && !take(itemSeparator)) return false;
    if (indentUnit !== null && !take(lineBreak(frame.level + 1))) return false;
    let child: JsonNode | undefined;
    if (frame.kind === "object") {
      const entry = frame.entries[frame.next];
      if (entry !== undefined) {
        if (!take(entry.keyRaw) || !take(keySeparator)) return false;
        child = entry.value;
      }
    } else child = frame.items[frame.next];
    frame.next++;
    if (child !== undefined && !open(child, frame.level + 1)) return false;
  }
  if (style.finalNewline && !takeChar(0x0a)) return false;
  return pos === text.length;
}

/** A container being matched; `next` is the index of the next child. Scratch data of one call. */
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
