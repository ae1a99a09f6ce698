import { createHash } from "node:crypto";

/**
 * A value in a simulated Flow environment: what the GraphQL Admin API would return as JSON.
 * Decimal, Money and UnsignedInt64 arrive as strings, dates as ISO-8601 strings.
 */
export type SimValue =
  null | boolean | number | string | readonly SimValue[] | SimRecord;

export interface SimRecord {
  readonly [key: string]: SimValue;
}

export function isRecord(v: SimValue | undefined): v is SimRecord {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isList(v: SimValue | undefined): v is readonly SimValue[] {
  return Array.isArray(v);
}

/** JSON with keys sorted at every depth: equal values give equal text. */
export function canonicalJson(v: SimValue): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (isRecord(v)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k] ?? null)}`).join(",")}}`;
  }
  return JSON.stringify(v);
}

/** Records merge key by key; anything else in `patch` replaces what `base` had. */
export function deepMerge(base: SimValue, patch: SimValue): SimValue {
  if (!isRecord(base) || !isRecord(patch)) return patch;
  const out: Record<string, SimValue> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const before = out[k];
    out[k] = before === undefined ? v : deepMerge(before, v);
  }
  return out;
}

/** A 32-bit seed from text, for seeded generation that depends only on content. */
export function seedOf(...parts: readonly string[]): number {
  const digest = createHash("sha1").update(parts.join("\u0000")).digest();
  return digest.readInt32LE(0);
}

/** Plain JSON text of a value as it would be printed into Liquid output or a log line. */
export function scalarText(v: SimValue): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return canonicalJson(v);
}
