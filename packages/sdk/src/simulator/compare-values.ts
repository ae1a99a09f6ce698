import type { SimValue } from "./sim-value.js";

/*
 * Flow's comparison semantics (SPEC §b.1) over simulated values. Where the SPEC is silent
 * the choices are:
 * - Numbers: two values compare as numbers when both are numbers or decimal strings
 *   (GraphQL sends Decimal, Money and UnsignedInt64 as strings), so "10.50" > 9 and
 *   "10.0" == 10.
 * - Dates: two ISO-8601 strings (date or date-time) compare as instants; a date alone is
 *   midnight UTC.
 * - Booleans compare with booleans or with the strings "true"/"false" (any case).
 * - Everything else compares as strings, case-insensitively (lower-cased), including
 *   ordering (code-unit order of the lower-cased text).
 * - null: `==` is true only against null; every ordering and string operator is false.
 * - Each `not_…` operator and `!=` is exactly the negation of its positive form, so
 *   `null != 'x'` and `null not_include? 'x'` are true.
 * - A list compared directly, or an object, is not comparable: the positive operator is
 *   false (the caller reports it).
 */

export type Outcome = boolean | "not-comparable";

const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;
const ISO_DATE =
  /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function asNumber(v: SimValue): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string" && DECIMAL.test(v)) return Number(v);
  return undefined;
}

function asInstant(v: SimValue): number | undefined {
  if (typeof v !== "string" || !ISO_DATE.test(v)) return undefined;
  const t = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
  return Number.isNaN(t) ? undefined : t;
}

function asBoolean(v: SimValue): boolean | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") {
    const l = v.toLowerCase();
    if (l === "true") return true;
    if (l === "false") return false;
  }
  return undefined;
}

function asText(v: SimValue): string | undefined {
  if (typeof v === "string") return v.toLowerCase();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return undefined;
}

function isScalar(v: SimValue): boolean {
  return v === null || typeof v !== "object";
}

/** -1, 0, 1 by Flow's rules, or undefined when the two values have no common order. */
export function order(a: SimValue, b: SimValue): -1 | 0 | 1 | undefined {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return sign(na - nb);
  const ta = asInstant(a);
  const tb = asInstant(b);
  if (ta !== undefined && tb !== undefined) return sign(ta - tb);
  const sa = asText(a);
  const sb = asText(b);
  if (
    typeof a !== "boolean" &&
    typeof b !== "boolean" &&
    sa !== undefined &&
    sb !== undefined
  )
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  return undefined;
}

export function equals(a: SimValue, b: SimValue): Outcome {
  if (a === null || b === null) return a === b;
  if (!isScalar(a) || !isScalar(b)) return "not-comparable";
  const ba = asBoolean(a);
  const bb = asBoolean(b);
  if (
    (typeof a === "boolean" || typeof b === "boolean") &&
    ba !== undefined &&
    bb !== undefined
  )
    return ba === bb;
  const o = order(a, b);
  return o === undefined ? false : o === 0;
}

export type PositiveBinary =
  | "=="
  | ">"
  | ">="
  | "<"
  | "<="
  | "start_with?"
  | "end_with?"
  | "include?"
  | "in?";

export function comparePositive(
  op: PositiveBinary,
  a: SimValue,
  b: SimValue,
): Outcome {
  if (!isScalar(a) || !isScalar(b)) return "not-comparable";
  switch (op) {
    case "==":
      return equals(a, b);
    case ">":
    case ">=":
    case "<":
    case "<=": {
      if (a === null || b === null) return false;
      const o = order(a, b);
      if (o === undefined) return "not-comparable";
      return op === ">"
        ? o > 0
        : op === ">="
          ? o >= 0
          : op === "<"
            ? o < 0
            : o <= 0;
    }
    case "start_with?":
    case "end_with?":
    case "include?": {
      const sa = asText(a);
      const sb = asText(b);
      if (sa === undefined || sb === undefined) return false;
      return op === "start_with?"
        ? sa.startsWith(sb)
        : op === "end_with?"
          ? sa.endsWith(sb)
          : sa.includes(sb);
    }
    case "in?": {
      if (a === null || b === null) return false;
      return String(b)
        .split(",")
        .some((item) => equals(a, item.trim()) === true);
    }
  }
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}
