import { COMMA_PRIORITY, maxDelimiterPriority } from "./bracket-tracker.js";
import { CANNOT_SPLIT } from "./cannot-split.js";
import {
  codePointLength,
  ensureVisible,
  isClosingBracket,
  isOpeningBracket,
  type Leaf,
  makeAddedComma,
} from "./leaf.js";
import {
  appendLeaf,
  isDefLine,
  type Line,
  lineToString,
  newLine,
} from "./line.js";

export type SplitComponent = "head" | "body" | "tail";

/** Port of black's `bracket_split_build_line`. */
export function bracketSplitBuildLine(
  leaves: Leaf[],
  original: Line,
  opening: Leaf,
  component: SplitComponent,
): Line {
  const result = newLine(original.depth);
  if (component === "body") {
    result.insideBrackets = true;
    result.depth += 1;
    const first = leaves[0];
    if (first !== undefined) {
      first.prefix = "";
      // black adds a trailing comma to a lone parameter of an exploded `def`.
      const noCommas =
        isDefLine(original) &&
        opening.value === "(" &&
        !leaves.some((l) => l.type === "COMMA");
      if (noCommas && leaves[leaves.length - 1]?.type !== "COMMA")
        leaves.push(makeAddedComma());
    }
  }
  const tracked =
    component === "head" ? leavesInsideMatchingBrackets(leaves) : undefined;
  for (const leaf of leaves)
    appendLeaf(result, leaf, true, tracked?.has(leaf) ?? false);
  if (component === "body" && shouldSplitLine(result, opening))
    result.shouldSplitRhs = true;
  return result;
}

/** black's `get_leaves_inside_matching_brackets`. */
function leavesInsideMatchingBrackets(leaves: readonly Leaf[]): Set<Leaf> {
  const ids = new Set<Leaf>();
  const start = leaves.findIndex((l) => isOpeningBracket(l.type));
  if (start < 0) return ids;
  const stack: { closing: string; index: number }[] = [];
  for (let i = start; i < leaves.length; i++) {
    const leaf = leaves[i] as Leaf;
    if (isOpeningBracket(leaf.type))
      stack.push({ closing: closingOf(leaf.type), index: i });
    if (isClosingBracket(leaf.type)) {
      const top = stack[stack.length - 1];
      if (top === undefined || top.closing !== leaf.type) break;
      stack.pop();
      for (let j = top.index; j <= i; j++) ids.add(leaves[j] as Leaf);
    }
  }
  return ids;
}

function closingOf(type: Leaf["type"]): string {
  return type === "LPAR" ? "RPAR" : type === "LSQB" ? "RSQB" : "RBRACE";
}

/** black's `should_split_line`: collection literals split by commas explode one per line. */
function shouldSplitLine(line: Line, opening: Leaf): boolean {
  if (!opening.hasParent) return false;
  const last = line.leaves[line.leaves.length - 1];
  if (last === undefined) return false;
  const trailingComma = last.type === "COMMA";
  const max = maxDelimiterPriority(
    line.tracker,
    trailingComma ? last : undefined,
  );
  if (max === undefined) return false;
  return max === COMMA_PRIORITY && (trailingComma || opening.atomBracket);
}

/** black's `bracket_split_succeeded_or_raise`. */
export function bracketSplitSucceededOrRaise(
  _head: Line,
  body: Line,
  tail: Line,
): void {
  if (body.leaves.length > 0) return;
  const tailLen = codePointLength(lineToString(tail).trim());
  if (tailLen < 3) throw CANNOT_SPLIT;
}

/** Port of black's `left_hand_split` (used for `def` lines). */
export function* leftHandSplit(line: Line): Generator<Line> {
  const tailLeaves: Leaf[] = [];
  const bodyLeaves: Leaf[] = [];
  const headLeaves: Leaf[] = [];
  let current = headLeaves;
  let matching: Leaf | undefined;
  for (const leaf of line.leaves) {
    if (
      current === bodyLeaves &&
      isClosingBracket(leaf.type) &&
      leaf.openingBracket === matching &&
      matching !== undefined
    ) {
      ensureVisible(leaf);
      ensureVisible(matching);
      current = bodyLeaves.length > 0 ? tailLeaves : headLeaves;
    }
    current.push(leaf);
    if (current === headLeaves && isOpeningBracket(leaf.type)) {
      matching = leaf;
      current = bodyLeaves;
    }
  }
  if (matching === undefined) throw CANNOT_SPLIT;
  const head = bracketSplitBuildLine(headLeaves, line, matching, "head");
  const body = bracketSplitBuildLine(bodyLeaves, line, matching, "body");
  const tail = bracketSplitBuildLine(tailLeaves, line, matching, "tail");
  bracketSplitSucceededOrRaise(head, body, tail);
  for (const result of [head, body, tail])
    if (result.leaves.length > 0) yield result;
}
