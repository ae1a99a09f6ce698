import {
  parseJson,
  printJson,
  pythonJsonDumpsStyle,
  type Diagnostic,
  type JsonNode,
  type JsonPath,
  type Result,
} from "@flowpy/transpiler";
import type { JsonValue } from "../conversation/chat-message.js";
import { pythonFloatRepr } from "../json/format-number.js";
import { sdkCodes } from "../sdk-codes.js";

/**
 * JSON exactly as the serving side's Python writes it: vLLM reads the request with
 * `json.loads` and the chat template prints objects with transformers' `tojson`, i.e.
 * `json.dumps(x, ensure_ascii=False)` — separators `", "` and `": "`, keys in the order
 * received, non-ASCII kept, and Python's own number spellings (`1.0`, `1e-07`), which is
 * where JavaScript's `JSON.stringify` differs.
 */

/**
 * What Python's `json.dumps(json.loads(raw))` writes for one JSON number lexeme: a lexeme
 * without `.`/`e` is an int (exact, any size), anything else a float.
 */
export function pythonNumberLexeme(raw: string): string {
  if (!/[.eE]/.test(raw)) return raw === "-0" ? "0" : raw;
  return pythonFloatRepr(Number(raw));
}

/** Re-spells every lexeme of a lossless JSON tree the way Python would print it. */
function toPythonLexemes(node: JsonNode): JsonNode {
  switch (node.kind) {
    case "object":
      return {
        kind: "object",
        entries: node.entries.map((e) => ({
          key: e.key,
          keyRaw: JSON.stringify(e.key),
          value: toPythonLexemes(e.value),
        })),
      };
    case "array":
      return { kind: "array", items: node.items.map(toPythonLexemes) };
    case "string":
      return {
        kind: "string",
        value: node.value,
        raw: JSON.stringify(node.value),
      };
    case "number":
      return { kind: "number", raw: pythonNumberLexeme(node.raw) };
    case "boolean":
    case "null":
      return node;
  }
}

const loneSurrogate =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function lone(s: string): boolean {
  return loneSurrogate.test(s);
}

/** The first lone UTF-16 surrogate in a tree: Python would print it raw and UTF-8 cannot encode it. */
function loneSurrogatePath(
  node: JsonNode,
  path: JsonPath,
): JsonPath | undefined {
  switch (node.kind) {
    case "object":
      for (const e of node.entries) {
        if (lone(e.key)) return [...path, e.key];
        const found = loneSurrogatePath(e.value, [...path, e.key]);
        if (found) return found;
      }
      return undefined;
    case "array":
      for (const [i, item] of node.items.entries()) {
        const found = loneSurrogatePath(item, [...path, i]);
        if (found) return found;
      }
      return undefined;
    case "string":
      return lone(node.value) ? path : undefined;
    default:
      return undefined;
  }
}

/** `json.dumps(json.loads(text), ensure_ascii=False)`, or why Python would refuse or mangle the text. */
export function pythonJsonFromText(
  text: string,
  path: JsonPath = [],
): Result<string> {
  const parsed = parseJson(text, { spans: false });
  if (!parsed.ok) {
    const first = parsed.diagnostics[0];
    return failAt(
      sdkCodes.renderInvalidJson,
      `not valid JSON: ${first?.message ?? "parse error"}`,
      path,
    );
  }
  const lone = loneSurrogatePath(parsed.value, []);
  if (lone !== undefined)
    return failAt(
      sdkCodes.renderLoneSurrogate,
      "a string holds a lone UTF-16 surrogate, which cannot be encoded as UTF-8 for the tokenizer",
      [...path, ...lone],
    );
  return {
    ok: true,
    value: printJson(toPythonLexemes(parsed.value), pythonJsonDumpsStyle),
    diagnostics: [],
  };
}

/**
 * What the serving side prints for a JavaScript value it received as `JSON.stringify(value)`:
 * Python reads that text and dumps it again. Non-finite numbers are refused because
 * `JSON.stringify` would silently turn them into `null`.
 */
export function pythonJsonFromValue(
  value: JsonValue,
  path: JsonPath = [],
): Result<string> {
  const bad = nonFiniteNumberPath(value, []);
  if (bad !== undefined)
    return failAt(
      sdkCodes.renderNonFiniteNumber,
      "a number is NaN or infinite; JSON cannot carry it",
      [...path, ...bad],
    );
  return pythonJsonFromText(JSON.stringify(value), path);
}

function nonFiniteNumberPath(
  value: JsonValue,
  path: JsonPath,
): JsonPath | undefined {
  if (typeof value === "number")
    return Number.isFinite(value) ? undefined : path;
  if (value === null || typeof value !== "object") return undefined;
  if (isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nonFiniteNumberPath(item, [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    const found = nonFiniteNumberPath(v, [...path, k]);
    if (found) return found;
  }
  return undefined;
}

/**
 * The first number whose JavaScript spelling (what `@huggingface/jinja`'s `tojson` prints)
 * differs from Python's after the JSON round trip: only non-integral magnitudes below 1e-4
 * do (`0.00001` vs `1e-05`, `1e-7` vs `1e-07`); integral values such as `1.0` are the
 * number 1 in JavaScript, sent as `1`, and Python prints `1` too.
 */
export function pythonSpellingMismatch(
  value: JsonValue,
  path: JsonPath = [],
):
  | { readonly path: JsonPath; readonly js: string; readonly python: string }
  | undefined {
  if (typeof value === "number") {
    const js = JSON.stringify(value);
    const python = pythonNumberLexeme(js);
    return js === python ? undefined : { path, js, python };
  }
  if (value === null || typeof value !== "object") return undefined;
  const children: [string | number, JsonValue][] = isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  for (const [k, v] of children) {
    const found = pythonSpellingMismatch(v, [...path, k]);
    if (found) return found;
  }
  return undefined;
}

function isArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

function failAt<T>(code: string, message: string, path: JsonPath): Result<T> {
  const d: Diagnostic = { code, severity: "error", message, path };
  return { ok: false, diagnostics: [d] };
}
