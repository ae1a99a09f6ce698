import { InternalError } from "../diagnostics/errors.js";
import { isJsonNumberLexeme } from "./json-node.js";

/**
 * The exact decimal value of a JSON number lexeme in one canonical spelling,
 * `[-]<digits without leading or trailing zeros>e<exponent>` or `0`, so two lexemes denote
 * the same number exactly when their normal forms are equal: `1.0`, `1`, `10E-1` and `0.1e1`
 * all give `1e0`; `-0` and `0.00` give `0`. No doubles are involved, so
 * `12345678901234567890` and `12345678901234567891` stay different (and so do `0.1` and
 * `0.10000000000000001`, which share a double).
 */
export function normalizeNumberLexeme(raw: string): string {
  if (!isJsonNumberLexeme(raw))
    throw new InternalError(`not a JSON number lexeme: ${JSON.stringify(raw)}`);
  const negative = raw.charCodeAt(0) === 0x2d;
  const exponentAt = raw.search(/[eE]/);
  const mantissa = raw.slice(
    negative ? 1 : 0,
    exponentAt < 0 ? raw.length : exponentAt,
  );
  const dot = mantissa.indexOf(".");
  const fraction = dot < 0 ? "" : mantissa.slice(dot + 1);
  const allDigits = dot < 0 ? mantissa : mantissa.slice(0, dot) + fraction;
  let first = 0;
  while (allDigits.charCodeAt(first) === 0x30) first++;
  let last = allDigits.length;
  while (last > first && allDigits.charCodeAt(last - 1) === 0x30) last--;
  if (first === last) return "0";
  // BigInt because an exponent written with many digits does not fit a double exactly.
  const written = exponentAt < 0 ? 0n : BigInt(raw.slice(exponentAt + 1));
  const exponent =
    written - BigInt(fraction.length) + BigInt(allDigits.length - last);
  return `${negative ? "-" : ""}${allDigits.slice(first, last)}e${exponent}`;
}

/** Whether two number lexemes denote the same decimal value. */
export function numberLexemesEqual(a: string, b: string): boolean {
  return a === b || normalizeNumberLexeme(a) === normalizeNumberLexeme(b);
}
