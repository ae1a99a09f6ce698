import { InternalError } from "../../diagnostics/errors.js";
import type { LeafTemplate } from "./expression-leaves.js";
import { copyLeaf, isClosingBracket, type Leaf } from "./layout/leaf.js";
import { appendLeaf, LINE_LENGTH, type Line, newLine } from "./layout/line.js";
import { transformLine } from "./layout/transform-line.js";
import { buildLogicalLine, type LogicalLine } from "./statement-lines.js";

/** One output line: nesting relative to its logical line, and its text without indentation. */
export interface PhysicalLine {
  readonly indent: number;
  readonly text: string;
}

/**
 * Lays out a logical line exactly as black would leave it. black adds trailing commas when
 * it explodes a collection, and on its next run those commas are "magic" and can change its
 * choices, so the layout is repeated with the added commas in the source until it adds none:
 * that result is one black maps to itself.
 */
export function layoutLogicalLine(logical: LogicalLine): PhysicalLine[] {
  const template = buildLogicalLine(logical);
  const short = shortLineText(template, logical.depth);
  if (short !== undefined) return [{ indent: 0, text: short }];
  let magicCommas = new Set<number>();
  for (let pass = 0; pass < 8; pass++) {
    const line = newLine(logical.depth);
    appendTemplate(line, template, magicCommas);
    const lines = transformLine(line);
    const added = addedTrailingCommas(lines, magicCommas);
    if (added.size === magicCommas.size)
      return lines.map((l) => render(l, logical.depth));
    magicCommas = added;
  }
  throw new InternalError("layout did not reach a fixed point");
}

/**
 * Most lines fit as they are. When the first pass would surely leave the line alone
 * (it fits, holds no multi-line string, and has no comma before a closing bracket, so no
 * magic trailing comma), this returns its text without building any layout state:
 * `transformLine` would return the line unchanged and add no commas.
 */
function shortLineText(
  template: LeafTemplate,
  depth: number,
): string | undefined {
  const leaves = template.leaves;
  const first = leaves[0];
  if (first === undefined || first.multiline) return undefined;
  let width = 4 * depth + first.width;
  let text = first.value;
  let previous = first;
  for (let i = 1; i < leaves.length; i++) {
    const leaf = leaves[i] as Leaf;
    if (
      leaf.multiline ||
      (previous.type === "COMMA" && isClosingBracket(leaf.type))
    )
      return undefined;
    width += leaf.ws.length + leaf.width;
    if (width > LINE_LENGTH) return undefined;
    text += leaf.ws + leaf.value;
    previous = leaf;
  }
  return width <= LINE_LENGTH
    ? withoutTrailingBlanks(text, previous)
    : undefined;
}

/** Fresh copies of the template's leaves (layout mutates them), with the magic commas. */
function appendTemplate(
  line: Line,
  template: LeafTemplate,
  magicCommas: ReadonlySet<number>,
): void {
  for (const leaf of template.leaves) {
    if (
      magicCommas.size > 0 &&
      isClosingBracket(leaf.type) &&
      magicCommas.has(leaf.bracketId)
    ) {
      const comma = template.magicCommaSlots[leaf.bracketId];
      if (comma !== undefined) appendLeaf(line, copyLeaf(comma));
    }
    appendLeaf(line, copyLeaf(leaf));
  }
}

/** Bracket ids that end with a trailing comma in `lines`, plus the ones already known. */
function addedTrailingCommas(
  lines: readonly Line[],
  known: ReadonlySet<number>,
): Set<number> {
  const result = new Set(known);
  let previous: Leaf | undefined;
  for (const line of lines) {
    for (const leaf of line.leaves) {
      if (previous?.inserted === true && isClosingBracket(leaf.type)) {
        result.add(leaf.bracketId);
      }
      previous = leaf;
    }
  }
  return result;
}

function render(line: Line, baseDepth: number): PhysicalLine {
  const leaves = line.leaves;
  let text = "";
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i] as Leaf;
    text += i === 0 ? leaf.value : leaf.prefix + leaf.value;
  }
  const last = leaves[leaves.length - 1];
  return {
    indent: line.depth - baseDepth,
    text: last === undefined ? text : withoutTrailingBlanks(text, last),
  };
}

/**
 * Output lines end in no spaces or tabs (the Prettier Doc printer this replaced trimmed
 * them). Leaf values never end in one, so only a line ending with an invisible parenthesis
 * (empty value, possibly after a space) needs trimming; the rest are never re-read.
 */
function withoutTrailingBlanks(text: string, last: Leaf): string {
  if (last.value !== "") return text;
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== 0x20 && c !== 0x09) break;
    end--;
  }
  return text.slice(0, end);
}
