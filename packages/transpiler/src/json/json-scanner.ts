import { codes } from "../diagnostics/codes.js";
import { createLineIndex } from "../source/line-index.js";
import type { LineIndex } from "../source/line-index.js";
import type { Position } from "../source/span.js";

/**
 * Token-level reading for `parseJson`: a cursor over the text plus the first problem found.
 * One scanner lives for one parse call; the functions below advance it and return `false`
 * (after recording a `ScanProblem`) on malformed input. Nothing here allocates per character.
 */
export interface Scanner {
  readonly text: string;
  pos: number;
  /** Line number and start offset of the line holding `pos`, kept up to date by `skipWhitespace`. */
  line: number;
  lineStart: number;
  /** The decoded value of the string `scanString` just read. */
  str: string;
  problem: ScanProblem | undefined;
  /** Built on the first diagnostic only: valid documents never pay for it. */
  lineIndex: LineIndex | undefined;
}

export interface ScanProblem {
  readonly code: string;
  readonly message: string;
  readonly hint: string;
  readonly start: number;
  readonly end: number;
}

export function createScanner(text: string): Scanner {
  return {
    text,
    pos: 0,
    line: 1,
    lineStart: 0,
    str: "",
    problem: undefined,
    lineIndex: undefined,
  };
}

export function lineIndexOf(st: Scanner): LineIndex {
  st.lineIndex ??= createLineIndex(st.text);
  return st.lineIndex;
}

/** Valid only at offsets on the current line, i.e. right after `skipWhitespace` or a token. */
export function positionAt(st: Scanner, offset: number): Position {
  return { offset, line: st.line, column: offset - st.lineStart + 1 };
}

export function skipWhitespace(st: Scanner): void {
  const text = st.text;
  let i = st.pos;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) i++;
    else if (c === 0x0a) {
      i++;
      st.line++;
      st.lineStart = i;
    } else if (c === 0x0d) {
      i++;
      // CR LF counts once, at the LF; a lone CR ends a line too (as in createLineIndex).
      if (text.charCodeAt(i) !== 0x0a) {
        st.line++;
        st.lineStart = i;
      }
    } else break;
  }
  st.pos = i;
}

/** Reads a string literal starting at its opening quote; sets `st.str` to the decoded value. */
export function scanString(st: Scanner): boolean {
  const text = st.text;
  const n = text.length;
  const start = st.pos;
  let i = start + 1;
  let chunk = i;
  let value = "";
  for (;;) {
    if (i >= n) {
      problem(
        st,
        start,
        n,
        "unterminated string",
        "Close the string with a double quote.",
      );
      return false;
    }
    const c = text.charCodeAt(i);
    if (c === 0x22) break;
    if (c === 0x5c) {
      // The decoded text is built from whole runs between escapes, not character by character.
      value += text.slice(chunk, i);
      const decoded = decodeEscape(st, i);
      if (decoded === undefined) return false;
      value += decoded;
      i += text.charCodeAt(i + 1) === 0x75 ? 6 : 2;
      chunk = i;
      continue;
    }
    if (c < 0x20) {
      if (c === 0x0a || c === 0x0d) {
        problem(
          st,
          i,
          i + 1,
          "unterminated string (a line break cannot appear inside a string)",
          "Close the string on the same line, or write the line break as \\n.",
        );
      } else {
        problem(
          st,
          i,
          i + 1,
          `unescaped control character ${codePoint(c)} in string`,
          `Write it as ${controlEscape(c)}.`,
        );
      }
      return false;
    }
    i++;
  }
  st.str =
    chunk === start + 1 ? text.slice(chunk, i) : value + text.slice(chunk, i);
  st.pos = i + 1;
  return true;
}

const simpleEscapes: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** Decodes the escape whose backslash is at `i`; `\u` escapes may be lone surrogates, as in JSON.parse. */
function decodeEscape(st: Scanner, i: number): string | undefined {
  const text = st.text;
  const e = text.charAt(i + 1);
  if (e === "u") {
    let code = 0;
    for (let k = i + 2; k < i + 6; k++) {
      const h = hexValue(text.charCodeAt(k));
      if (h < 0) {
        problem(
          st,
          i,
          Math.min(k + 1, text.length),
          `invalid unicode escape: expected a hexadecimal digit after '${text.slice(i, k)}', found ${describe(text, k)}`,
          "A \\u escape needs exactly four hexadecimal digits, e.g. \\u00e9.",
        );
        return undefined;
      }
      code = code * 16 + h;
    }
    return String.fromCharCode(code);
  }
  const simple = simpleEscapes[e];
  if (simple !== undefined) return simple;
  if (e === "") {
    problem(
      st,
      i,
      i + 1,
      "unterminated string",
      "Close the string with a double quote.",
    );
    return undefined;
  }
  problem(
    st,
    i,
    i + 2,
    isPrintable(e)
      ? `invalid escape sequence '\\${e}'`
      : `invalid escape sequence: backslash followed by ${describe(text, i + 1)}`,
    `JSON only knows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX${e === "'" ? "; a single quote needs no escape" : ""}.`,
  );
  return undefined;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

/** Reads `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` starting at `st.pos`. */
export function scanNumber(st: Scanner): boolean {
  const text = st.text;
  const start = st.pos;
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  const first = text.charCodeAt(i);
  if (first === 0x30) {
    i++;
    if (isDigit(text.charCodeAt(i))) {
      problem(
        st,
        start,
        i + 1,
        "numbers cannot have leading zeros",
        "Write 7 rather than 07; JSON has no octal numbers.",
      );
      return false;
    }
  } else if (isDigit(first)) {
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
  } else if (text.startsWith("Infinity", i)) {
    problem(
      st,
      start,
      i + 8,
      "unexpected token '-Infinity'",
      wordHint("Infinity"),
    );
    return false;
  } else {
    problem(
      st,
      i,
      i + 1,
      `expected a digit after '-', found ${describe(text, i)}`,
      "Write a number such as -1 or -0.5.",
    );
    return false;
  }
  if (text.charCodeAt(i) === 0x2e) {
    i++;
    if (!isDigit(text.charCodeAt(i))) {
      problem(
        st,
        i,
        i + 1,
        `expected a digit after the decimal point, found ${describe(text, i)}`,
        "Write 1.0 or 1, not 1.",
      );
      return false;
    }
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    if (!isDigit(text.charCodeAt(i))) {
      problem(
        st,
        i,
        i + 1,
        `expected a digit in the exponent, found ${describe(text, i)}`,
        "Write an exponent such as 1e5 or 2.5E-3.",
      );
      return false;
    }
    while (isDigit(text.charCodeAt(i))) i++;
  }
  st.pos = i;
  return true;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Letters, digits, `_` and `$`: bare words are read whole so errors can name them. */
export function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x24
  );
}

export function readWord(text: string, start: number): string {
  let i = start;
  while (isWordChar(text.charCodeAt(i))) i++;
  return text.slice(start, i);
}

const wordHints: Readonly<Record<string, string>> = {
  True: "JSON writes booleans in lower case: true.",
  False: "JSON writes booleans in lower case: false.",
  None: "JSON writes the empty value as null.",
  NULL: "JSON writes the empty value in lower case: null.",
  Null: "JSON writes the empty value in lower case: null.",
  undefined: "JSON has no undefined; use null or leave the entry out.",
  NaN: "JSON has no NaN; use null or a string.",
  Infinity: "JSON has no infinite numbers; use null or a string.",
};

export function wordHint(word: string): string {
  return (
    wordHints[word] ??
    "Strings must be in double quotes; the only bare words are true, false and null."
  );
}

/** Records "expected X, found Y" at `st.pos`, with a hint chosen from what was found. */
export function unexpected(st: Scanner, expected: string): void {
  const text = st.text;
  const i = st.pos;
  const c = text.charCodeAt(i);
  let hint: string;
  if (i >= text.length)
    hint =
      "The document ends too early; check for a missing value or closing bracket.";
  else if (c === 0x2f) hint = "JSON does not allow comments.";
  else if (c === 0x27)
    hint = "JSON strings and keys use double quotes, not single quotes.";
  else if (isWordChar(c) && expected.startsWith("a string key"))
    hint = "Object keys must be strings in double quotes.";
  else if (
    expected.startsWith("','") &&
    (c === 0x22 || c === 0x7b || c === 0x5b || c === 0x2d || isWordChar(c))
  ) {
    hint = "Separate items with commas.";
  } else if (c === 0x5d || c === 0x7d)
    hint =
      "Check that every bracket is closed by its own kind: [ with ], { with }.";
  else hint = "Check the JSON syntax near this point.";
  problem(
    st,
    i,
    i >= text.length ? i : i + 1,
    `expected ${expected}, found ${describe(text, i)}`,
    hint,
  );
}

export function problem(
  st: Scanner,
  start: number,
  end: number,
  message: string,
  hint: string,
): void {
  st.problem = { code: codes.jsonSyntax, message, hint, start, end };
}

/** Names the character at `i` for a message; invisible or confusable ones by code point. */
export function describe(text: string, i: number): string {
  if (i >= text.length) return "end of input";
  const c = text.codePointAt(i) ?? 0;
  return isInvisible(c) ? codePoint(c) : `'${String.fromCodePoint(c)}'`;
}

function isInvisible(c: number): boolean {
  return (
    c < 0x20 ||
    c === 0x7f ||
    (c >= 0x80 && c <= 0xa0) ||
    c === 0xfeff ||
    c === 0x2028 ||
    c === 0x2029 ||
    (c >= 0xd800 && c <= 0xdfff)
  );
}

function isPrintable(char: string): boolean {
  return char.length === 1 && !isInvisible(char.charCodeAt(0));
}

function codePoint(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
}

const shortControlEscapes: Readonly<Record<number, string>> = {
  8: "\\b",
  9: "\\t",
  12: "\\f",
};

function controlEscape(c: number): string {
  return shortControlEscapes[c] ?? `\\u${c.toString(16).padStart(4, "0")}`;
}

export function abbreviate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}
