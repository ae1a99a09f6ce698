import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { lookupUnicodeName } from "../../src/python/unicode/unicode-names.js";

/** Every (name, code point) CPython 3.11 knows by `unicodedata.name`, in one process. */
function cpythonNames(): [string, number][] {
  const script = String.raw`
import json, sys, unicodedata
out = []
for cp in range(0x110000):
    n = unicodedata.name(chr(cp), None)
    if n is not None:
        out.append([n, cp])
sys.stdout.write(json.dumps(out))
`;
  const run = spawnSync("python3", ["-c", script], {
    maxBuffer: 64 * 1024 * 1024,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as [string, number][];
}

describe("lookupUnicodeName (\\N{…}) matches CPython 3.11", () => {
  it("knows every character name, algorithmic ones included", () => {
    const names = cpythonNames();
    expect(names.length).toBeGreaterThan(138_000);
    const wrong = names
      .filter(([name, cp]) => lookupUnicodeName(name) !== cp)
      .slice(0, 10);
    expect(wrong).toEqual([]);
  });

  it("folds ASCII case for table names but not for algorithmic names", () => {
    expect(lookupUnicodeName("bullet")).toBe(0x2022);
    expect(lookupUnicodeName("Latin Small Letter E With Acute")).toBe(0xe9);
    expect(lookupUnicodeName("cjk unified ideograph-4E00")).toBeUndefined();
    expect(lookupUnicodeName("CJK UNIFIED IDEOGRAPH-4e00")).toBeUndefined();
    expect(lookupUnicodeName("HANGUL SYLLABLE gag")).toBeUndefined();
  });

  it("knows aliases and abbreviations, but not named sequences or Unicode 1 names", () => {
    expect(lookupUnicodeName("LATIN CAPITAL LETTER GHA")).toBe(0x1a2);
    expect(lookupUnicodeName("BYTE ORDER MARK")).toBe(0xfeff);
    expect(lookupUnicodeName("LF")).toBe(0x0a);
    expect(lookupUnicodeName("nbsp")).toBe(0xa0);
    expect(lookupUnicodeName("KEYCAP NUMBER SIGN")).toBeUndefined();
    expect(lookupUnicodeName("LINE FEED (LF)")).toBeUndefined();
  });

  it("rejects non-ASCII case folding and out-of-range ideographs", () => {
    expect(lookupUnicodeName("BULLEＴ")).toBeUndefined();
    expect(lookupUnicodeName("ſpace")).toBeUndefined(); // "ſ".toUpperCase() is "S"
    expect(lookupUnicodeName("CJK UNIFIED IDEOGRAPH-4DC0")).toBeUndefined();
    expect(lookupUnicodeName("CJK UNIFIED IDEOGRAPH-04E00")).toBe(0x4e00); // CPython reads 4 or 5 hex digits
    expect(lookupUnicodeName("CJK UNIFIED IDEOGRAPH-004E00")).toBeUndefined();
    expect(lookupUnicodeName("TANGUT IDEOGRAPH-17000")).toBeUndefined();
    expect(lookupUnicodeName("HANGUL SYLLABLE GAGX")).toBeUndefined();
    expect(lookupUnicodeName("")).toBeUndefined();
  });
});
