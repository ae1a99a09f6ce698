import { InternalError } from "../../../diagnostics/errors.js";
import {
  isClosingBracket,
  isOpeningBracket,
  type Leaf,
  type LeafType,
} from "./leaf.js";

/** Delimiter priorities from black's `brackets.py` (only the ones our AST can produce). */
export const COMPREHENSION_PRIORITY = 20;
export const COMMA_PRIORITY = 18;
export const LOGIC_PRIORITY = 14;
export const STRING_PRIORITY = 12;
export const COMPARATOR_PRIORITY = 10;
export const DOT_PRIORITY = 1;

/** Port of black's `BracketTracker` (lambda handling dropped: the AST has no lambdas). */
export interface BracketTracker {
  depth: number;
  /** Open brackets by `matchKey` (a sparse array: a tracker is made per line and split). */
  readonly bracketMatch: (Leaf | undefined)[];
  /**
   * Delimiter priorities by leaf; made on the first delimiter (many of the lines layout
   * builds have none); read it through `delimiterPriority` and `delimiterCount`.
   */
  delimiters: Map<Leaf, number> | undefined;
  previous: Leaf | undefined;
  readonly forLoopDepths: number[];
  readonly invisible: Leaf[];
}

export function newBracketTracker(): BracketTracker {
  return {
    depth: 0,
    bracketMatch: [],
    delimiters: undefined,
    previous: undefined,
    forLoopDepths: [],
    invisible: [],
  };
}

function matchKey(depth: number, closing: LeafType): number {
  return depth * 4 + (closing === "RPAR" ? 0 : closing === "RSQB" ? 1 : 2);
}

function closingFor(opening: LeafType): LeafType {
  return opening === "LPAR" ? "RPAR" : opening === "LSQB" ? "RSQB" : "RBRACE";
}

export function mark(bt: BracketTracker, leaf: Leaf): void {
  if (
    bt.depth === 0 &&
    isClosingBracket(leaf.type) &&
    bt.bracketMatch[matchKey(0, leaf.type)] === undefined
  )
    return;
  if (
    bt.forLoopDepths.length > 0 &&
    bt.forLoopDepths[bt.forLoopDepths.length - 1] === bt.depth &&
    leaf.type === "NAME" &&
    leaf.value === "in"
  ) {
    bt.depth -= 1;
    bt.forLoopDepths.pop();
  }
  if (isClosingBracket(leaf.type)) {
    bt.depth -= 1;
    const key = matchKey(bt.depth, leaf.type);
    const opening = bt.bracketMatch[key];
    if (opening === undefined)
      throw new InternalError(`unmatched closing bracket ${leaf.value}`);
    bt.bracketMatch[key] = undefined;
    leaf.openingBracket = opening;
    if (!leaf.value) bt.invisible.push(leaf);
  }
  leaf.bracketDepth = bt.depth;
  if (bt.depth === 0) {
    const before = splitBeforePriority(leaf, bt.previous);
    if (before && bt.previous !== undefined) {
      (bt.delimiters ??= new Map()).set(bt.previous, before);
    } else if (leaf.type === "COMMA") {
      (bt.delimiters ??= new Map()).set(leaf, COMMA_PRIORITY);
    }
  }
  if (isOpeningBracket(leaf.type)) {
    bt.bracketMatch[matchKey(bt.depth, closingFor(leaf.type))] = leaf;
    bt.depth += 1;
    if (!leaf.value) bt.invisible.push(leaf);
  }
  bt.previous = leaf;
  if (leaf.type === "NAME" && leaf.value === "for") {
    bt.depth += 1;
    bt.forLoopDepths.push(bt.depth);
  }
}

/** black's `is_split_before_delimiter`, restricted to the leaves our AST produces. */
function splitBeforePriority(leaf: Leaf, previous: Leaf | undefined): number {
  switch (leaf.type) {
    case "DOT":
      return leaf.hasParent &&
        (previous === undefined || isClosingBracket(previous.type))
        ? DOT_PRIORITY
        : 0;
    case "COMPARATOR":
      return COMPARATOR_PRIORITY;
    case "STRING":
      return previous?.type === "STRING" ? STRING_PRIORITY : 0;
    case "NAME":
      break;
    default:
      return 0;
  }
  // Only `is` is recognized by its value alone; the other roles come from the parent node.
  if (!leaf.hasParent) return leaf.value === "is" ? COMPARATOR_PRIORITY : 0;
  switch (leaf.role) {
    case "compFor":
    case "compIf":
      return COMPREHENSION_PRIORITY;
    case "compareIn":
      return previous?.type === "NAME" && previous.value === "not"
        ? 0
        : COMPARATOR_PRIORITY;
    case "compareNot":
      return previous?.type === "NAME" && previous.value === "is"
        ? 0
        : COMPARATOR_PRIORITY;
    case "logic":
      return LOGIC_PRIORITY;
    case "plain":
      return leaf.value === "is" ? COMPARATOR_PRIORITY : 0;
  }
}

/** Python's `max(v for k, v in delimiters.items() if k not in exclude)`; undefined when empty. */
export function maxDelimiterPriority(
  bt: BracketTracker,
  exclude?: Leaf,
): number | undefined {
  let max: number | undefined;
  if (bt.delimiters === undefined) return max;
  for (const [leaf, priority] of bt.delimiters) {
    if (leaf === exclude) continue;
    if (max === undefined || priority > max) max = priority;
  }
  return max;
}

export function delimiterCountWithPriority(
  bt: BracketTracker,
  priority: number,
): number {
  let n = 0;
  if (bt.delimiters === undefined) return n;
  for (const p of bt.delimiters.values()) if (p === priority) n++;
  return n;
}

/** The priority of the delimiter after `leaf` (black's `delimiters.get(id(leaf))`). */
export function delimiterPriority(
  bt: BracketTracker,
  leaf: Leaf,
): number | undefined {
  return bt.delimiters?.get(leaf);
}

/** How many delimiters the line has (black's `len(delimiters)`). */
export function delimiterCount(bt: BracketTracker): number {
  return bt.delimiters?.size ?? 0;
}
