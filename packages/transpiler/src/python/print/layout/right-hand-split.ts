import {
  bracketSplitBuildLine,
  bracketSplitSucceededOrRaise,
} from "./bracket-split.js";
import { CANNOT_SPLIT, isCannotSplit } from "./cannot-split.js";
import {
  ensureVisible,
  isClosingBracket,
  isOpeningBracket,
  type Leaf,
} from "./leaf.js";
import {
  containsMultilineStrings,
  isLineShortEnough,
  isOneSequenceBetween,
  type Line,
} from "./line.js";
import { canBeSplit, canOmitInvisibleParens } from "./optional-parens.js";

interface RhsResult {
  readonly head: Line;
  readonly body: Line;
  readonly tail: Line;
  readonly opening: Leaf;
  readonly closing: Leaf;
}

/**
 * Port of black's `right_hand_split`: split at the last bracket pair not in `omit`; when
 * that pair is an optional (invisible) one, prefer splitting inside it if it is safe.
 * `forceOptionalParens` is black's `Feature.FORCE_OPTIONAL_PARENTHESES`.
 * black's version is a generator, but it does all its work before yielding the first
 * line, so returning the lines at once has the same side effects in the same order.
 */
export function rightHandSplit(
  line: Line,
  lineLength: number,
  forceOptionalParens: boolean,
  omit: ReadonlySet<Leaf>,
): Line[] {
  const rhs = firstRightHandSplit(line, omit);
  if (rhs === undefined) throw CANNOT_SPLIT;
  return maybeSplitOmittingOptionalParens(
    rhs,
    line,
    lineLength,
    forceOptionalParens,
    omit,
  );
}

/**
 * black's `_first_right_hand_split`. Finding no bracket pair to split at is returned as
 * `undefined` rather than thrown: it happens often, nothing has been touched yet, and a
 * throw through the generators costs more than the rest of the attempt.
 */
function firstRightHandSplit(
  line: Line,
  omit: ReadonlySet<Leaf>,
): RhsResult | undefined {
  const split = rightHandSplitLeaves(line, omit);
  if (split === undefined) return undefined;
  const { headLeaves, bodyLeaves, tailLeaves, opening, closing } = split;
  const head = bracketSplitBuildLine(headLeaves, line, opening, "head");
  const body = bracketSplitBuildLine(bodyLeaves, line, opening, "body");
  const tail = bracketSplitBuildLine(tailLeaves, line, opening, "tail");
  bracketSplitSucceededOrRaise(head, body, tail);
  return { head, body, tail, opening, closing };
}

/**
 * Can `rightHandSplit` with nothing omitted find a bracket pair to split at? When it cannot,
 * black's `rhs` transform fails before changing anything.
 */
export function hasRightHandSplitPoint(line: Line): boolean {
  return rightHandSplitLeaves(line, NOTHING_OMITTED) !== undefined;
}

const NOTHING_OMITTED: ReadonlySet<Leaf> = new Set();

/** The scan of `_first_right_hand_split`, which only reads the line. */
function rightHandSplitLeaves(
  line: Line,
  omit: ReadonlySet<Leaf>,
):
  | {
      headLeaves: Leaf[];
      bodyLeaves: Leaf[];
      tailLeaves: Leaf[];
      opening: Leaf;
      closing: Leaf;
    }
  | undefined {
  const tailLeaves: Leaf[] = [];
  const bodyLeaves: Leaf[] = [];
  const headLeaves: Leaf[] = [];
  let current = tailLeaves;
  let opening: Leaf | undefined;
  let closing: Leaf | undefined;
  for (let i = line.leaves.length - 1; i >= 0; i--) {
    const leaf = line.leaves[i] as Leaf;
    if (current === bodyLeaves && leaf === opening)
      current = bodyLeaves.length > 0 ? headLeaves : tailLeaves;
    current.push(leaf);
    if (
      current === tailLeaves &&
      isClosingBracket(leaf.type) &&
      !omit.has(leaf)
    ) {
      opening = leaf.openingBracket;
      closing = leaf;
      current = bodyLeaves;
    }
  }
  if (opening === undefined || closing === undefined || headLeaves.length === 0)
    return undefined;
  tailLeaves.reverse();
  bodyLeaves.reverse();
  headLeaves.reverse();
  return { headLeaves, bodyLeaves, tailLeaves, opening, closing };
}

function maybeSplitOmittingOptionalParens(
  rhs: RhsResult,
  line: Line,
  lineLength: number,
  forceOptionalParens: boolean,
  omit: ReadonlySet<Leaf>,
): Line[] {
  if (
    !forceOptionalParens &&
    rhs.opening.type === "LPAR" &&
    !rhs.opening.value &&
    rhs.closing.type === "RPAR" &&
    !rhs.closing.value &&
    canOmitInvisibleParens(rhs.body, lineLength)
  ) {
    const omitting = new Set(omit);
    omitting.add(rhs.closing);
    try {
      const withoutParens = firstRightHandSplit(line, omitting);
      // black 23.1's `prefer_splitting_right_hand_side_of_assignments` is a preview
      // feature, so the split without the optional parentheses is always tried first.
      if (withoutParens !== undefined) {
        return maybeSplitOmittingOptionalParens(
          withoutParens,
          line,
          lineLength,
          forceOptionalParens,
          omitting,
        );
      }
    } catch (e) {
      if (!isCannotSplit(e)) throw e;
    }
    // The split without the optional parentheses failed (black's `except CannotSplit`).
    if (!(canBeSplit(rhs.body) || isLineShortEnough(rhs.body, lineLength)))
      throw CANNOT_SPLIT;
    if (
      containsMultilineStrings(rhs.head) ||
      containsMultilineStrings(rhs.tail)
    )
      throw CANNOT_SPLIT;
  }
  ensureVisible(rhs.opening);
  ensureVisible(rhs.closing);
  const out: Line[] = [];
  for (const result of [rhs.head, rhs.body, rhs.tail])
    if (result.leaves.length > 0) out.push(result);
  return out;
}

/**
 * Port of black's `generate_trailers_to_omit`: cumulative sets of closing brackets whose
 * trailers may stay glued to the line so the split happens at an earlier bracket.
 * A generator on purpose: black interleaves it with split attempts that re-mark leaves.
 */
export function* generateTrailersToOmit(
  line: Line,
  lineLength: number,
): Generator<ReadonlySet<Leaf>> {
  const omit = new Set<Leaf>();
  if (line.magicTrailingComma === undefined) yield omit;
  let length = 4 * line.depth;
  let opening: Leaf | undefined;
  let closing: Leaf | undefined;
  const inner = new Set<Leaf>();
  // black's `enumerate_with_length(is_reversed=True)`, inlined: no tuple per leaf. Each
  // leaf is read when the loop reaches it, after the splits tried in between, as there.
  for (let index = line.leaves.length - 1; index >= 0; index--) {
    const leaf = line.leaves[index] as Leaf;
    if (leaf.multiline) break;
    length += leaf.prefix.length + leaf.width;
    if (length > lineLength) break;
    const prev = index > 0 ? line.leaves[index - 1] : undefined;
    if (opening !== undefined) {
      if (leaf === opening) {
        opening = undefined;
      } else if (isClosingBracket(leaf.type)) {
        if (hasTrailingComma(prev, leaf, line)) break;
        inner.add(leaf);
      }
    } else if (isClosingBracket(leaf.type)) {
      if (prev !== undefined && isOpeningBracket(prev.type)) {
        inner.add(leaf);
        continue;
      }
      if (closing !== undefined) {
        omit.add(closing);
        for (const b of inner) omit.add(b);
        inner.clear();
        yield omit;
      }
      if (hasTrailingComma(prev, leaf, line)) break;
      if (leaf.value) {
        opening = leaf.openingBracket;
        closing = leaf;
      }
    }
  }
}

/** "Never omit bracket pairs with trailing commas. We need to explode on those." */
function hasTrailingComma(
  prev: Leaf | undefined,
  leaf: Leaf,
  line: Line,
): boolean {
  return (
    prev !== undefined &&
    prev.type === "COMMA" &&
    leaf.openingBracket !== undefined &&
    !isOneSequenceBetween(leaf.openingBracket, leaf, line.leaves)
  );
}
