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

// Lazily decoded on the first `\N{…}` (rare) and never mutated afterwards, so sharing it
// between calls is safe; decoding costs ~15 ms, too much to repeat per escape.
let table: ReadonlyMap<string, number> | undefined;

function nameTable(): ReadonlyMap<string, number> {
  if (table !== undefined) return table;
  const text = brotliDecompressSync(
    Buffer.from(UNICODE_NAMES_PACKED, "base64"),
  ).toString("ascii");
  const map = new Map<string, number>();
  let cp = -1;
  let inAliases = false;
  for (const line of text.split("\n")) {
    if (line === "") {
      inAliases = true;
      continue;
    }
    const semi = line.indexOf(";");
    const number = line.slice(0, semi);
    const name = line.slice(semi + 1);
    if (inAliases) map.set(name, Number.parseInt(number, 16));
    else {
      cp += number === "" ? 1 : Number.parseInt(number, 16);
      map.set(name, cp);
    }
  }
  table = map;
  return map;
}
