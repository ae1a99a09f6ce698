import {
  delimiterCount,
  DOT_PRIORITY,
  delimiterCountWithPriority,
  maxDelimiterPriority,
} from "./bracket-tracker.js";
import { isClosingBracket, isOpeningBracket, type Leaf } from "./leaf.js";
import { enumerateWithLength, type Line } from "./line.js";

/**
 * Port of black's `can_omit_invisible_parens`: may the optional parentheses around `line`
 * (the body of an `if`, `for`, `=` …) be dropped in favour of splitting a bracket inside it?
 */
export function canOmitInvisibleParens(
  line: Line,
  lineLength: number,
): boolean {
  const bt = line.tracker;
  if (delimiterCount(bt) === 0) return true;
  const maxPriority = maxDelimiterPriority(bt) as number;
  if (delimiterCountWithPriority(bt, maxPriority) > 1) return false;
  if (maxPriority === DOT_PRIORITY) return true;
  const first = line.leaves[0] as Leaf;
  const second = line.leaves[1] as Leaf;
  if (isOpeningBracket(first.type) && !isClosingBracket(second.type)) {
    if (canOmitOpeningParen(line, first, lineLength)) return true;
  }
  const penultimate = line.leaves[line.leaves.length - 2] as Leaf;
  const last = line.leaves[line.leaves.length - 1] as Leaf;
  // RSQB: our square brackets are list displays, never subscript trailers.
  if (
    last.type === "RPAR" ||
    last.type === "RBRACE" ||
    (last.type === "RSQB" && last.hasParent)
  ) {
    if (isOpeningBracket(penultimate.type)) return false;
    if (first.multiline) return true;
    if (canOmitClosingParen(line, last, lineLength)) return true;
  }
  return false;
}

function canOmitOpeningParen(
  line: Line,
  first: Leaf,
  lineLength: number,
): boolean {
  let remainder = false;
  let length = 4 * line.depth;
  let lastIndex = -1;
  for (const [index, leaf, leafLength] of enumerateWithLength(line)) {
    lastIndex = index;
    if (isClosingBracket(leaf.type) && leaf.openingBracket === first)
      remainder = true;
    if (remainder) {
      length += leafLength;
      if (length > lineLength) return false;
      if (isOpeningBracket(leaf.type)) remainder = false;
    }
  }
  return line.leaves.length === lastIndex + 1;
}

function canOmitClosingParen(
  line: Line,
  last: Leaf,
  lineLength: number,
): boolean {
  let length = 4 * line.depth;
  let seenOtherBrackets = false;
  for (const [, leaf, leafLength] of enumerateWithLength(line)) {
    length += leafLength;
    if (leaf === last.openingBracket) {
      if (seenOtherBrackets || length <= lineLength) return true;
    } else if (isOpeningBracket(leaf.type)) {
      seenOtherBrackets = true;
    }
  }
  return false;
}

/** Port of black's `can_be_split`: false only when the line surely cannot be split. */
export function canBeSplit(line: Line): boolean {
  const leaves = line.leaves;
  if (leaves.length < 2) return false;
  if (
    (leaves[0] as Leaf).type === "STRING" &&
    (leaves[1] as Leaf).type === "DOT"
  ) {
    let callCount = 0;
    let dotCount = 0;
    // black never advances `next` in this loop; kept as is for exactness.
    const next = leaves[leaves.length - 1] as Leaf;
    for (let i = leaves.length - 2; i >= 0; i--) {
      const leaf = leaves[i] as Leaf;
      if (isOpeningBracket(leaf.type)) {
        if (!isClosingBracket(next.type)) return false;
        callCount += 1;
      } else if (leaf.type === "DOT") {
        dotCount += 1;
      } else if (leaf.type === "NAME") {
        if (!(next.type === "DOT" || isOpeningBracket(next.type))) return false;
      } else if (!isClosingBracket(leaf.type)) {
        return false;
      }
      if (dotCount > 1 && callCount > 1) return false;
    }
  }
  return true;
}
