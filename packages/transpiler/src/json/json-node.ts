import { InternalError } from "../diagnostics/errors.js";
import type { Span } from "../source/span.js";

/**
 * A lossless JSON tree. Besides the values it keeps every token's exact source lexeme
 * (`raw`, `keyRaw`), so printing it back reproduces the input token for token: the same
 * keys in the same order (duplicates included), the same string escapes, the same number
 * spellings. Only insignificant whitespace is not stored; see `JsonStyle` for layout.
 * Nodes built by the helpers below carry canonical lexemes (as `JSON.stringify` writes them).
 */
export type JsonNode =
  JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

export type JsonKind = JsonNode["kind"];

export interface JsonObject {
  readonly kind: "object";
  readonly entries: readonly JsonEntry[];
  readonly span?: Span;
}

export interface JsonEntry {
  /** The decoded key. */
  readonly key: string;
  /** The key exactly as written, quotes included (`"caf\u00e9"`). */
  readonly keyRaw: string;
  readonly value: JsonNode;
  /** From the first character of the key to the last character of the value. */
  readonly span?: Span;
}

export interface JsonArray {
  readonly kind: "array";
  readonly items: readonly JsonNode[];
  readonly span?: Span;
}

export interface JsonString {
  readonly kind: "string";
  /** The decoded value (may contain lone surrogates, as `JSON.parse` allows). */
  readonly value: string;
  /** The lexeme exactly as written, quotes included. */
  readonly raw: string;
  readonly span?: Span;
}

/** Only the lexeme is stored: doubles cannot hold `12345678901234567890` or tell `1.0` from `1`. */
export interface JsonNumber {
  readonly kind: "number";
  readonly raw: string;
  readonly span?: Span;
}

export interface JsonBoolean {
  readonly kind: "boolean";
  readonly value: boolean;
  readonly span?: Span;
}

export interface JsonNull {
  readonly kind: "null";
  readonly span?: Span;
}

/** RFC 8259 `number`; used only to validate lexemes handed to `jsonNumber`, never while parsing. */
const numberLexeme = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

export function isJsonNumberLexeme(raw: string): boolean {
  return numberLexeme.test(raw);
}

/** The number a lexeme denotes as a double, exactly as `JSON.parse` would read it. */
export function jsonNumberValue(node: JsonNumber): number {
  return Number(node.raw);
}

export function jsonString(value: string): JsonString {
  return { kind: "string", value, raw: quoteJson(value) };
}

/**
 * `JSON.stringify(value)` for a string. Printable ASCII other than `"` and the backslash
 * needs no escape, so most values (ids, names, templates) are quoted without the native
 * call, which costs more than this scan on the short strings documents are made of.
 */
export function quoteJson(value: string): string {
  return quotesAsIs(value) ? `"${value}"` : JSON.stringify(value);
}

/** Whether `JSON.stringify(value)` is `value` between two quotes: printable ASCII without `"` or a backslash. */
export function quotesAsIs(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

/**
 * A number node. A string argument is kept verbatim as the lexeme (it must be valid JSON
 * number syntax); a number argument gets `JSON.stringify`'s spelling (so `-0` becomes `0`).
 */
export function jsonNumber(raw: string | number): JsonNumber {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw))
      throw new InternalError(`JSON has no representation for ${String(raw)}`);
    return { kind: "number", raw: JSON.stringify(raw) };
  }
  if (!isJsonNumberLexeme(raw))
    throw new InternalError(`not a JSON number lexeme: ${JSON.stringify(raw)}`);
  return { kind: "number", raw };
}

export function jsonBoolean(value: boolean): JsonBoolean {
  return { kind: "boolean", value };
}

export function jsonNull(): JsonNull {
  return { kind: "null" };
}

export function jsonArray(items: readonly JsonNode[]): JsonArray {
  return { kind: "array", items };
}

export function jsonEntry(key: string, value: JsonNode): JsonEntry {
  return { key, keyRaw: quoteJson(key), value };
}

/** Accepts ready entries or `[key, value]` pairs (pairs get canonical key lexemes). */
export function jsonObject(
  entries: readonly (JsonEntry | readonly [string, JsonNode])[],
): JsonObject {
  return {
    kind: "object",
    entries: entries.map((entry) =>
      isPair(entry) ? jsonEntry(entry[0], entry[1]) : entry,
    ),
  };
}

function isPair(
  entry: JsonEntry | readonly [string, JsonNode],
): entry is readonly [string, JsonNode] {
  return Array.isArray(entry);
}
