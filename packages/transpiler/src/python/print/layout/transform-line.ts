import {
  COMMA_PRIORITY,
  DOT_PRIORITY,
  delimiterCountWithPriority,
  delimiterPriority,
  maxDelimiterPriority,
} from "./bracket-tracker.js";
import { leftHandSplit } from "./bracket-split.js";
import { CANNOT_SPLIT, isCannotSplit } from "./cannot-split.js";
import { copyLeaf, type Leaf, makeAddedComma } from "./leaf.js";
import {
  appendLeaf,
  cloneLine,
  containsMultilineStrings,
  isDefLine,
  isLineShortEnough,
  LINE_LENGTH,
  type Line,
  lineToString,
  lineWidth,
  newLine,
} from "./line.js";
import {
  generateTrailersToOmit,
  hasRightHandSplitPoint,
  rightHandSplit,
} from "./right-hand-split.js";

type Transform = (line: Line, forceOptionalParens: boolean) => Iterable<Line>;

/**
 * Port of black 23.1's `transform_line` for default settings: returns the physical lines
 * one logical line becomes. Comments, string processing (a preview feature) and the
 * power-operator hugging (no `**` in the AST) are left out.
 */
export function transformLine(line: Line, forceOptionalParens = false): Line[] {
  // black asks `is_line_short_enough` of `str(line)`: its width in code points, and no
  // newline. Only multi-line strings hold newlines, so the leaf widths answer it without
  // rendering the line; most lines stop here.
  if (
    !line.shouldSplitRhs &&
    line.magicTrailingComma === undefined &&
    isLineShortEnough(line)
  )
    return [line];
  // `delimiterSplit` with nothing to split at would only throw before touching anything.
  const delimiters =
    line.insideBrackets && delimiterSplitPriority(line) !== undefined;
  const transforms = isDefLine(line)
    ? LEFT_HAND
    : delimiters
      ? DELIMITER_THEN_RHS
      : RHS_ONLY;
  // Likewise `rhs` when its first attempt (nothing omitted, which comes first unless the
  // line has a magic trailing comma) has no bracket pair to split at: the line stays whole.
  if (
    transforms === RHS_ONLY &&
    line.magicTrailingComma === undefined &&
    !hasRightHandSplitPoint(line)
  )
    return [line];
  const lineStr = lineToString(line);
  for (const transform of transforms) {
    try {
      return runTransformer(line, transform, forceOptionalParens, lineStr);
    } catch (e) {
      if (!isCannotSplit(e)) throw e;
    }
  }
  return [line];
}

function runTransformer(
  line: Line,
  transform: Transform,
  forceOptionalParens: boolean,
  lineStr: string,
): Line[] {
  const result: Line[] = [];
  const lineStrWidth = lineWidth(line);
  for (const transformed of transform(line, forceOptionalParens)) {
    // Equal strings have equal widths, so only a line of the same width needs rendering.
    if (
      lineWidth(transformed) === lineStrWidth &&
      lineToString(transformed) === lineStr
    )
      throw CANNOT_SPLIT;
    for (const l of transformLine(transformed, forceOptionalParens))
      result.push(l);
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
  return secondOpinion.every((l) => isLineShortEnough(l))
    ? secondOpinion
    : result;
}

const LEFT_HAND: readonly Transform[] = [leftHandSplit];
const DELIMITER_THEN_RHS: readonly Transform[] = [delimiterSplit, rhs];
const RHS_ONLY: readonly Transform[] = [rhs];

/**
 * black's `rhs` closure in `transform_line`. black's is a generator, but every line it
 * yields is computed before the first one is (see `rightHandSplit`), so it returns them.
 */
function rhs(line: Line, forceOptionalParens: boolean): Line[] {
  for (const omit of generateTrailersToOmit(line, LINE_LENGTH)) {
    const lines = rightHandSplit(line, LINE_LENGTH, forceOptionalParens, omit);
    if (isLineShortEnough(lines[0] as Line)) return lines;
  }
  return rightHandSplit(line, LINE_LENGTH, forceOptionalParens, new Set());
}

/** Port of black's `delimiter_split` (wrapped in `dont_increase_indentation`). */
function* delimiterSplit(line: Line): Generator<Line> {
  const priority = delimiterSplitPriority(line);
  if (priority === undefined) throw CANNOT_SPLIT;
  const bt = line.tracker;
  let current = newLine(line.depth, line.insideBrackets);
  for (const leaf of line.leaves) {
    appendLeaf(current, leaf, true);
    if (delimiterPriority(bt, leaf) === priority) {
      yield withoutLeadingSpace(current);
      current = newLine(line.depth, line.insideBrackets);
    }
  }
  if (current.leaves.length > 0) {
    if (
      priority === COMMA_PRIORITY &&
      (current.leaves[current.leaves.length - 1] as Leaf).type !== "COMMA"
    ) {
      appendLeaf(current, makeAddedComma());
    }
    yield withoutLeadingSpace(current);
  }
}

/** The priority `delimiterSplit` splits at; undefined when it cannot split the line. */
function delimiterSplitPriority(line: Line): number | undefined {
  const last = line.leaves[line.leaves.length - 1];
  if (last === undefined) return undefined;
  const bt = line.tracker;
  const priority = maxDelimiterPriority(bt, last);
  if (priority === undefined) return undefined;
  if (
    priority === DOT_PRIORITY &&
    delimiterCountWithPriority(bt, priority) === 1
  )
    return undefined;
  return priority;
}

function withoutLeadingSpace(line: Line): Line {
  (line.leaves[0] as Leaf).prefix = "";
  return line;
}
