import { InternalError } from "../../diagnostics/errors.js";

const DIGITS = String.raw`\d(?:_?\d)*`;
const NUMBER = new RegExp(
  String.raw`^(?:${DIGITS})?(?:\.(?:${DIGITS})?)?(?:[eE][+-]?${DIGITS})?$`,
);

/**
 * A number lexeme the way black's `normalize_numeric_literal` leaves it: lowercase `e`, no
 * `+` in the exponent, digits on both sides of the point (`1.` → `1.0`, `.5` → `0.5`).
 * Integers with leading zeros (`007`, valid JSON-ish but not Python 3) lose them.
 */
export function formatNumberLiteral(raw: string): string {
  if (!NUMBER.test(raw) || !/\d/.test(raw.split(/[eE]/)[0] ?? "")) {
    throw new InternalError(
      `not a decimal number lexeme: ${JSON.stringify(raw)}`,
    );
  }
  const text = raw.toLowerCase();
  const e = text.indexOf("e");
  if (e < 0) return formatMantissa(text, true);
  const exponent = text.slice(e + 1);
  return `${formatMantissa(text.slice(0, e), false)}e${exponent.startsWith("+") ? exponent.slice(1) : exponent}`;
}

function formatMantissa(text: string, standalone: boolean): string {
  const dot = text.indexOf(".");
  if (dot < 0)
    return standalone && /^0[0_]*[1-9]/.test(text)
      ? text.replace(/^[0_]+/, "")
      : text;
  return `${text.slice(0, dot) || "0"}.${text.slice(dot + 1) || "0"}`;
}
