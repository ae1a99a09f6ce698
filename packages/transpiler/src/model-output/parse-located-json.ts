/**
 * A small strict JSON reader that remembers where each string literal starts, so code
 * embedded in a tool call can be located in the raw model output (`JSON.parse` forgets
 * positions; the project's lossless JSON layer keeps far more than needed here).
 * Returns `undefined` for anything that is not exactly one JSON value; never throws.
 */
export type LocatedJson =
  | { readonly kind: "object"; readonly entries: readonly LocatedEntry[] }
  | { readonly kind: "array"; readonly items: readonly LocatedJson[] }
  | {
      readonly kind: "string";
      readonly value: string;
      /** Raw offset of the first character after the opening quote. */
      readonly contentStart: number;
    }
  | { readonly kind: "scalar" };

export interface LocatedEntry {
  readonly key: string;
  readonly value: LocatedJson;
}

/** Tool calls are shallow; a deeper document is not one, and the limit bounds recursion. */
const MAX_DEPTH = 64;

export function parseLocatedJson(text: string): LocatedJson | undefined {
  let i = 0;
  const skip = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const readString = (): LocatedJson | undefined => {
    const contentStart = i + 1;
    const decoded = decodeJsonString(text, contentStart);
    if (decoded === undefined) return undefined;
    i = decoded.end + 1;
    return { kind: "string", value: decoded.value, contentStart };
  };
  const readValue = (depth: number): LocatedJson | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    skip();
    const c = text[i];
    if (c === '"') return readString();
    if (c === "{") {
      i++;
      const entries: LocatedEntry[] = [];
      skip();
      if (text[i] === "}") {
        i++;
        return { kind: "object", entries };
      }
      for (;;) {
        skip();
        if (text[i] !== '"') return undefined;
        const key = readString();
        if (key?.kind !== "string") return undefined;
        skip();
        if (text[i] !== ":") return undefined;
        i++;
        const value = readValue(depth + 1);
        if (value === undefined) return undefined;
        entries.push({ key: key.value, value });
        skip();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return { kind: "object", entries };
        } else return undefined;
      }
    }
    if (c === "[") {
      i++;
      const items: LocatedJson[] = [];
      skip();
      if (text[i] === "]") {
        i++;
        return { kind: "array", items };
      }
      for (;;) {
        const value = readValue(depth + 1);
        if (value === undefined) return undefined;
        items.push(value);
        skip();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return { kind: "array", items };
        } else return undefined;
      }
    }
    const scalar =
      /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
        text.slice(i, i + 400),
      );
    if (scalar === null) return undefined;
    i += scalar[0].length;
    return { kind: "scalar" };
  };
  const value = readValue(0);
  skip();
  return value !== undefined && i === text.length ? value : undefined;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/**
 * Decodes the JSON string whose content starts at `start`; `end` is the offset of the
 * closing quote.
 */
export function decodeJsonString(
  text: string,
  start: number,
): { readonly value: string; readonly end: number } | undefined {
  const parts: string[] = [];
  let runStart = start;
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      parts.push(text.slice(runStart, i));
      return { value: parts.join(""), end: i };
    }
    if (c < 0x20) return undefined;
    if (c !== 0x5c) {
      i++;
      continue;
    }
    parts.push(text.slice(runStart, i));
    const e = text[i + 1] ?? "";
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      parts.push(simple);
      i += 2;
    } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      parts.push(String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)));
      i += 6;
    } else return undefined;
    runStart = i;
  }
  return undefined;
}

/**
 * The raw offset of each code unit of a string that `decodeJsonString` accepted, plus the
 * closing quote's offset at index `length`. A separate pass so that plain decoding, by far
 * the common use, stays allocation-light.
 */
export function jsonStringOffsets(
  text: string,
  start: number,
  length: number,
): Int32Array {
  const offsets = new Int32Array(length + 1);
  let i = start;
  for (let o = 0; o < length; o++) {
    offsets[o] = i;
    if (text.charCodeAt(i) !== 0x5c) i++;
    else i += text[i + 1] === "u" ? 6 : 2;
  }
  offsets[length] = i;
  return offsets;
}
