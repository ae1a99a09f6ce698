import { isProseLine } from "./find-prose.js";
import { splitLines, type TextLine } from "./split-lines.js";

/** A Markdown fenced code block found in model output. */
export interface FencedBlock {
  /** The info string's first word, lower-cased (`python`, `py`, `json`, or `""`). */
  readonly language: string;
  /** The fence as written (``` or ~~~~), for messages. */
  readonly fence: string;
  /** `[contentStart, contentEnd)`: the lines between the fences, with their line breaks. */
  readonly contentStart: number;
  readonly contentEnd: number;
  /** Index of the opening fence's line, and of the closing one (`undefined`: never closed). */
  readonly openLine: number;
  readonly closeLine: number | undefined;
}

// CommonMark: up to three spaces of indentation; a backtick fence's info string has no backtick.
// The info string is split so that no two quantifiers compete for the same characters
// (linear time on long lines).
const OPENER = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)(?:[ \t][^`]*)?$/;
const CLOSER = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * The fenced blocks of a text. A fence-like line inside a Python triple-quoted string is
 * text, not a fence: an email body with a ``` or ~~~ line is valid code, bare or fenced.
 */
export function findFencedBlocks(text: string): {
  readonly blocks: readonly FencedBlock[];
  readonly lines: readonly TextLine[];
} {
  const lines = splitLines(text);
  const lineText = (line: TextLine): string => text.slice(line.start, line.end);
  const blocks: FencedBlock[] = [];
  // The triple quote of a string still open where line `l` starts, if any.
  let quote: string | undefined;
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    if (line === undefined) break;
    const open = quote === undefined ? OPENER.exec(lineText(line)) : null;
    const fence = open?.[1] ?? "```";
    if (open === null || (fence.startsWith("~") && /`/.test(open[2] ?? ""))) {
      quote = quoteAfter(lineText(line), quote);
      continue;
    }
    let close: number | undefined;
    let inner: string | undefined;
    for (let k = l + 1; k < lines.length; k++) {
      const candidate = lines[k];
      if (candidate === undefined) break;
      const m = inner === undefined ? CLOSER.exec(lineText(candidate)) : null;
      const marker = m?.[1];
      if (
        marker !== undefined &&
        marker[0] === fence[0] &&
        marker.length >= fence.length
      ) {
        close = k;
        break;
      }
      inner = quoteAfter(lineText(candidate), inner);
    }
    const closeLine = close === undefined ? undefined : lines[close];
    blocks.push({
      language: (open[2] ?? "").toLowerCase(),
      fence,
      contentStart: line.next,
      contentEnd: closeLine === undefined ? text.length : closeLine.start,
      openLine: l,
      closeLine: close,
    });
    if (close === undefined) break;
    l = close;
    quote = undefined;
  }
  return { blocks, lines };
}

/**
 * The triple quote (`"""` or `'''`) of a Python string open at the end of `line`, given the
 * one open at its start. One-line strings and `#` comments end with the line. Prose opens
 * none: a prose line, or a quote where Python could not start a string (`Use """ for long
 * text:`, `Here's`), is not code. One pass over the line: linear time.
 */
function quoteAfter(
  line: string,
  quote: string | undefined,
): string | undefined {
  // Without a quote character no string opens, prose or not.
  if (quote === undefined && !hasQuote(line)) return undefined;
  if (quote === undefined && isProseLine(line)) return undefined;
  let open = quote;
  let i = 0;
  while (i < line.length) {
    const c = line.charCodeAt(i);
    if (open !== undefined) {
      if (c === BACKSLASH) i += 2;
      else if (line.startsWith(open, i)) {
        open = undefined;
        i += 3;
      } else i++;
    } else if (c === HASH) return undefined;
    else if ((c === DOUBLE || c === SINGLE) && startsString(line, i)) {
      const triple = c === DOUBLE ? '"""' : "'''";
      if (line.startsWith(triple, i)) {
        open = triple;
        i += 3;
      } else {
        i++;
        while (i < line.length && line.charCodeAt(i) !== c)
          i += line.charCodeAt(i) === BACKSLASH ? 2 : 1;
        i++;
      }
    } else i++;
  }
  return open;
}

const BACKSLASH = 0x5c;
const HASH = 0x23;
const DOUBLE = 0x22;
const SINGLE = 0x27;

function hasQuote(line: string): boolean {
  return line.includes('"') || line.includes("'");
}

/** Keywords after which an expression, so a string, may follow. */
const BEFORE_EXPRESSION: ReadonlySet<string> = new Set([
  "and",
  "assert",
  "await",
  "elif",
  "else",
  "if",
  "in",
  "is",
  "lambda",
  "not",
  "or",
  "return",
  "yield",
]);

/** `/\w/` on one UTF-16 unit: ASCII letters, digits and `_`; NaN (out of range) is not. */
function isWordCode(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f
  );
}

/** The string prefix letters `[rRuUbBfF]`. */
function isPrefixCode(c: number): boolean {
  switch (c) {
    case 0x72: // r
    case 0x52:
    case 0x75: // u
    case 0x55:
    case 0x62: // b
    case 0x42:
    case 0x66: // f
    case 0x46:
      return true;
    default:
      return false;
  }
}

/**
 * Whether a quote at `at` can open a Python string: where an expression may start. Reads
 * back over at most the blanks and the word just before it, so a line stays linear.
 */
function startsString(line: string, at: number): boolean {
  let j = at;
  // A string prefix (r, b, f, u, rb, fr …) is part of the literal, unless it ends a word.
  while (j > at - 2 && j > 0 && isPrefixCode(line.charCodeAt(j - 1))) j--;
  if (j < at && isWordCode(line.charCodeAt(j - 1))) j = at;
  while (
    j > 0 &&
    (line.charCodeAt(j - 1) === 0x20 || line.charCodeAt(j - 1) === 0x09)
  )
    j--;
  if (j === 0) return true;
  const last = line.charCodeAt(j - 1);
  if (isWordCode(last)) {
    let w = j;
    while (w > 0 && isWordCode(line.charCodeAt(w - 1))) w--;
    return BEFORE_EXPRESSION.has(line.slice(w, j));
  }
  // After a closing bracket or a dot a string is a syntax error; after anything else (an
  // operator, an opening bracket, a comma, a colon, another string) one may start.
  return last !== 0x29 && last !== 0x5d && last !== 0x7d && last !== 0x2e;
}
