import { codes } from "../diagnostics/codes.js";
import { error, fail, ok } from "../diagnostics/diagnostic.js";
import type {
  Diagnostic,
  JsonPath,
  Result,
} from "../diagnostics/diagnostic.js";
import { InternalError } from "../diagnostics/errors.js";
import { createLineIndex } from "../source/line-index.js";
import type { Position, Span } from "../source/span.js";
import type { JsonEntry, JsonNode } from "./json-node.js";
import {
  abbreviate,
  createScanner,
  describe,
  isWordChar,
  lineIndexOf,
  positionAt,
  problem,
  readWord,
  scanNumber,
  scanString,
  skipWhitespace,
  unexpected,
  wordHint,
} from "./json-scanner.js";
import type { Scanner } from "./json-scanner.js";

export interface ParseJsonOptions {
  /** Most containers that may be open at once; deeper input is `json-too-deep`. Default 256. */
  readonly maxDepth?: number;
  /** Longest accepted text in UTF-16 code units; longer input is `json-too-large`. Default 50 MiB. */
  readonly maxLength?: number;
  /**
   * Attach a `span` to every node and entry (default true). Spans are most of the allocation
   * work; callers that locate problems by JSON path alone parse about twice as fast without.
   */
  readonly spans?: boolean;
}

export const defaultMaxDepth = 256;
export const defaultMaxLength = 50 * 1024 * 1024;

/** Duplicate keys do not stop parsing; past this many, more reports help nobody. */
const maxDuplicateReports = 100;

/**
 * Parses strict RFC 8259 JSON into a lossless `JsonNode` (see `json-node.ts`).
 *
 * The parser is one loop over an explicit stack of open containers, so nesting costs heap,
 * not call stack: hostile input such as 100k `[` ends in `json-too-deep`, never in a stack
 * overflow. It stops at the first syntax error. Duplicate keys are errors (a plain-object
 * view of the document would silently lose one), but they do not stop parsing, so all of
 * them are reported. Never throws on any input.
 */
export function parseJson(
  text: string,
  options: ParseJsonOptions = {},
): Result<JsonNode> {
  const maxDepth = options.maxDepth ?? defaultMaxDepth;
  const maxLength = options.maxLength ?? defaultMaxLength;
  const spans = options.spans ?? true;
  if (text.length > maxLength) return fail([tooLarge(text, maxLength)]);
  if (text.charCodeAt(0) === 0xfeff) {
    return fail([
      error(
        codes.jsonSyntax,
        "the document starts with a byte order mark (U+FEFF)",
        {
          span: createLineIndex(text).span(0, 1),
          path: [],
          hint: "Save the file as UTF-8 without a BOM; JSON texts must not begin with one (RFC 8259 section 8.1).",
        },
      ),
    ]);
  }

  const st = createScanner(text);
  const stack: Frame[] = [];
  const duplicates: Diagnostic[] = [];
  const keys: KeyTable = { text: new Map(), raw: new Map() };
  skipWhitespace(st);

  for (;;) {
    // Value position: st.pos is at the first character of a value.
    let node: JsonNode;
    const startOffset = st.pos;
    const c = text.charCodeAt(startOffset);
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= maxDepth)
        return fail([...duplicates, tooDeep(st, stack, maxDepth)]);
      const start = spans ? positionAt(st, startOffset) : undefined;
      st.pos++;
      skipWhitespace(st);
      if (c === 0x7b) {
        if (text.charCodeAt(st.pos) !== 0x7d) {
          const frame: ObjectFrame = {
            kind: "object",
            start,
            entries: [],
            keyOffsets: [],
            firstIndex: undefined,
            hasKey: false,
            key: "",
            keyRaw: "",
            keyStart: undefined,
          };
          stack.push(frame);
          if (!readKey(st, frame, stack, duplicates, spans, keys))
            return failed(st, stack, duplicates, false);
          continue;
        }
        st.pos++;
        node = start
          ? { kind: "object", entries: [], span: spanFrom(st, start) }
          : { kind: "object", entries: [] };
      } else {
        if (text.charCodeAt(st.pos) !== 0x5d) {
          stack.push({ kind: "array", start, items: [] });
          continue;
        }
        st.pos++;
        node = start
          ? { kind: "array", items: [], span: spanFrom(st, start) }
          : { kind: "array", items: [] };
      }
    } else if (c === 0x22) {
      if (!scanString(st)) return failed(st, stack, duplicates, true);
      const value = st.str;
      const raw = text.slice(startOffset, st.pos);
      node = spans
        ? { kind: "string", value, raw, span: tokenSpan(st, startOffset) }
        : { kind: "string", value, raw };
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      if (!scanNumber(st)) return failed(st, stack, duplicates, true);
      const raw = text.slice(startOffset, st.pos);
      node = spans
        ? { kind: "number", raw, span: tokenSpan(st, startOffset) }
        : { kind: "number", raw };
    } else if (isWordChar(c)) {
      const word = readWord(text, startOffset);
      st.pos += word.length;
      if (word === "true" || word === "false") {
        const value = word === "true";
        node = spans
          ? { kind: "boolean", value, span: tokenSpan(st, startOffset) }
          : { kind: "boolean", value };
      } else if (word === "null") {
        node = spans
          ? { kind: "null", span: tokenSpan(st, startOffset) }
          : { kind: "null" };
      } else {
        problem(
          st,
          startOffset,
          st.pos,
          `unexpected token '${abbreviate(word)}'`,
          wordHint(word),
        );
        return failed(st, stack, duplicates, true);
      }
    } else {
      unexpected(st, "a JSON value");
      return failed(st, stack, duplicates, true);
    }

    // A value is complete: attach it to its container, closing containers as they end.
    for (;;) {
      const frame = stack[stack.length - 1];
      skipWhitespace(st);
      const d = text.charCodeAt(st.pos);
      if (frame === undefined) {
        if (st.pos < text.length) {
          problem(
            st,
            st.pos,
            st.pos + 1,
            `unexpected ${describe(text, st.pos)} after the end of the JSON value`,
            d === 0x2f
              ? "JSON does not allow comments."
              : "A JSON document holds exactly one value; wrap several values in an array.",
          );
          return failed(st, stack, duplicates, false);
        }
        return duplicates.length > 0 ? fail(duplicates) : ok(node);
      }
      if (frame.kind === "array") {
        frame.items.push(node);
        if (d === 0x2c) {
          const comma = st.pos++;
          skipWhitespace(st);
          if (text.charCodeAt(st.pos) === 0x5d)
            return trailingComma(st, stack, duplicates, comma, "array");
          break;
        }
        if (d === 0x5d) {
          st.pos++;
          stack.pop();
          const start = frame.start;
          node = start
            ? { kind: "array", items: frame.items, span: spanFrom(st, start) }
            : { kind: "array", items: frame.items };
          continue;
        }
        unexpected(
          st,
          `',' or ']' after array element ${frame.items.length - 1}`,
        );
        return failed(st, stack, duplicates, false);
      }
      frame.entries.push(entryOf(frame, node));
      frame.hasKey = false;
      if (d === 0x2c) {
        const comma = st.pos++;
        skipWhitespace(st);
        if (text.charCodeAt(st.pos) === 0x7d)
          return trailingComma(st, stack, duplicates, comma, "object");
        if (!readKey(st, frame, stack, duplicates, spans, keys))
          return failed(st, stack, duplicates, false);
        break;
      }
      if (d === 0x7d) {
        st.pos++;
        stack.pop();
        const start = frame.start;
        node = start
          ? {
              kind: "object",
              entries: frame.entries,
              span: spanFrom(st, start),
            }
          : { kind: "object", entries: frame.entries };
        continue;
      }
      unexpected(
        st,
        `',' or '}' after the value of key ${abbreviate(frame.keyRaw)}`,
      );
      return failed(st, stack, duplicates, false);
    }
  }
}

type Frame = ObjectFrame | ArrayFrame;

/** An open container. `start` is undefined when spans are off. Scratch data of one parse call. */
interface ObjectFrame {
  readonly kind: "object";
  readonly start: Position | undefined;
  readonly entries: JsonEntry[];
  /** Offset of every key read so far, to point duplicate reports at the first occurrence. */
  readonly keyOffsets: number[];
  /** Key → index of its first occurrence, built only once an object is big enough for linear search to cost. */
  firstIndex: Map<string, number> | undefined;
  /** Whether `key` names the entry whose value is being read (it is then part of error paths). */
  hasKey: boolean;
  key: string;
  keyRaw: string;
  keyStart: Position | undefined;
}

interface ArrayFrame {
  readonly kind: "array";
  readonly start: Position | undefined;
  readonly items: JsonNode[];
}

/** Span of a token that ends at `st.pos` on the same line (every scalar token is one line). */
function tokenSpan(st: Scanner, startOffset: number): Span {
  return { start: positionAt(st, startOffset), end: positionAt(st, st.pos) };
}

function spanFrom(st: Scanner, start: Position): Span {
  return { start, end: positionAt(st, st.pos) };
}

function entryOf(frame: ObjectFrame, value: JsonNode): JsonEntry {
  const start = frame.keyStart;
  const end = value.span?.end;
  return start && end
    ? { key: frame.key, keyRaw: frame.keyRaw, value, span: { start, end } }
    : { key: frame.key, keyRaw: frame.keyRaw, value };
}

/**
 * One string per distinct key text (and key lexeme) of a document. The same few keys repeat
 * in every step, link and config entry, and readers compare them again and again: shared
 * instances keep those comparisons cheap and the tree small. Scratch data of one call.
 */
interface KeyTable {
  readonly text: Map<string, string>;
  /**
   * Interned key → its lexeme, for keys written without escapes: such a lexeme is the key
   * in quotes, so it is found by the interned key (hash already computed) without slicing
   * and hashing the lexeme again.
   */
  readonly raw: Map<string, string>;
}

function intern(keys: KeyTable, text: string): string {
  const known = keys.text.get(text);
  if (known !== undefined) return known;
  keys.text.set(text, text);
  return text;
}

function lexemeOf(
  keys: KeyTable,
  key: string,
  st: Scanner,
  start: number,
): string {
  if (st.pos - start !== key.length + 2)
    return intern(keys, st.text.slice(start, st.pos));
  const known = keys.raw.get(key);
  if (known !== undefined) return known;
  const raw = intern(keys, st.text.slice(start, st.pos));
  keys.raw.set(key, raw);
  return raw;
}

/** Reads a key and its colon; leaves `st.pos` at the value. */
function readKey(
  st: Scanner,
  frame: ObjectFrame,
  stack: readonly Frame[],
  duplicates: Diagnostic[],
  spans: boolean,
  keys: KeyTable,
): boolean {
  const text = st.text;
  const keyOffset = st.pos;
  if (text.charCodeAt(keyOffset) !== 0x22) {
    unexpected(st, "a string key or '}'");
    return false;
  }
  if (!scanString(st)) return false;
  const key = intern(keys, st.str);
  const keyRaw = lexemeOf(keys, key, st, keyOffset);
  const first = firstIndexOf(frame, key);
  if (first !== undefined && duplicates.length < maxDuplicateReports) {
    duplicates.push(
      duplicateKey(
        st,
        stack,
        key,
        keyRaw,
        keyOffset,
        frame.keyOffsets[first] ?? keyOffset,
      ),
    );
  }
  frame.keyOffsets.push(keyOffset);
  frame.key = key;
  frame.keyRaw = keyRaw;
  frame.keyStart = spans ? positionAt(st, keyOffset) : undefined;
  frame.hasKey = true;
  skipWhitespace(st);
  if (text.charCodeAt(st.pos) !== 0x3a) {
    unexpected(st, `':' after key ${abbreviate(keyRaw)}`);
    return false;
  }
  st.pos++;
  skipWhitespace(st);
  return true;
}

/** Index of the entry already holding `key`, and records `key` as the next entry. */
function firstIndexOf(frame: ObjectFrame, key: string): number | undefined {
  const entries = frame.entries;
  const index = entries.length;
  if (frame.firstIndex === undefined) {
    if (index < 16) {
      for (let k = 0; k < index; k++) if (entries[k]?.key === key) return k;
      return undefined;
    }
    frame.firstIndex = new Map();
    for (let k = 0; k < index; k++) {
      const seen = entries[k]?.key ?? "";
      if (!frame.firstIndex.has(seen)) frame.firstIndex.set(seen, k);
    }
  }
  const first = frame.firstIndex.get(key);
  if (first === undefined) frame.firstIndex.set(key, index);
  return first;
}

function duplicateKey(
  st: Scanner,
  stack: readonly Frame[],
  key: string,
  keyRaw: string,
  keyOffset: number,
  firstOffset: number,
): Diagnostic {
  const index = lineIndexOf(st);
  const first = index.position(firstOffset);
  return error(
    codes.jsonDuplicateKey,
    `duplicate key ${abbreviate(keyRaw)} (first at ${first.line}:${first.column})`,
    {
      span: index.span(keyOffset, keyOffset + keyRaw.length),
      path: [...pathOf(stack, false), key],
      hint: "Remove or rename one of the entries: a repeated key cannot survive a round trip.",
    },
  );
}

function trailingComma(
  st: Scanner,
  stack: readonly Frame[],
  duplicates: readonly Diagnostic[],
  comma: number,
  container: "array" | "object",
): Result<JsonNode> {
  problem(
    st,
    comma,
    comma + 1,
    `trailing comma in ${container}`,
    `Remove the comma after the last ${container === "array" ? "element" : "entry"}; JSON does not allow trailing commas.`,
  );
  return failed(st, stack, duplicates, false);
}

/** The result for the recorded syntax problem; `inSlot` says it lies inside the value being read. */
function failed(
  st: Scanner,
  stack: readonly Frame[],
  duplicates: readonly Diagnostic[],
  inSlot: boolean,
): Result<JsonNode> {
  const p = st.problem;
  if (p === undefined)
    throw new InternalError("JSON parse failed without recording a problem");
  const diagnostic = error(p.code, p.message, {
    span: lineIndexOf(st).span(p.start, p.end),
    path: pathOf(stack, inSlot),
    hint: p.hint,
  });
  return fail([...duplicates, diagnostic]);
}

function tooDeep(
  st: Scanner,
  stack: readonly Frame[],
  maxDepth: number,
): Diagnostic {
  return error(codes.jsonTooDeep, `nesting is deeper than ${maxDepth} levels`, {
    span: lineIndexOf(st).span(st.pos, st.pos + 1),
    path: pathOf(stack, true),
    hint: "Flatten the document, or raise the maxDepth limit if such nesting is legitimate.",
  });
}

function tooLarge(text: string, maxLength: number): Diagnostic {
  // Index only the accepted prefix: the point of the limit is not to scan huge input.
  const prefix = text.slice(0, maxLength + 1);
  return error(
    codes.jsonTooLarge,
    `the document is ${text.length} characters long; the limit is ${maxLength}`,
    {
      span: createLineIndex(prefix).span(maxLength, maxLength + 1),
      path: [],
      hint: "Split the document, or raise the maxLength limit if such sizes are legitimate.",
    },
  );
}

/** The JSON path of the innermost open container, plus the slot being read when `inSlot`. */
function pathOf(stack: readonly Frame[], inSlot: boolean): JsonPath {
  const path: (string | number)[] = [];
  const last = stack.length - 1;
  stack.forEach((frame, k) => {
    if (frame.kind === "array") {
      if (k < last || inSlot) path.push(frame.items.length);
    } else if (frame.hasKey) path.push(frame.key);
  });
  return path;
}
