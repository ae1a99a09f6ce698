/**
 * A cost guard for `diagnoseAll`. tree-sitter's error recovery costs up to ~6 µs per
 * character of dense garbage (100 KB of random punctuation takes most of a second), while
 * valid code costs ~0.15 µs. A tree-sitter parse cannot be stopped after N errors, so the
 * text is measured first with one cheap lexical pass (strings, comments, brackets and a
 * token class for each token, no grammar) that counts *suspicious tokens*, places where
 * Python's grammar almost surely fails:
 *
 * - a character CPython rejects outside strings and comments (`$`, `?`, a backtick, a
 *   control character, a non-identifier non-ASCII character such as U+FFFD);
 * - a closing bracket that closes nothing or the wrong bracket;
 * - two operands in a row (`a b`, `1 x`, `f() y`; keywords are neutral);
 * - an operator that needs a left operand at the start of a line, after an operator or
 *   after an opening bracket (`= =`, `(,`, `; ;`);
 * - a single-quoted string left open at the end of its line.
 *
 * Also tree-sitter's nesting cost: CPython refuses more than 200 nested brackets ("too many
 * nested parentheses"), and tree-sitter needs tens of milliseconds for thousands.
 *
 * And the cost of valid-looking text made of short tokens: tree-sitter spends ~1 µs per
 * token of `a + a + …` or `[a, a, …]` (100 KB of them take 35 to 80 ms, two to four times
 * as much as 100 KB of ordinary code). A statement of more than `MAX_LINE_TOKENS` tokens
 * on one line (`;` outside brackets ends a statement) is not code a model writes for a
 * workflow (corpus lines hold about 50 at most), so checking stops at its token beyond
 * the limit.
 *
 * And the cost of floods of problems in text that parses: thousands of imports, returns,
 * `while` loops or unexpected indents are each one diagnostic, but the parse and the
 * conversion of all of them cost 60 to 110 ms per 100 KB, while only the first 100 are
 * listed. So *problems* are counted too, with a budget of their own (`maxProblems`), at
 * most one per logical line, each where tree-sitter surely reports one:
 *
 * - a keyword of a construct outside the subset (`KEYWORD_KINDS`): statements at a
 *   statement start, expressions anywhere, but not in the body of an unsupported compound
 *   statement (`while`, `class`, `try`, `async`: tree-sitter's conversion skips it), nor
 *   after a suspicious token on the same line (a syntax error hides the line's constructs);
 * - an indentation anomaly, from a stack of the indentation of logical lines: an indent
 *   after a line that is no block header, or a dedent to no enclosing level. Text that
 *   mixes tabs and spaces in an indentation counts no problem.
 *
 * Past the budget, checking stops at the start of the problem's logical line (before the
 * block headers and decorators right above it, and before an unsupported compound statement
 * whose body it is in), so that the checked text ends with whole statements and gives the
 * same first diagnostics as the whole text.
 *
 * If there are more suspicious tokens than `maxSuspicious`, more problems than
 * `maxProblems`, too many nested brackets, or too long a statement, the returned limit
 * says where checking stops: the text before it is checked, the rest is not (and the
 * caller says so). On ordinary model output (a handful of mistakes) there is no limit and
 * nothing changes. The counts are estimates, not a diagnosis: they never produce a
 * diagnostic themselves.
 */
import { isPythonKeyword } from "../python/ast/identifiers.js";

export interface CheckLimit {
  /** Offset where checking stops: a token boundary, outside every string. */
  readonly offset: number;
  readonly reason: "dense" | "problems" | "nesting" | "long-line";
  /** Offsets of the brackets still open at `offset` (their closers are not checked). */
  readonly openBrackets: readonly number[];
}

/** CPython's tokenizer limit (MAXLEVEL). */
export const MAX_NESTED_BRACKETS = 200;

/**
 * Tokens of one statement on one line at most. A workflow line holds a few dozen (a long Liquid template is
 * one string token); 5,000 short tokens cost tree-sitter ~5 ms.
 */
export const MAX_LINE_TOKENS = 5_000;

/** `undefined` when the whole text can be checked at a normal cost. */
export function findCheckLimit(
  text: string,
  maxSuspicious: number,
): CheckLimit | undefined {
  return measureCheck(text, maxSuspicious).limit;
}

/** `findCheckLimit`, with the suspicious tokens counted up to the limit. */
export interface CheckMeasure {
  readonly limit: CheckLimit | undefined;
  /**
   * Suspicious tokens before the limit (all of them without one): when there is any, the
   * text almost surely has a syntax error.
   */
  readonly suspicious: number;
}

export function measureCheck(
  text: string,
  maxSuspicious: number,
  maxProblems = maxSuspicious,
): CheckMeasure {
  const open: number[] = [];
  const classes: NameClasses = { start: new Map(), continue: new Map() };
  let suspicious = 0;
  // What the previous token allows next: see the rules above.
  let previous: Previous = "line-start";
  // Tokens since the current line or statement started.
  let tokens = 0;
  // Tokens so far, and which of them was the last `:` and `;` outside brackets: plain
  // locals, as they change on every token.
  let seen = 0;
  // Offset just after the last line break.
  let lineBegin = 0;
  let colonAt = -1;
  let semicolonAt = -1;
  const lines = newLineState();
  let i = 0;
  const limit = (
    offset: number,
    reason: CheckLimit["reason"],
  ): CheckMeasure => ({
    limit: { offset, reason, openBrackets: [...open] },
    suspicious,
  });
  const flag = (at: number): boolean => {
    suspicious++;
    return suspicious > maxSuspicious && at > 0;
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === FORM_FEED) {
      i++;
      continue;
    }
    if (c === LF || c === CR) {
      if (open.length === 0) previous = "line-start";
      tokens = 0;
      i++;
      lineBegin = i;
      continue;
    }
    if (c === HASH) {
      i = commentEnd(text, i);
      continue;
    }
    if (c === BACKSLASH) {
      // A continuation joins lines; anywhere else a backslash is invalid.
      if (joinsLines(text, i)) {
        i +=
          text.charCodeAt(i + 1) === CR && text.charCodeAt(i + 2) === LF
            ? 3
            : 2;
        continue;
      }
      if (flag(i)) return limit(i, "dense");
      // A line that starts with it has no column to compare.
      if (previous === "line-start") lines.unsure = true;
      previous = "neutral";
      i++;
      continue;
    }
    const start = i;
    if (++tokens > MAX_LINE_TOKENS) return limit(i, "long-line");
    if (previous === "line-start") {
      // Indentation of spaces only, as a rule: its first and last characters say so (a tab
      // between spaces is taken for a space; tree-sitter reads those its own way anyway).
      const width = start - lineBegin;
      const column =
        width > 0 &&
        (text.charCodeAt(lineBegin) !== SPACE ||
          text.charCodeAt(start - 1) !== SPACE)
          ? indentColumn(text, lineBegin, start)
          : width;
      lines.suspicious = suspicious;
      const header = colonAt === seen;
      const stop = logicalLineStart(text, start, column, header, lines)
        ? problem(lines, maxProblems, suspicious)
        : undefined;
      if (stop !== undefined) return stop;
    }
    seen++;
    if (isNameStart(text, i, classes)) {
      i = nameEnd(text, i, classes);
      const word = text.slice(start, i);
      const quote = text.charCodeAt(i);
      if (
        (quote === QUOTE || quote === DOUBLE_QUOTE) &&
        STRING_PREFIXES.has(word.toLowerCase())
      ) {
        const end = stringEnd(text, i);
        if (end.unterminated && flag(start)) return limit(start, "dense");
        if (previous === "operand" && flag(start)) return limit(start, "dense");
        previous = "string";
        i = end.offset;
        continue;
      }
      // One lookup for the keywords that are not neutral, as before for the operands.
      const kind = isPythonKeyword(word) ? KEYWORD_KINDS.get(word) : "operand";
      if (kind === undefined) {
        previous = "neutral";
        continue;
      }
      if (kind !== "operand") {
        const statement =
          previous === "line-start" ||
          colonAt === seen - 1 ||
          semicolonAt === seen - 1;
        previous = "neutral";
        if (kind !== "expression" && !statement) continue;
        // Its body is not converted: nothing in it is reported.
        if (kind === "compound" && lines.skipDeeperThan < 0) {
          lines.skipDeeperThan = lines.column;
          lines.skipCut = lines.cut;
        }
        // A suspicious token before it on the line: a syntax error may hide it.
        if (lines.quiet || suspicious > lines.suspicious) continue;
        const stop = problem(lines, maxProblems, suspicious);
        if (stop !== undefined) return stop;
        continue;
      }
      if ((previous === "operand" || previous === "string") && flag(start))
        return limit(start, "dense");
      previous = "operand";
      continue;
    }
    if (isDigit(c) || (c === DOT && isDigit(text.charCodeAt(i + 1)))) {
      i = numberEnd(text, i);
      if ((previous === "operand" || previous === "string") && flag(start))
        return limit(start, "dense");
      previous = "operand";
      continue;
    }
    if (c === QUOTE || c === DOUBLE_QUOTE) {
      const end = stringEnd(text, i);
      if (end.unterminated && flag(start)) return limit(start, "dense");
      if (previous === "operand" && flag(start)) return limit(start, "dense");
      previous = "string";
      i = end.offset;
      continue;
    }
    if (c === 0x28 || c === 0x5b || c === 0x7b) {
      if (open.length >= MAX_NESTED_BRACKETS) return limit(i, "nesting");
      open.push(i);
      previous = "open";
      i++;
      continue;
    }
    if (c === 0x29 || c === 0x5d || c === 0x7d) {
      const opener = open.pop();
      const matches =
        opener !== undefined && CLOSER_OF[text.charCodeAt(opener)] === c;
      if (!matches && flag(i)) return limit(i, "dense");
      previous = "operand";
      i++;
      continue;
    }
    const operator = operatorAt(text, i);
    if (operator === undefined) {
      // A character no Python token starts with.
      if (flag(i)) return limit(i, "dense");
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      previous = "neutral";
      continue;
    }
    if (
      NEEDS_LEFT_OPERAND.has(operator) &&
      (previous === "line-start" ||
        previous === "operator" ||
        previous === "open") &&
      flag(i)
    )
      return limit(i, "dense");
    previous = operator === ":" || operator === "." ? "neutral" : "operator";
    if (open.length === 0)
      if (operator === ":") colonAt = seen;
      else if (operator === ";") {
        semicolonAt = seen;
        // Statements joined by `;` are checked as fast as statements on their own lines.
        tokens = 0;
      }
    i += operator.length;
  }
  return { limit: undefined, suspicious };
}

/**
 * Counts a problem on the current logical line; past `maxProblems`, checking stops at a
 * logical line start, where no bracket is open (see `LineState.cut`).
 */
function problem(
  lines: LineState,
  maxProblems: number,
  suspicious: number,
): CheckMeasure | undefined {
  lines.quiet = true;
  if (lines.off || ++lines.problems <= maxProblems) return undefined;
  const offset =
    lines.skipping && lines.skipCut > 0 ? lines.skipCut : lines.cut;
  if (offset === 0) return undefined;
  return {
    limit: { offset, reason: "problems", openBrackets: [] },
    suspicious,
  };
}

/**
 * The indentation and statement state of the scan, for the problems of the subset: one
 * mutable record local to one `measureCheck` call.
 */
interface LineState {
  /** First token of the current logical line. */
  first: number;
  /** Its indentation column (a tab advances to the next multiple of 8). */
  column: number;
  /**
   * Where checking stops for a problem on the current logical line: its start, or the
   * start of the block headers and decorators right before it, so that the checked text
   * never ends with a header whose body was cut off (tree-sitter would report that).
   */
  cut: number;
  /** The first of the headers and decorators right before the current line, or -1. */
  chain: number;
  /** Columns of the enclosing blocks, innermost last. */
  readonly indents: number[];
  /** The current logical line's indentation is an anomaly (whether a header: seen next). */
  anomaly: boolean;
  /**
   * No keyword counts on the rest of the current logical line: a problem was counted (one
   * at most per line), or the line is in a skipped body.
   */
  quiet: boolean;
  /** Suspicious tokens before the current logical line. */
  suspicious: number;
  /** The column of an unsupported compound statement whose body is skipped, or -1. */
  skipDeeperThan: number;
  /**
   * Where checking stops for a problem in that body: before the compound statement, whose
   * diagnostic spans its whole body.
   */
  skipCut: number;
  /** The current logical line is in such a body (or one of its clauses). */
  skipping: boolean;
  /** The stack may differ from tree-sitter's: no anomaly is counted until column 0. */
  unsure: boolean;
  /** An indentation mixed tabs and spaces or had a form feed: no problem counts at all. */
  off: boolean;
  problems: number;
}

function newLineState(): LineState {
  return {
    first: 0,
    column: 0,
    cut: 0,
    chain: -1,
    indents: [0],
    anomaly: false,
    quiet: false,
    suspicious: 0,
    skipDeeperThan: -1,
    skipCut: 0,
    skipping: false,
    unsure: false,
    off: false,
    problems: 0,
  };
}

/**
 * Updates `lines` for the logical line whose first token is at `first`; true when its
 * indentation is an anomaly tree-sitter reports: deeper than its block without a block
 * header before it ("unexpected indent"), or a dedent to no enclosing level. Only what
 * surely gives one diagnostic is counted; anything less clear (a header without an
 * indented block, a header on an anomalous line, whose body tree-sitter reads its own way)
 * makes the stack unsure until a line at column 0.
 */
function logicalLineStart(
  text: string,
  first: number,
  column: number,
  header: boolean,
  lines: LineState,
): boolean {
  if (column < 0) lines.off = true;
  if (lines.anomaly && header) {
    lines.unsure = true;
    if (lines.skipDeeperThan < 0) {
      lines.skipDeeperThan = lines.column;
      lines.skipCut = lines.cut;
    }
  }
  // A decorator belongs to the definition below it, like a header to its body.
  lines.chain =
    header || text.charCodeAt(lines.first) === AT
      ? lines.chain >= 0
        ? lines.chain
        : lines.first
      : -1;
  lines.cut = lines.chain >= 0 ? lines.chain : first;
  lines.first = first;
  lines.column = column;
  lines.anomaly = false;
  if (lines.skipDeeperThan >= 0 && column <= lines.skipDeeperThan)
    if (column < lines.skipDeeperThan || !CLAUSES.has(wordAt(text, first)))
      lines.skipDeeperThan = -1;
  lines.skipping = lines.skipDeeperThan >= 0;
  lines.quiet = lines.skipping;
  const indents = lines.indents;
  if (lines.unsure && column === 0) {
    indents.length = 1;
    lines.unsure = false;
  }
  if (lines.unsure || lines.off) return false;
  let top = indents[indents.length - 1] ?? 0;
  if (column > top) {
    if (header) indents.push(column);
    else lines.anomaly = true;
  } else if (column < top) {
    while (top > column) {
      indents.pop();
      top = indents[indents.length - 1] ?? 0;
    }
    lines.anomaly = top !== column;
  } else if (header) lines.unsure = true;
  return lines.anomaly;
}

/** The indentation column of `first`, or -1 when tabs and spaces mix or a form feed occurs. */
function indentColumn(text: string, from: number, first: number): number {
  let column = 0;
  let spaces = false;
  let tabs = false;
  for (let i = from; i < first; i++) {
    const c = text.charCodeAt(i);
    if (c === SPACE) {
      column++;
      spaces = true;
    } else if (c === TAB) {
      column = (Math.floor(column / 8) + 1) * 8;
      tabs = true;
    } else return -1;
  }
  return spaces && tabs ? -1 : column;
}

/** The ASCII word at `at` (empty when there is none). */
function wordAt(text: string, at: number): string {
  let i = at;
  while (i < text.length && isAsciiNameChar(text.charCodeAt(i))) i++;
  return text.slice(at, i);
}

type Previous =
  "line-start" | "operand" | "string" | "operator" | "open" | "neutral";

const SPACE = 0x20;
const TAB = 0x09;
const FORM_FEED = 0x0c;
export const LF = 0x0a;
export const CR = 0x0d;
export const HASH = 0x23;
export const BACKSLASH = 0x5c;
export const QUOTE = 0x27;
export const DOUBLE_QUOTE = 0x22;
const DOT = 0x2e;
const AT = 0x40;

export const CLOSER_OF: Readonly<Record<number, number>> = {
  0x28: 0x29,
  0x5b: 0x5d,
  0x7b: 0x7d,
};

/**
 * The keywords that are operands, and those of constructs outside the subset, each
 * reported once by tree-sitter's
 * conversion when its line parses (grammars/python-subset.ebnf, part 4): statements are
 * counted at the start of a statement only (`from` in `raise … from` is not one), and the
 * bodies of compound ones are not converted, so nothing in them is counted.
 */
const KEYWORD_KINDS: ReadonlyMap<
  string,
  "operand" | "statement" | "compound" | "expression"
> = new Map([
  ["True", "operand"],
  ["False", "operand"],
  ["None", "operand"],
  ["import", "statement"],
  ["from", "statement"],
  ["global", "statement"],
  ["nonlocal", "statement"],
  ["del", "statement"],
  ["assert", "statement"],
  ["raise", "statement"],
  ["return", "statement"],
  ["break", "statement"],
  ["continue", "statement"],
  ["while", "compound"],
  ["class", "compound"],
  ["try", "compound"],
  ["async", "compound"],
  ["lambda", "expression"],
  ["yield", "expression"],
  ["await", "expression"],
]);

/** Clauses that continue a compound statement at its own column (`try: … except: …`). */
const CLAUSES: ReadonlySet<string> = new Set(["except", "else", "finally"]);

const STRING_PREFIXES: ReadonlySet<string> = new Set([
  "r",
  "u",
  "b",
  "f",
  "br",
  "rb",
  "fr",
  "rf",
]);

/** Longest first, so `**=` wins over `**` and `*`. */
const OPERATORS: readonly string[] = [
  "**=",
  "//=",
  ">>=",
  "<<=",
  "...",
  "->",
  ":=",
  "**",
  "//",
  "<<",
  ">>",
  "<=",
  ">=",
  "==",
  "!=",
  "+=",
  "-=",
  "*=",
  "/=",
  "%=",
  "&=",
  "|=",
  "^=",
  "@=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "@",
  "&",
  "|",
  "^",
  "~",
  "<",
  ">",
  "=",
  ".",
  ",",
  ":",
  ";",
];

/** Operators that cannot start an expression or a statement. */
const NEEDS_LEFT_OPERAND: ReadonlySet<string> = new Set(
  OPERATORS.filter(
    (o) => !["+", "-", "*", "**", "~", "@", ".", "...", ":"].includes(o),
  ),
);

/** The operators by first character, longest first: one short list per lookup. */
const OPERATORS_BY_FIRST: ReadonlyMap<number, readonly string[]> = new Map(
  [...new Set(OPERATORS.map((o) => o.charCodeAt(0)))].map((c) => [
    c,
    OPERATORS.filter((o) => o.charCodeAt(0) === c),
  ]),
);

function operatorAt(text: string, at: number): string | undefined {
  const candidates = OPERATORS_BY_FIRST.get(text.charCodeAt(at)) ?? [];
  for (const o of candidates) if (text.startsWith(o, at)) return o;
  return undefined;
}

/** Where the comment whose `#` is at `at` ends: at the line break after it, or the end. */
export function commentEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
  return i;
}

/** Whether the backslash at `at` joins its line to the next: it ends its line or the text. */
export function joinsLines(text: string, at: number): boolean {
  return isLineBreak(text.charCodeAt(at + 1)) || at + 1 === text.length;
}

export function isLineBreak(c: number): boolean {
  return c === LF || c === CR;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}]/u;

/**
 * Identifier classes of non-ASCII code points, memoised for one scan: text in other
 * scripts (or random bytes) repeats few distinct characters, and the Unicode property
 * regexes are slow.
 */
interface NameClasses {
  readonly start: Map<number, boolean>;
  readonly continue: Map<number, boolean>;
}

function memo(
  cache: Map<number, boolean>,
  cp: number,
  pattern: RegExp,
): boolean {
  let known = cache.get(cp);
  if (known === undefined) {
    known = pattern.test(String.fromCodePoint(cp));
    cache.set(cp, known);
  }
  return known;
}

function isAsciiNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isNameStart(text: string, at: number, classes: NameClasses): boolean {
  const c = text.charCodeAt(at);
  if (c < 0x80) return isAsciiNameChar(c);
  return memo(classes.start, text.codePointAt(at) ?? c, ID_START);
}

function nameEnd(text: string, from: number, classes: NameClasses): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (!isAsciiNameChar(c) && !isDigit(c)) return i;
      i++;
      continue;
    }
    const cp = text.codePointAt(i) ?? c;
    if (!memo(classes.continue, cp, ID_CONTINUE)) return i;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** Loose on purpose (`1e+5`, `0x1F`, `1_000`, `1.5j`): malformed numbers are not costly. */
function numberEnd(text: string, from: number): number {
  const hex = (text.charCodeAt(from + 1) | 0x20) === 0x78;
  let i = from + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const isExponentSign =
      (c === 0x2b || c === 0x2d) &&
      (text.charCodeAt(i - 1) | 0x20) === 0x65 &&
      !hex;
    if (
      isDigit(c) ||
      c === DOT ||
      c === 0x5f ||
      isExponentSign ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x41 && c <= 0x5a)
    )
      i++;
    else return i;
  }
  return i;
}

/**
 * Where the string whose opening quote is at `at` ends, with the same rules as
 * `prepareSource`: a backslash protects the next character, a single-quoted string ends
 * at a line break (unterminated), a triple-quoted one may run to the end of the text.
 */
export function stringEnd(
  text: string,
  at: number,
): { readonly offset: number; readonly unterminated: boolean } {
  // Character codes, not substrings: `diagnoseAll`'s statement scan reads every string of
  // the text with it.
  const quote = text.charCodeAt(at);
  const triple =
    text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote;
  const length = triple ? 3 : 1;
  let i = at + length;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (
      c === quote &&
      (!triple ||
        (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote))
    )
      return { offset: i + length, unterminated: false };
    else if (!triple && isLineBreak(c))
      return { offset: i, unterminated: true };
    else i++;
  }
  return { offset: text.length, unterminated: true };
}
