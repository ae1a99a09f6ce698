/**
 * Scanning and decoding of one Python string literal, following CPython 3.11's tokenizer
 * and `unicode_escape` decoder: newlines inside literals are normalised to `\n` (CPython
 * translates CRLF and CR before tokenizing), unknown escapes such as `\d` are kept
 * verbatim, octal escapes go up to `\777`. Bytes and f-strings are scanned (so lexing
 * can continue) but not decoded; the lexer reports them as unsupported.
 */
import { codes } from "../../diagnostics/codes.js";
import { lookupUnicodeName } from "../unicode/unicode-names.js";
import type { LineIndex } from "../../source/line-index.js";

export type StringKind = "str" | "bytes" | "fstring";

/** Attached to `StringLiteral` tokens as `payload`. */
export interface StringPayload {
  readonly value: string;
  readonly kind: StringKind;
}

/** A problem inside a literal, located by offsets; the lexer turns it into a diagnostic. */
export interface LiteralProblem {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly start: number;
  readonly end: number;
}

export interface ScannedString {
  readonly end: number;
  readonly payload: StringPayload;
  readonly problems: readonly LiteralProblem[];
}

export interface StringPrefix {
  readonly raw: boolean;
  readonly kind: StringKind;
}

const prefixes: ReadonlyMap<string, StringPrefix> = new Map([
  ["", { raw: false, kind: "str" }],
  ["u", { raw: false, kind: "str" }],
  ["r", { raw: true, kind: "str" }],
  ["b", { raw: false, kind: "bytes" }],
  ["br", { raw: true, kind: "bytes" }],
  ["rb", { raw: true, kind: "bytes" }],
  ["f", { raw: false, kind: "fstring" }],
  ["fr", { raw: true, kind: "fstring" }],
  ["rf", { raw: true, kind: "fstring" }],
]);

/** The meaning of an identifier-like prefix right before a quote, if it is one. */
export function stringPrefix(prefix: string): StringPrefix | undefined {
  return prefix.length > 2 ? undefined : prefixes.get(prefix.toLowerCase());
}

const simpleEscapes: ReadonlyMap<string, string> = new Map([
  ["\\", "\\"],
  ["'", "'"],
  ['"', '"'],
  ["a", "\x07"],
  ["b", "\b"],
  ["f", "\f"],
  ["n", "\n"],
  ["r", "\r"],
  ["t", "\t"],
  ["v", "\v"],
]);

const isHex = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isOctal = (c: number): boolean => c >= 48 && c <= 55;

interface Decoded {
  readonly text: string;
  readonly next: number;
  readonly problem?: LiteralProblem;
}

function hexEscape(
  text: string,
  at: number,
  digits: number,
  letter: string,
): Decoded {
  const from = at + 2;
  for (let i = 0; i < digits; i++) {
    if (!isHex(text.charCodeAt(from + i))) {
      return {
        text: "",
        next: from + i,
        problem: {
          code: codes.pySyntax,
          message: `truncated \\${letter} escape: expected ${digits} hexadecimal digits`,
          hint: `write the escape as \\${letter}${"0".repeat(digits - 1)}A with exactly ${digits} hex digits`,
          start: at,
          end: from + i,
        },
      };
    }
  }
  const code = parseInt(text.slice(from, from + digits), 16);
  if (code > 0x10ffff) {
    return {
      text: "",
      next: from + digits,
      problem: {
        code: codes.pySyntax,
        message: "illegal Unicode character in \\U escape",
        start: at,
        end: from + digits,
      },
    };
  }
  return { text: String.fromCodePoint(code), next: from + digits };
}

function namedEscape(text: string, at: number): Decoded {
  const close = text.indexOf("}", at + 3);
  const newline = text.slice(at + 3, close).search(/[\n\r'"]/);
  if (text.charCodeAt(at + 2) !== 123 || close < 0 || newline >= 0) {
    return {
      text: "",
      next: at + 2,
      problem: {
        code: codes.pySyntax,
        message: "malformed \\N character escape",
        hint: "write \\N{NAME}",
        start: at,
        end: at + 2,
      },
    };
  }
  const name = text.slice(at + 3, close);
  const code = lookupUnicodeName(name);
  if (code === undefined) {
    return {
      text: "",
      next: close + 1,
      problem: {
        code: codes.pySyntax,
        message: `unicode character name '${name}' in \\N{…} is unknown`,
        hint: "check the name against the Unicode character database, or write the character itself or a \\uXXXX escape",
        start: at,
        end: close + 1,
      },
    };
  }
  return { text: String.fromCodePoint(code), next: close + 1 };
}

/** Decodes the escape starting at the backslash `at` (non-raw str literals). */
function escape(text: string, at: number): Decoded {
  const c = text[at + 1] ?? "";
  const simple = simpleEscapes.get(c);
  if (simple !== undefined) return { text: simple, next: at + 2 };
  if (c === "\n") return { text: "", next: at + 2 };
  if (c === "\r")
    return { text: "", next: text.charCodeAt(at + 2) === 10 ? at + 3 : at + 2 };
  if (isOctal(text.charCodeAt(at + 1))) {
    let end = at + 2;
    while (end < at + 4 && isOctal(text.charCodeAt(end))) end++;
    return {
      text: String.fromCharCode(parseInt(text.slice(at + 1, end), 8)),
      next: end,
    };
  }
  if (c === "x") return hexEscape(text, at, 2, "x");
  if (c === "u") return hexEscape(text, at, 4, "u");
  if (c === "U") return hexEscape(text, at, 8, "U");
  if (c === "N") return namedEscape(text, at);
  // CPython keeps unknown escapes (with a DeprecationWarning), e.g. "\d" stays two characters.
  return { text: "\\", next: at + 1 };
}

/** Shared by every literal without problems (frozen: nobody may add to it). */
const noProblems: readonly LiteralProblem[] = Object.freeze([]);

/**
 * Scans the literal whose opening quote is at `quote` (its prefix, if any, starts at
 * `start`). Never fails: an unterminated literal ends at the end of its line (or of the
 * text, for triple quotes) with a problem attached.
 */
export function scanString(
  text: string,
  start: number,
  quote: number,
  prefix: StringPrefix,
  lines: LineIndex,
): ScannedString {
  const q = text.charCodeAt(quote);
  const triple =
    text.charCodeAt(quote + 1) === q && text.charCodeAt(quote + 2) === q;
  const decode = prefix.kind === "str";
  // Made only when there is a problem: nearly every literal has none.
  let problems: LiteralProblem[] | undefined;
  let value = "";
  let i = quote + (triple ? 3 : 1);
  let chunk = i;
  // The decoded text is appended a run at a time (`value += text.slice(chunk, i)` before
  // each escape or end), written out at each place rather than as a closure made per call.
  for (;;) {
    const c = text.charCodeAt(i);
    if (i >= text.length || (!triple && (c === 10 || c === 13))) {
      if (decode) value += text.slice(chunk, i);
      (problems ??= []).push(unterminated(text, start, quote, triple, lines));
      return { end: i, payload: { value, kind: prefix.kind }, problems };
    }
    if (
      c === q &&
      (!triple ||
        (text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q))
    ) {
      if (decode) value += text.slice(chunk, i);
      return {
        end: i + (triple ? 3 : 1),
        payload: { value: decode ? value : "", kind: prefix.kind },
        problems: problems ?? noProblems,
      };
    }
    if (c === 13) {
      // CPython reads source with universal newlines: CRLF and CR become LF inside literals.
      if (decode) value += `${text.slice(chunk, i)}\n`;
      i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
      chunk = i;
    } else if (c === 92 /* backslash */) {
      if (i + 1 >= text.length) {
        i++;
        continue;
      }
      if (prefix.raw || !decode) {
        // A backslash keeps the next character from closing the literal, and both stay.
        const next = text.charCodeAt(i + 1);
        if (next === 13) {
          if (decode) value += `${text.slice(chunk, i)}\\\n`;
          i += text.charCodeAt(i + 2) === 10 ? 3 : 2;
          chunk = i;
        } else i += 2;
        continue;
      }
      if (decode) value += text.slice(chunk, i);
      const decoded = escape(text, i);
      value += decoded.text;
      if (decoded.problem !== undefined)
        (problems ??= []).push(decoded.problem);
      i = decoded.next;
      chunk = i;
    } else i++;
  }
}

function unterminated(
  text: string,
  start: number,
  quote: number,
  triple: boolean,
  lines: LineIndex,
): LiteralProblem {
  // CPython detects a triple-quoted literal's end at the end of the text, any other at the
  // end of its line. Asked of the line index: counting from the start of the text for each
  // literal made a text of unterminated literals quadratic.
  const line = lines.position(triple ? text.length : quote).line;
  return {
    code: codes.pySyntax,
    message: `unterminated ${triple ? "triple-quoted " : ""}string literal (detected at line ${line})`,
    hint: triple
      ? "close the string with the same three quotes"
      : "close the string on the same line, or use triple quotes for multi-line text",
    start,
    end: quote + (triple ? 3 : 1),
  };
}
