import { InternalError } from "../../../diagnostics/errors.js";
import {
  type BracketTracker,
  mark,
  newBracketTracker,
} from "./bracket-tracker.js";
import { isClosingBracket, type Leaf } from "./leaf.js";

/** black's default `--line-length`. */
export const LINE_LENGTH = 88;

/** Port of black's `Line` (no comments: the AST has none). */
export interface Line {
  depth: number;
  readonly leaves: Leaf[];
  readonly tracker: BracketTracker;
  insideBrackets: boolean;
  shouldSplitRhs: boolean;
  magicTrailingComma: Leaf | undefined;
}

export function newLine(depth: number, insideBrackets = false): Line {
  return {
    depth,
    leaves: [],
    tracker: newBracketTracker(),
    insideBrackets,
    shouldSplitRhs: false,
    magicTrailingComma: undefined,
  };
}

/** black's `Line.clone()`: same settings, no leaves. */
export function cloneLine(line: Line): Line {
  return {
    depth: line.depth,
    leaves: [],
    tracker: newBracketTracker(),
    insideBrackets: line.insideBrackets,
    shouldSplitRhs: line.shouldSplitRhs,
    magicTrailingComma: line.magicTrailingComma,
  };
}

export function appendLeaf(
  line: Line,
  leaf: Leaf,
  preformatted = false,
  trackBracket = false,
): void {
  if (line.leaves.length > 0 && !preformatted) leaf.prefix += leaf.ws;
  if (line.insideBrackets || !preformatted || trackBracket) {
    mark(line.tracker, leaf);
    if (hasMagicTrailingComma(line, leaf)) line.magicTrailingComma = leaf;
  }
  line.leaves.push(leaf);
}

function hasMagicTrailingComma(line: Line, closing: Leaf): boolean {
  // Most leaves are not closing brackets: settle them before reading the line.
  if (!isClosingBracket(closing.type)) return false;
  const last = line.leaves[line.leaves.length - 1];
  if (last === undefined || last.type !== "COMMA") return false;
  // RSQB: our square brackets are list displays, never subscripts.
  if (closing.type !== "RPAR") return true;
  return (
    closing.openingBracket !== undefined &&
    !isOneSequenceBetween(closing.openingBracket, closing, line.leaves)
  );
}

/** black's `is_one_sequence_between` for parentheses: is the content a one-tuple-like sequence? */
export function isOneSequenceBetween(
  opening: Leaf,
  closing: Leaf,
  leaves: readonly Leaf[],
): boolean {
  if (opening.type !== "LPAR" || closing.type !== "RPAR") return false;
  const depth = closing.bracketDepth + 1;
  const start = leaves.indexOf(opening);
  if (start < 0) throw new InternalError("opening paren not found in leaves");
  let commas = 0;
  for (let i = start + 1; i < leaves.length; i++) {
    const leaf = leaves[i] as Leaf;
    if (leaf === closing) break;
    if (leaf.bracketDepth === depth && leaf.type === "COMMA") {
      commas += 1;
      if (leaf.hasParent && leaf.inArglist) {
        commas += 1;
        break;
      }
    }
  }
  return commas < 2;
}

export function isDefLine(line: Line): boolean {
  const first = line.leaves[0];
  return first !== undefined && first.type === "NAME" && first.value === "def";
}

/** `str(line).strip("\n")`. */
export function lineToString(line: Line): string {
  const first = line.leaves[0];
  if (first === undefined) return "";
  let s = first.prefix + "    ".repeat(line.depth) + first.value;
  for (let i = 1; i < line.leaves.length; i++) {
    const leaf = line.leaves[i] as Leaf;
    s += leaf.prefix + leaf.value;
  }
  return s;
}

/** `len(line_to_string(line))` without building the string. */
export function lineWidth(line: Line): number {
  let n = 4 * line.depth;
  for (const leaf of line.leaves) n += leaf.prefix.length + leaf.width;
  return line.leaves.length === 0 ? 0 : n;
}

export function containsMultilineStrings(line: Line): boolean {
  return line.leaves.some((leaf) => leaf.multiline);
}

/** `lineWidth(line) <= lineLength && !containsMultilineStrings(line)` in one pass. */
export function isLineShortEnough(
  line: Line,
  lineLength = LINE_LENGTH,
): boolean {
  let n = 4 * line.depth;
  for (const leaf of line.leaves) {
    if (leaf.multiline) return false;
    n += leaf.prefix.length + leaf.width;
    if (n > lineLength) return false;
  }
  return line.leaves.length === 0 || n <= lineLength;
}

/** black's `Line.enumerate_with_length`: stops at the first multiline string. */
export function* enumerateWithLength(
  line: Line,
  reversed = false,
): Generator<readonly [number, Leaf, number]> {
  const n = line.leaves.length;
  for (let k = 0; k < n; k++) {
    const index = reversed ? n - 1 - k : k;
    const leaf = line.leaves[index] as Leaf;
    if (leaf.multiline) return;
    yield [index, leaf, leaf.prefix.length + leaf.width] as const;
  }
}
