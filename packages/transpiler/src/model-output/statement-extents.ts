/**
 * The logical statements that `diagnoseAll` blanks whole: blanking one line of a bracket
 * group that spans several lines leaves the group's other brackets unbalanced, and each
 * round then finds a valid line further on wrong (the `],` that closed the blanked `[`,
 * then the statement swallowed by an opener left open…).
 *
 * One character scan, no tokens: strings (triple-quoted ones included, with the rules of
 * `stringEnd`), comments, backslash continuations and brackets. It runs only when a line to
 * blank may have unbalanced brackets, so most texts never pay for it.
 */
import {
  BACKSLASH,
  commentEnd,
  CLOSER_OF,
  CR,
  DOUBLE_QUOTE,
  HASH,
  joinsLines,
  LF,
  QUOTE,
  stringEnd,
} from "./find-check-limit.js";
import type { TextLine } from "./split-lines.js";

/** Lines `first` to `last` (0-based, inclusive). */
export interface LineRange {
  readonly first: number;
  readonly last: number;
}

/** What the scan knows of each physical line. */
export interface StatementExtents {
  /** Bracket depth at the start of each line, then at the end of the text. */
  readonly depths: Int32Array;
  /** `CONTINUES`, `BROKEN`, `DIPS`, `COLON`, `SPILLS` and `IN_STRING` bits per line. */
  readonly flags: Uint8Array;
  /** The text ends inside a statement (an open bracket or a final backslash). */
  readonly unfinished: boolean;
}

/** The line starts inside a statement begun above it (bracket, string or backslash). */
const CONTINUES = 1;
/** A closer that closes nothing or the wrong kind, or a string left open. */
const BROKEN = 2;
/** A closer on the line closes an opener from an earlier line. */
const DIPS = 4;
/** The line's code (comments aside) ends with `:`. */
const COLON = 8;
/**
 * The line ends inside a string or with a backslash: blanked alone, it would turn the
 * rest of its string into code (and the string's closing quote into an opening one).
 */
const SPILLS = 16;
/** The line starts inside a string: blanked alone, it would take the string's end away. */
const IN_STRING = 32;

const COLON_CHAR = 0x3a;

export function statementExtents(
  text: string,
  lines: readonly TextLine[],
): StatementExtents {
  const n = lines.length;
  const depths = new Int32Array(n + 1);
  const flags = new Uint8Array(n);
  const open: number[] = [];
  let line = 0;
  // Offset of the last character of code (not a comment, not a space) seen.
  let lastCode = -1;
  let backslash = false;
  const startLine = (): void => {
    const start = lines[line]?.start ?? text.length;
    if (
      line < n &&
      lastCode >= start &&
      text.charCodeAt(lastCode) === COLON_CHAR
    )
      flags[line] = (flags[line] ?? 0) | COLON;
    line++;
    depths[line] = open.length;
    if (line < n && (open.length > 0 || backslash))
      flags[line] = (flags[line] ?? 0) | CONTINUES;
    backslash = false;
  };
  const mark = (bit: number): void => {
    if (line < n) flags[line] = (flags[line] ?? 0) | bit;
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === LF || c === CR) {
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      startLine();
      continue;
    }
    if (c === HASH) {
      i = commentEnd(text, i);
      continue;
    }
    if (c === BACKSLASH) {
      if (joinsLines(text, i)) {
        backslash = true;
        mark(SPILLS);
      }
      i++;
      continue;
    }
    if (c === QUOTE || c === DOUBLE_QUOTE) {
      const end = stringEnd(text, i);
      if (end.unterminated) mark(BROKEN);
      if (line + 1 < n && (lines[line + 1]?.start ?? n) < end.offset)
        mark(SPILLS);
      // Lines that start inside the string belong to its statement.
      while (line + 1 < n && (lines[line + 1]?.start ?? n) < end.offset) {
        line++;
        depths[line] = open.length;
        flags[line] = (flags[line] ?? 0) | CONTINUES | IN_STRING;
      }
      lastCode = end.offset - 1;
      i = end.offset;
      continue;
    }
    if (c === 0x28 || c === 0x5b || c === 0x7b) open.push(c);
    else if (c === 0x29 || c === 0x5d || c === 0x7d) {
      const opener = open.pop();
      if (opener === undefined || CLOSER_OF[opener] !== c) mark(BROKEN);
      if (open.length < (depths[line] ?? 0)) mark(DIPS);
    }
    if (c !== 0x20 && c !== 0x09 && c !== 0x0c) lastCode = i;
    i++;
  }
  if (line < n) startLine();
  depths[n] = open.length;
  return { depths, flags, unfinished: open.length > 0 || backslash };
}

/**
 * The lines of the logical statement that contains line `l`, when `l` is not a whole
 * statement by itself on account of its own text: its brackets do not balance within it,
 * or it starts or ends inside a string, or ends with a backslash. `undefined` for other
 * lines (a continuation line whose brackets balance is blanked alone, which keeps the
 * statement around it intact), and when the statement has a closer that closes nothing or
 * the wrong kind, a string left open, or runs to the end of the text unfinished.
 */
export function bracketStatementOf(
  extents: StatementExtents,
  l: number,
): LineRange | undefined {
  const { depths, flags } = extents;
  const n = flags.length;
  if (l < 0 || l >= n) return undefined;
  const whole =
    ((flags[l] ?? 0) & (DIPS | SPILLS | IN_STRING)) === 0 &&
    depths[l] === depths[l + 1];
  if (whole) return undefined;
  let first = l;
  while (first > 0 && ((flags[first] ?? 0) & CONTINUES) !== 0) first--;
  let last = l;
  while (last + 1 < n && ((flags[last + 1] ?? 0) & CONTINUES) !== 0) last++;
  if (last === n - 1 && extents.unfinished) return undefined;
  for (let k = first; k <= last; k++)
    if (((flags[k] ?? 0) & BROKEN) !== 0) return undefined;
  return { first, last };
}

/** Whether the code of line `l` (comments aside) ends with `:`: a block header's last line. */
export function endsWithColon(extents: StatementExtents, l: number): boolean {
  return ((extents.flags[l] ?? 0) & COLON) !== 0;
}

/** Whether line `l` starts inside a statement begun above it (bracket, string or backslash). */
export function continuesStatement(
  extents: StatementExtents,
  l: number,
): boolean {
  return ((extents.flags[l] ?? 0) & CONTINUES) !== 0;
}
