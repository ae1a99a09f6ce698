import { brotliDecompressSync } from "node:zlib";
import {
  CJK_UNIFIED_IDEOGRAPH_RANGES,
  UNICODE_NAMES_PACKED,
} from "./unicode-names.generated.js";

/**
 * `\N{name}` lookup with CPython 3.11's rules (`unicodedata` `_getcode`, no named sequences):
 * table names and aliases match ASCII-case-insensitively; the algorithmic
 * "CJK UNIFIED IDEOGRAPH-XXXX" (uppercase hex, 4 or 5 digits) and "HANGUL SYLLABLE …" forms
 * match only in upper case.
 */
export function lookupUnicodeName(name: string): number | undefined {
  if (name.startsWith(CJK_PREFIX))
    return cjkIdeograph(name.slice(CJK_PREFIX.length));
  if (name.startsWith(HANGUL_PREFIX))
    return hangulSyllable(name.slice(HANGUL_PREFIX.length));
  return nameTable().get(asciiUpper(name));
}

const CJK_PREFIX = "CJK UNIFIED IDEOGRAPH-";
const HANGUL_PREFIX = "HANGUL SYLLABLE ";

function cjkIdeograph(hex: string): number | undefined {
  if (!/^[0-9A-F]{4,5}$/.test(hex)) return undefined;
  const cp = Number.parseInt(hex, 16);
  return CJK_UNIFIED_IDEOGRAPH_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi)
    ? cp
    : undefined;
}

// Jamo short names in Unicode order (Unicode §3.12); "" is a valid (empty) initial/final.
const JAMO_L = [
  "G",
  "GG",
  "N",
  "D",
  "DD",
  "R",
  "M",
  "B",
  "BB",
  "S",
  "SS",
  "",
  "J",
  "JJ",
  "C",
  "K",
  "T",
  "P",
  "H",
];
const JAMO_V = [
  "A",
  "AE",
  "YA",
  "YAE",
  "EO",
  "E",
  "YEO",
  "YE",
  "O",
  "WA",
  "WAE",
  "OE",
  "YO",
  "U",
  "WEO",
  "WE",
  "WI",
  "YU",
  "EU",
  "YI",
  "I",
];
const JAMO_T = [
  "",
  "G",
  "GG",
  "GS",
  "N",
  "NJ",
  "NH",
  "D",
  "L",
  "LG",
  "LM",
  "LB",
  "LS",
  "LT",
  "LP",
  "LH",
  "M",
  "B",
  "BS",
  "S",
  "SS",
  "NG",
  "J",
  "C",
  "K",
  "T",
  "P",
  "H",
];

/** Longest jamo at `pos` (CPython's `find_syllable`: the first of equally long matches wins). */
function longestJamo(
  text: string,
  pos: number,
  jamo: readonly string[],
): { readonly index: number; readonly length: number } {
  let index = -1;
  let length = -1;
  jamo.forEach((j, i) => {
    if (j.length > length && text.startsWith(j, pos)) {
      index = i;
      length = j.length;
    }
  });
  return { index, length: Math.max(length, 0) };
}

function hangulSyllable(rest: string): number | undefined {
  const l = longestJamo(rest, 0, JAMO_L);
  const v = longestJamo(rest, l.length, JAMO_V);
  const t = longestJamo(rest, l.length + v.length, JAMO_T);
  if (
    l.index < 0 ||
    v.index < 0 ||
    t.index < 0 ||
    l.length + v.length + t.length !== rest.length
  )
    return undefined;
  return 0xac00 + (l.index * JAMO_V.length + v.index) * JAMO_T.length + t.index;
}

/** Only ASCII letters fold: CPython's `Py_TOUPPER`, unlike `toUpperCase` ("ß" → "SS"). */
function asciiUpper(text: string): string {
  return text.replace(/[a-z]+/g, (s) => s.toUpperCase());
}

/**
 * The decompressed name list ("hex;NAME" lines: the main part with code point deltas, an
 * empty line, then aliases with absolute code points) and an open-addressing hash index
 * over it, built in one pass without a string per name. Decoded lazily on the first
 * `\\N{…}` (rare) and never mutated afterwards, so sharing it between calls is safe; it
 * costs ~10 ms once, where a `Map` of 35,000 names costs several times that.
 */
interface NameIndex {
  readonly text: string;
  /** `1 + line` per slot, 0 when empty; the slot count is a power of two. */
  readonly slots: Int32Array;
  readonly nameStart: Int32Array;
  readonly nameEnd: Int32Array;
  readonly codePoint: Int32Array;
}

let index: NameIndex | undefined;

function nameTable(): { readonly get: (name: string) => number | undefined } {
  index ??= buildIndex();
  const { text, slots, nameStart, nameEnd, codePoint } = index;
  return {
    get: (name) => {
      const mask = slots.length - 1;
      for (let slot = hashOf(name, 0, name.length) & mask; ;) {
        const entry = slots[slot] ?? 0;
        if (entry === 0) return undefined;
        const line = entry - 1;
        const start = nameStart[line] ?? 0;
        if (
          (nameEnd[line] ?? 0) - start === name.length &&
          text.startsWith(name, start)
        )
          return codePoint[line];
        slot = (slot + 1) & mask;
      }
    },
  };
}

function buildIndex(): NameIndex {
  const text = brotliDecompressSync(
    Buffer.from(UNICODE_NAMES_PACKED, "base64"),
  ).toString("ascii");
  let lines = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
    lines++;
  lines++;
  const nameStart = new Int32Array(lines);
  const nameEnd = new Int32Array(lines);
  const codePoint = new Int32Array(lines);
  let size = 1;
  while (size < lines * 2) size *= 2;
  const slots = new Int32Array(size);
  let cp = -1;
  let inAliases = false;
  let line = 0;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    if (end === start) {
      inAliases = true;
      start = end + 1;
      continue;
    }
    const semi = text.indexOf(";", start);
    const number = hexValue(text, start, semi);
    if (inAliases) codePoint[line] = number;
    else codePoint[line] = cp += semi === start ? 1 : number;
    nameStart[line] = semi + 1;
    nameEnd[line] = end;
    insert(text, slots, nameStart, nameEnd, line);
    start = end + 1;
  }
  return { text, slots, nameStart, nameEnd, codePoint };
}

/** Later lines win over earlier ones with the same name (aliases come last). */
function insert(
  text: string,
  slots: Int32Array,
  nameStart: Int32Array,
  nameEnd: Int32Array,
  line: number,
): void {
  const start = nameStart[line] ?? 0;
  const end = nameEnd[line] ?? 0;
  const mask = slots.length - 1;
  for (let slot = hashOf(text, start, end) & mask; ;) {
    const entry = slots[slot] ?? 0;
    const other = entry - 1;
    if (
      entry === 0 ||
      ((nameEnd[other] ?? 0) - (nameStart[other] ?? 0) === end - start &&
        text.startsWith(text.slice(start, end), nameStart[other] ?? 0))
    ) {
      slots[slot] = line + 1;
      return;
    }
    slot = (slot + 1) & mask;
  }
}

/** FNV-1a over the UTF-16 code units of `text[start, end)`. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++)
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hexValue(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) | 0x20;
    value = value * 16 + (c <= 0x39 ? c - 0x30 : c - 0x57);
  }
  return value;
}
