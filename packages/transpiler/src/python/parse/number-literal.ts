/**
 * Scanning of one Python number literal, following CPython 3.11's tokenizer (`tok_get`
 * and `verify_end_of_number`), including its quirks: `1if x else y` lexes as `1 if …`
 * and `1else` as `1 else`, but `1abc` and `0_1` are errors.
 */
import { codes } from "../../diagnostics/codes.js";
import type { LiteralProblem } from "./string-literal.js";

export interface ScannedNumber {
  readonly end: number;
  readonly imaginary: boolean;
  readonly problem?: LiteralProblem;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHexDigit = (c: number): boolean =>
  isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isOctDigit = (c: number): boolean => c >= 48 && c <= 55;
const isBinDigit = (c: number): boolean => c === 48 || c === 49;

/** `[A-Za-z0-9_]` or any non-ASCII character (a potential identifier character in CPython). */
export const isIdentifierChar = (c: number): boolean =>
  isDigit(c) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 95 ||
  c >= 128;

/** Keywords CPython tolerates right after a number (it only warns): `1if`, `0x1for`, … */
const allowedFollowers = ["and", "else", "for", "if", "in", "is", "not", "or"];

type Digits = { readonly end: number; readonly ok: boolean };

/** `digit (_? digit)*` starting at `i` (which must be a digit). */
function digits(
  text: string,
  i: number,
  accept: (c: number) => boolean,
): Digits {
  let j = i;
  for (;;) {
    while (accept(text.charCodeAt(j))) j++;
    if (text.charCodeAt(j) !== 95) return { end: j, ok: true };
    if (!accept(text.charCodeAt(j + 1))) return { end: j + 1, ok: false };
    j++;
  }
}

function invalid(kind: string, start: number, end: number): ScannedNumber {
  return {
    end: Math.max(end, start + 1),
    imaginary: false,
    problem: {
      code: codes.pySyntax,
      message: `invalid ${kind} literal`,
      hint: "check the digits, the '_' separators and what directly follows the number",
      start,
      end: Math.max(end, start + 1),
    },
  };
}

function finish(
  text: string,
  start: number,
  end: number,
  kind: string,
  imaginary: boolean,
): ScannedNumber {
  const c = text.charCodeAt(end);
  if (
    isIdentifierChar(c) &&
    !allowedFollowers.some((k) => text.startsWith(k, end))
  ) {
    return invalid(kind, start, end + 1);
  }
  return { end, imaginary };
}

function prefixed(
  text: string,
  start: number,
  kind: string,
  accept: (c: number) => boolean,
): ScannedNumber {
  let i = start + 2;
  if (text.charCodeAt(i) === 95) i++;
  if (!accept(text.charCodeAt(i)))
    return isDigit(text.charCodeAt(i))
      ? invalidDigit(text, i, kind)
      : invalid(kind, start, i + 1);
  const run = digits(text, i, accept);
  if (!run.ok) return invalid(kind, start, run.end);
  if (kind !== "hexadecimal" && isDigit(text.charCodeAt(run.end)))
    return invalidDigit(text, run.end, kind);
  return finish(text, start, run.end, kind, false);
}

function invalidDigit(text: string, at: number, kind: string): ScannedNumber {
  const problem: LiteralProblem = {
    code: codes.pySyntax,
    message: `invalid digit '${text.charAt(at)}' in ${kind} literal`,
    hint:
      kind === "octal" ? "octal digits are 0-7" : "binary digits are 0 and 1",
    start: at,
    end: at + 1,
  };
  return { end: at + 1, imaginary: false, problem };
}

/** Fraction, exponent and imaginary suffix after the integer part ending at `i`. */
function decimalTail(text: string, start: number, i: number): ScannedNumber {
  let end = i;
  if (text.charCodeAt(end) === 46 /* . */) {
    end++;
    if (isDigit(text.charCodeAt(end))) {
      const run = digits(text, end, isDigit);
      if (!run.ok) return invalid("decimal", start, run.end);
      end = run.end;
    }
  }
  const e = text.charCodeAt(end);
  if (e === 101 || e === 69 /* e E */) {
    let j = end + 1;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (isDigit(text.charCodeAt(j))) {
      const run = digits(text, j, isDigit);
      if (!run.ok) return invalid("decimal", start, run.end);
      end = run.end;
    } else if (j > end + 1) {
      return invalid("decimal", start, j);
    } else {
      // `1else`: CPython backs up before the `e` and lets the keyword follow.
      return finish(text, start, end, "decimal", false);
    }
  }
  const j = text.charCodeAt(end);
  if (j === 106 || j === 74 /* j J */)
    return finish(text, start, end + 1, "imaginary", true);
  return finish(text, start, end, "decimal", false);
}

/** Scans a number starting at `start` (a digit, or `.` followed by a digit). */
export function scanNumber(text: string, start: number): ScannedNumber {
  const c = text.charCodeAt(start);
  if (c === 46) {
    const run = digits(text, start + 1, isDigit);
    if (!run.ok) return invalid("decimal", start, run.end);
    return decimalTail(text, start, run.end);
  }
  if (c === 48) {
    const x = text.charCodeAt(start + 1) | 32;
    if (x === 120) return prefixed(text, start, "hexadecimal", isHexDigit);
    if (x === 111) return prefixed(text, start, "octal", isOctDigit);
    if (x === 98) return prefixed(text, start, "binary", isBinDigit);
    const zeros = digits(text, start, (d) => d === 48);
    if (!zeros.ok && !isDigit(text.charCodeAt(zeros.end)))
      return invalid("decimal", start, zeros.end);
    if (isDigit(text.charCodeAt(zeros.end))) {
      // Leading zeros are only allowed when a fraction or exponent makes the literal a float.
      const rest = digits(text, start, isDigit);
      if (!rest.ok) return invalid("decimal", start, rest.end);
      const next = text.charCodeAt(rest.end);
      if (
        next === 46 ||
        next === 101 ||
        next === 69 ||
        next === 106 ||
        next === 74
      ) {
        return decimalTail(text, start, rest.end);
      }
      return {
        end: rest.end,
        imaginary: false,
        problem: {
          code: codes.pySyntax,
          message:
            "leading zeros in decimal integer literals are not permitted",
          hint: "write the number without leading zeros (or use an 0o prefix for octal)",
          start,
          end: rest.end,
        },
      };
    }
    return decimalTail(text, start, zeros.end);
  }
  const run = digits(text, start, isDigit);
  if (!run.ok) return invalid("decimal", start, run.end);
  return decimalTail(text, start, run.end);
}
