/**
 * One lexical pass over the user's text before tree-sitter sees it. It knows only strings,
 * comments and brackets, which is enough to
 *
 * - find characters CPython rejects outside strings and comments ("invalid non-printable
 *   character") but tree-sitter skips as whitespace: Unicode spaces, zero-width
 *   characters, the BOM (`ast.parse` of a str rejects it too), vertical tab and NUL;
 * - build the text tree-sitter parses: the same length as the original (so every offset
 *   maps back unchanged; spans and string values come from the original), where
 *   - a lone `\r` becomes `\n` (CPython reads it as a line break, tree-sitter as a space);
 *   - inside brackets, line breaks (with their `\` continuations) become spaces.
 *     tree-sitter's scanner guesses "inside brackets" from whether a closing bracket may
 *     come next, which fails after `:` in a dict or `=` in a call, and then a continuation
 *     line indented less than the block becomes a DEDENT (a syntax error). CPython ignores
 *     line breaks inside brackets;
 *   - comments become spaces: they are not part of the AST, and a comment line indented
 *     differently from its block can confuse tree-sitter's indentation tracking (CPython
 *     ignores comment-only lines).
 * - spot a `\` continuation at the very end (CPython: "unexpected EOF while parsing").
 */
import { createLineIndex, type LineIndex } from "../../source/line-index.js";
import { loneSurrogates } from "../../source/lone-surrogates.js";
import { equalUpTo } from "./equal-up-to.js";

export interface PreparedSource {
  readonly original: string;
  readonly forParser: string;
  /** Offsets of characters CPython rejects outside strings and comments. */
  readonly invalidCharacters: readonly number[];
  /** Offset of a `\\` continuation that nothing follows, if any. */
  readonly trailingContinuation: number | undefined;
  /**
   * Whether the parser's text has a `\\` line continuation (outside brackets): the only
   * extra nodes tree-sitter can produce, since comments are blanked. Without one, no node
   * needs an `isExtra` check.
   */
  readonly hasLineContinuation: boolean;
  /** The scan's findings in detail: what `prepareSourceFrom` needs to reuse this result. */
  readonly scan: SourceScan;
  /** `createLineIndex(original)`, shared by texts whose line breaks are all in the same places. */
  readonly lines: LineIndex;
  /** `loneSurrogates(original)`. */
  readonly loneSurrogates: readonly number[];
}

export function prepareSource(text: string): PreparedSource {
  const found = scanned();
  found.lineStarts.push(0);
  found.lineDepths.push(0);
  scan(text, 0, 0, found, () => false);
  return {
    original: text,
    forParser: applyEdits(text, found.edits, 0, text.length),
    invalidCharacters: found.invalidCharacters,
    trailingContinuation: found.trailingContinuation,
    hasLineContinuation: found.continuations.length > 0,
    scan: found,
    lines: createLineIndex(text),
    loneSurrogates: loneSurrogates(text),
  };
}

/** What one scan found, and where it stood at each line start (for `prepareSourceFrom`). */
export interface SourceScan {
  readonly edits: readonly number[];
  readonly invalidCharacters: readonly number[];
  readonly trailingContinuation: number | undefined;
  readonly continuations: readonly number[];
  readonly lineStarts: readonly number[];
  readonly lineDepths: readonly number[];
}

/** A `SourceScan` being filled. */
interface Scanned {
  // Edits in offset order, applied in one pass at the end: most texts need few.
  // `[start, end)` becomes spaces, or one "\n" for a lone \r (`end === -1`).
  readonly edits: number[];
  readonly invalidCharacters: number[];
  // CPython quirk: a final backslash followed by \r\n is accepted, by \n, \r or nothing not.
  trailingContinuation: number | undefined;
  /** Backslashes the parser sees outside brackets (each may become a continuation node). */
  readonly continuations: number[];
  /** Line starts reached outside strings and comments, with the bracket depth there. */
  readonly lineStarts: number[];
  readonly lineDepths: number[];
}

function scanned(): Scanned {
  return {
    edits: [],
    invalidCharacters: [],
    trailingContinuation: undefined,
    continuations: [],
    lineStarts: [],
    lineDepths: [],
  };
}

/**
 * The scan, from `from` (a line start outside strings and comments) with `depth` open
 * brackets, until the end or until `stop(lineStart, depth)` says so at a line start.
 * Returns where it ended.
 */
function scan(
  text: string,
  from: number,
  startDepth: number,
  found: Scanned,
  stop: (lineStart: number, depth: number) => boolean,
): number {
  const { edits, invalidCharacters } = found;
  let depth = startDepth;
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    // Only a few characters change anything. A plain test per character: jumping between
    // them with a regular expression allocated a match for every one, on every parse.
    if (!isInteresting(c)) {
      i++;
      continue;
    }
    if (c === HASH) {
      const end = lineEnd(text, i);
      edits.push(i, end);
      i = end;
      continue;
    }
    if (c === QUOTE || c === DOUBLE_QUOTE) {
      i = stringEnd(text, i);
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d)
      depth = Math.max(0, depth - 1);
    else if (c === CR && next !== LF && depth === 0) edits.push(i, -1);
    else if (isInvalidOutsideLiterals(c)) invalidCharacters.push(i);
    else if (
      c === BACKSLASH &&
      i >= text.length - 2 &&
      (i + 1 === text.length || next === LF || next === CR)
    ) {
      found.trailingContinuation = i;
    }
    const breaksLine =
      c === LF || c === CR || (c === BACKSLASH && (next === LF || next === CR));
    if (depth > 0 && breaksLine) edits.push(i, i + 1);
    // Any backslash the parser sees may become a continuation node (conservative).
    else if (c === BACKSLASH) found.continuations.push(i);
    i++;
    if (c === LF || (c === CR && next !== LF)) {
      found.lineStarts.push(i);
      found.lineDepths.push(depth);
      if (stop(i, depth)) return i;
    }
  }
  return text.length;
}

/**
 * `prepareSource(text)`, computed from `previous` (prepared from a text of the same
 * length) by scanning again only where the texts differ: from a line start before the
 * first difference, with the bracket depth the previous scan had there, to the first line
 * start after the last difference where this scan is back in the previous one's state
 * (outside strings and comments, same depth). From there on both scans read the same
 * characters in the same state, so the previous results are reused. `undefined` when the
 * lengths differ.
 *
 * For `diagnoseAll`, which parses a text again and again with a few lines replaced by a
 * placeholder: a whole scan per round cost more than tree-sitter's reparse of those lines.
 */
export function prepareSourceFrom(
  previous: PreparedSource,
  text: string,
): PreparedSource | undefined {
  const before = previous.original;
  if (before.length !== text.length) return undefined;
  const ranges = differences(before, text);
  const first = ranges[0]?.[0];
  const last = ranges[ranges.length - 1]?.[1];
  if (first === undefined || last === undefined)
    return { ...previous, original: text };
  // A line break or a surrogate changed: the line index or the lone surrogates, which
  // depend on each one's neighbours, are found again (blanking a line never does that).
  const changed = (test: (c: number) => boolean): boolean =>
    ranges.some(
      ([from, to]) =>
        someCode(before, from - 1, to + 1, test) ||
        someCode(text, from - 1, to + 1, test),
    );
  const old = previous.scan;
  // The scan reads up to two characters ahead: start where nothing read before the
  // start can have changed.
  let k = firstAbove(old.lineStarts, first - 2) - 1;
  if (k < 0) k = 0;
  const start = old.lineStarts[k] ?? 0;
  const window = scanned();
  /** Offsets before the window from `old`, the window's own, offsets after it from `old`. */
  const spliced = (
    olds: readonly number[],
    news: readonly number[],
  ): number[] => [
    ...olds.slice(0, firstAbove(olds, start - 1)),
    ...news,
    ...olds.slice(firstAbove(olds, end - 1)),
  ];
  let j = k + 1;
  const end = scan(
    text,
    start,
    old.lineDepths[k] ?? 0,
    window,
    (lineStart, depth) => {
      if (lineStart < last) return false;
      while (j < old.lineStarts.length && (old.lineStarts[j] ?? 0) < lineStart)
        j++;
      return old.lineStarts[j] === lineStart && old.lineDepths[j] === depth;
    },
  );
  const rest = firstAbove(old.lineStarts, end);
  const found: SourceScan = {
    edits: [
      ...old.edits.slice(0, 2 * firstAbove(starts(old.edits), start - 1)),
      ...window.edits,
      ...old.edits.slice(2 * firstAbove(starts(old.edits), end - 1)),
    ],
    invalidCharacters: spliced(old.invalidCharacters, window.invalidCharacters),
    trailingContinuation:
      window.trailingContinuation ??
      (old.trailingContinuation !== undefined &&
      (old.trailingContinuation < start || old.trailingContinuation >= end)
        ? old.trailingContinuation
        : undefined),
    continuations: spliced(old.continuations, window.continuations),
    lineStarts: [
      ...old.lineStarts.slice(0, k + 1),
      ...window.lineStarts,
      ...old.lineStarts.slice(rest),
    ],
    lineDepths: [
      ...old.lineDepths.slice(0, k + 1),
      ...window.lineDepths,
      ...old.lineDepths.slice(rest),
    ],
  };
  return {
    original: text,
    forParser:
      previous.forParser.slice(0, start) +
      applyEdits(text, window.edits, start, end) +
      previous.forParser.slice(end),
    invalidCharacters: found.invalidCharacters,
    trailingContinuation: found.trailingContinuation,
    hasLineContinuation: found.continuations.length > 0,
    scan: found,
    lines: changed(isLineBreak) ? createLineIndex(text) : previous.lines,
    loneSurrogates: changed(isSurrogate)
      ? loneSurrogates(text)
      : previous.loneSurrogates,
  };
}

/** Whether some character of `text[from, to)` (clamped to the text) passes `test`. */
function someCode(
  text: string,
  from: number,
  to: number,
  test: (c: number) => boolean,
): boolean {
  for (let i = Math.max(0, from); i < Math.min(to, text.length); i++)
    if (test(text.charCodeAt(i))) return true;
  return false;
}

function isLineBreak(c: number): boolean {
  return c === LF || c === CR;
}

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

/** The start offsets of `[start, end)` pairs. */
function starts(pairs: readonly number[]): number[] {
  const out: number[] = [];
  for (let k = 0; k < pairs.length; k += 2) out.push(pairs[k] ?? 0);
  return out;
}

/** The index of the first element of the ascending `values` that is `> target`. */
function firstAbove(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where two texts of the same length differ, as `[start, end)` ranges. */
function differences(a: string, b: string): [number, number][] {
  const ranges: [number, number][] = [];
  const BLOCK = 256;
  for (let i = equalUpTo(a, b, 0); i < a.length; i = equalUpTo(a, b, i)) {
    const end = Math.min(a.length, i + BLOCK);
    let first = -1;
    let last = -1;
    for (let j = i; j < end; j++)
      if (a.charCodeAt(j) !== b.charCodeAt(j)) {
        if (first < 0) first = j;
        last = j;
      }
    ranges.push([first, last + 1]);
    i = end;
  }
  return ranges;
}

/**
 * Comment and string starts, brackets, line breaks, backslashes and every character of
 * `isInvalidOutsideLiterals`: the scan above passes over all others.
 */
function isInteresting(c: number): boolean {
  switch (c) {
    case HASH:
    case QUOTE:
    case DOUBLE_QUOTE:
    case 0x28:
    case 0x29:
    case 0x5b:
    case 0x5d:
    case 0x7b:
    case 0x7d:
    case CR:
    case LF:
    case BACKSLASH:
      return true;
    default:
      return isInvalidOutsideLiterals(c);
  }
}

const HASH = 0x23;
const QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CR = 0x0d;
const LF = 0x0a;

/** `text[start, end)` with the `edits` of `prepareSource` in it applied (same length). */
function applyEdits(
  text: string,
  edits: readonly number[],
  from: number,
  to: number,
): string {
  if (edits.length === 0)
    return from === 0 && to === text.length ? text : text.slice(from, to);
  const parts: string[] = [];
  let at = from;
  for (let k = 0; k < edits.length; k += 2) {
    const start = edits[k] ?? 0;
    const end = edits[k + 1] ?? 0;
    parts.push(text.slice(at, start));
    if (end === -1) {
      parts.push("\n");
      at = start + 1;
    } else {
      parts.push(" ".repeat(end - start));
      at = end;
    }
  }
  parts.push(text.slice(at, to));
  return parts.join("");
}

function isInvalidOutsideLiterals(c: number): boolean {
  if (c === 0x00 || c === 0x0b) return true;
  if (c < 0x80) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function lineEnd(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); i < text.length && c !== LF && c !== CR;)
    c = text.charCodeAt(++i);
  return i;
}

/**
 * The end of the string whose opening quote is at `at` (prefix letters were already
 * passed as ordinary characters). A backslash always protects the next character, raw or
 * not; a single-quoted string also ends at a line break (unterminated: tree-sitter and the
 * decoder report it).
 */
function stringEnd(text: string, at: number): number {
  const quote = text.charCodeAt(at);
  const triple =
    text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote;
  let i = at + (triple ? 3 : 1);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === quote) {
      if (!triple) return i + 1;
      if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote)
        return i + 3;
      i++;
    } else if (!triple && (c === LF || c === CR)) return i;
    else i++;
  }
  return text.length;
}
