import { COMMA_PRIORITY, DOT_PRIORITY, delimiterCountWithPriority, maxDelimiterPriority } from "./bracket-tracker.js";
import { leftHandSplit } from "./bracket-split.js";
import { CANNOT_SPLIT, isCannotSplit } from "./cannot-split.js";
import { codePointLength, copyLeaf, type Leaf, makeAddedComma } from "./leaf.js";
import {
  appendLeaf,
  cloneLine,
  containsMultilineStrings,
  isDefLine,
  isLineShortEnough,
  LINE_LENGTH,
  type Line,
  lineToString,
  newLine,
} from "./line.js";
import { generateTrailersToOmit, rightHandSplit } from "./right-hand-split.js";

type Transform = (line: Line, forceOptionalParens: boolean) => Generator<Line>;

/**
 * Port of black 23.1's `transform_line` for default settings: returns the physical lines
 * one logical line becomes. Comments, string processing (a preview feature) and the
 * power-operator hugging (no `**` in the AST) are left out.
 */
export function transformLine(line: Line, forceOptionalParens = false): Line[] {
  const lineStr = lineToString(line);
  let transforms: readonly Transform[];
  if (!line.shouldSplitRhs && line.magicTrailingComma === undefined && isShortString(lineStr)) {
    transforms = [];
  } else if (isDefLine(line)) {
    transforms = [leftHandSplit];
  } else {
    transforms = line.insideBrackets ? [delimiterSplit, rhs] : [rhs];
  }
  for (const transform of transforms) {
    try {
      return runTransformer(line, transform, forceOptionalParens, lineStr);
    } catch (e) {
      if (!isCannotSplit(e)) throw e;
    }
  }
  return [line];
}

/** `is_line_short_enough` on an already rendered line: code points, and no newline. */
function isShortString(s: string): boolean {
  return !s.includes("\n") && (s.length <= LINE_LENGTH || codePointLength(s) <= LINE_LENGTH);
}

function runTransformer(line: Line, transform: Transform, forceOptionalParens: boolean, lineStr: string): Line[] {
  const result: Line[] = [];
  for (const transformed of transform(line, forceOptionalParens)) {
    if (lineToString(transformed) === lineStr) throw CANNOT_SPLIT;
    result.push(...transformLine(transformed, forceOptionalParens));
  }
  const first = result[0] as Line;
  if (
    forceOptionalParens ||
    transform !== rhs ||
    line.tracker.invisible.length === 0 ||
    line.tracker.invisible.some((bracket) => bracket.value !== "") ||
    containsMultilineStrings(line) ||
    isLineShortEnough(first) ||
    line.leaves.some((leaf) => !leaf.hasParent)
  ) {
    return result;
  }
  // black's "second opinion": retry with the optional parentheses forced, on fresh copies
  // of the leaves, and keep it if every resulting line fits. The copies take the originals'
  // places in the tree, which detaches the originals.
  const copy = cloneLine(line);
  for (const leaf of line.leaves) {
    appendLeaf(copy, copyLeaf(leaf));
    leaf.hasParent = false;
  }
  const secondOpinion = runTransformer(copy, transform, true, lineStr);
  return secondOpinion.every((l) => isLineShortEnough(l)) ? secondOpinion : result;
}

/** black's `rhs` closure in `transform_line`. */
function* rhs(line: Line, forceOptionalParens: boolean): Generator<Line> {
  for (const omit of generateTrailersToOmit(line, LINE_LENGTH)) {
    const lines = [...rightHandSplit(line, LINE_LENGTH, forceOptionalParens, omit)];
    if (isLineShortEnough(lines[0] as Line)) {
      yield* lines;
      return;
    }
  }
  yield* rightHandSplit(line, LINE_LENGTH, forceOptionalParens, new Set());
}

/** Port of black's `delimiter_split` (wrapped in `dont_increase_indentation`). */
function* delimiterSplit(line: Line): Generator<Line> {
  const last = line.leaves[line.leaves.length - 1];
  if (last === undefined) throw CANNOT_SPLIT;
  const bt = line.tracker;
  const priority = maxDelimiterPriority(bt, last);
  if (priority === undefined) throw CANNOT_SPLIT;
  if (priority === DOT_PRIORITY && delimiterCountWithPriority(bt, priority) === 1) throw CANNOT_SPLIT;
  let current = newLine(line.depth, line.insideBrackets);
  for (const leaf of line.leaves) {
    appendLeaf(current, leaf, true);
    if (bt.delimiters.get(leaf) === priority) {
      yield withoutLeadingSpace(current);
      current = newLine(line.depth, line.insideBrackets);
    }
  }
  if (current.leaves.length > 0) {
    if (priority === COMMA_PRIORITY && (current.leaves[current.leaves.length - 1] as Leaf).type !== "COMMA") {
      appendLeaf(current, makeAddedComma());
    }
    yield withoutLeadingSpace(current);
  }
}

function withoutLeadingSpace(line: Line): Line {
  (line.leaves[0] as Leaf).prefix = "";
  return line;
}
