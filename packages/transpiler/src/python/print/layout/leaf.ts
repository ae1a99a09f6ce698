/**
 * Tokens ("leaves") of one logical line, as black's blib2to3 tree would hold them.
 *
 * The layout engine is a port of black 23.1's line splitter, which mutates its leaves
 * while it works (bracket depths, prefixes, invisible parentheses made visible). Leaves
 * are therefore mutable records, but they are created per `printPython` call and never
 * leave the printer. The tree information black reads through `leaf.parent` is reduced to
 * the few flags below, filled in by the code that turns the AST into leaves.
 */
export type LeafType =
  | "NAME"
  | "NUMBER"
  | "STRING"
  | "LPAR"
  | "RPAR"
  | "LSQB"
  | "RSQB"
  | "LBRACE"
  | "RBRACE"
  | "COMMA"
  | "DOT"
  | "COLON"
  | "EQUAL"
  | "AT"
  | "MINUS"
  | "COMPARATOR";

/** What black's `is_split_before_delimiter` learns from a NAME leaf's parent node. */
export type LeafRole =
  /** `for` of a comprehension (`comp_for`). */
  | "compFor"
  /** `if` of a comprehension (`comp_if`). */
  | "compIf"
  /** `in` of a comparison (`comparison` / `comp_op`). */
  | "compareIn"
  /** `not` of `not in` / `is not` (`comp_op`). */
  | "compareNot"
  /** `and` / `or`. */
  | "logic"
  | "plain";

export interface Leaf {
  readonly type: LeafType;
  /** Source text; `""` for invisible parentheses until black makes them visible. */
  value: string;
  /** Length of `value` in code points (Python's `len`). */
  width: number;
  /** The whitespace black's `whitespace()` gives this leaf when it is not first on a line. */
  readonly ws: string;
  prefix: string;
  bracketDepth: number;
  openingBracket: Leaf | undefined;
  readonly role: LeafRole;
  /** Opening bracket whose parent is an `atom` (literals, parentheses, invisible parens). */
  readonly atomBracket: boolean;
  /** Comma whose parent is an `arglist` / `typedargslist` (call arguments, parameters). */
  readonly inArglist: boolean;
  /**
   * Whether the leaf is attached to the tree. False for commas black inserts while splitting,
   * and set to false when black's "second opinion" replaces a leaf with a copy in the tree
   * (`replace_child`): black then never asks for another second opinion on lines holding it,
   * and every parent-dependent rule treats it as detached.
   */
  hasParent: boolean;
  /** Identity of a bracket pair across re-generation of the same line; -1 when not a bracket. */
  readonly bracketId: number;
  /** A triple-quoted string spanning several lines. */
  readonly multiline: boolean;
  /** A trailing comma black inserted while splitting (not in the source it was given). */
  readonly inserted: boolean;
}

export interface LeafInit {
  readonly type: LeafType;
  readonly value: string;
  readonly ws: string;
  readonly role?: LeafRole;
  readonly atomBracket?: boolean;
  readonly inArglist?: boolean;
  readonly hasParent?: boolean;
  readonly bracketId?: number;
}

export function makeLeaf(init: LeafInit): Leaf {
  return newLeaf(
    init.type,
    init.value,
    // Punctuation, numbers and keywords are ASCII; only names and strings need counting.
    init.type === "STRING" || init.type === "NAME"
      ? codePointLength(init.value)
      : init.value.length,
    init.ws,
    init.role ?? "plain",
    init.atomBracket ?? false,
    init.inArglist ?? false,
    init.bracketId ?? -1,
    init.hasParent ?? true,
  );
}

/**
 * `makeLeaf` with positional arguments and the width already known: the leaf builder makes
 * one leaf per token and this spares it an init object per leaf. One literal, one shape.
 */
export function newLeaf(
  type: LeafType,
  value: string,
  width: number,
  ws: string,
  role: LeafRole,
  atomBracket: boolean,
  inArglist: boolean,
  bracketId: number,
  hasParent = true,
): Leaf {
  return {
    type,
    value,
    width,
    ws,
    prefix: "",
    bracketDepth: 0,
    openingBracket: undefined,
    role,
    atomBracket,
    inArglist,
    hasParent,
    bracketId,
    multiline:
      type === "STRING" && value.startsWith('"""') && value.includes("\n"),
    inserted: false,
  };
}

/** black's `Leaf(old.type, old.value)` in `append_leaves`: same tree position, fresh state. */
export function copyLeaf(old: Leaf): Leaf {
  // Spelled out rather than spread: this runs for every leaf of every long line, and a
  // literal with makeLeaf's field order keeps one object shape.
  return {
    type: old.type,
    value: old.value,
    width: old.width,
    ws: old.ws,
    prefix: "",
    bracketDepth: 0,
    openingBracket: undefined,
    role: old.role,
    atomBracket: old.atomBracket,
    inArglist: old.inArglist,
    hasParent: old.hasParent,
    bracketId: old.bracketId,
    multiline: old.multiline,
    inserted: old.inserted,
  };
}

/** The comma black inserts when it explodes a collection; it has no parent node. */
export function makeAddedComma(): Leaf {
  // Not `{ ...makeLeaf(…), inserted: true }`: V8 gives every evaluation of a literal that
  // starts with a spread and adds keys after it a new hidden class.
  return {
    type: "COMMA",
    value: ",",
    width: 1,
    ws: "",
    prefix: "",
    bracketDepth: 0,
    openingBracket: undefined,
    role: "plain",
    atomBracket: false,
    inArglist: false,
    hasParent: false,
    bracketId: -1,
    multiline: false,
    inserted: true,
  };
}

export function ensureVisible(leaf: Leaf): void {
  if (leaf.type === "LPAR") leaf.value = "(";
  else if (leaf.type === "RPAR") leaf.value = ")";
  leaf.width = leaf.value.length;
}

export function isOpeningBracket(type: LeafType): boolean {
  return type === "LPAR" || type === "LSQB" || type === "LBRACE";
}

export function isClosingBracket(type: LeafType): boolean {
  return type === "RPAR" || type === "RSQB" || type === "RBRACE";
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Python's `len()` of a string: astral characters count once. */
export function codePointLength(s: string): number {
  // One native scan settles the usual case; a `charCodeAt` loop is slow on the
  // concatenated (rope) strings that literals are built as.
  if (!SURROGATE.test(s)) return s.length;
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
