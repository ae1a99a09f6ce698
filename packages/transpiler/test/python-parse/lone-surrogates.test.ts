import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loneSurrogates } from "../../src/source/lone-surrogates.js";
import { runs } from "../laws.js";

/** The definition, as a regular expression: what the scan must agree with. */
const LONE =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const oracle = (text: string): number[] =>
  [...text.matchAll(LONE)].map((m) => m.index);

/** Texts dense in surrogates of both halves, paired, reversed and alone. */
const texts = fc
  .array(
    fc.constantFrom("a", "\n", "é", "\ud83d", "\ude00", "😀", "\udc00\ud800"),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("loneSurrogates", () => {
  it("finds exactly the unpaired surrogates, in order", () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(loneSurrogates(text)).toEqual(oracle(text));
      }),
      { numRuns: runs },
    );
  });

  it("stops after `limit` of them", () => {
    fc.assert(
      fc.property(texts, fc.nat(4), (text, limit) => {
        expect(loneSurrogates(text, limit)).toEqual(
          oracle(text).slice(0, limit),
        );
      }),
      { numRuns: runs },
    );
  });

  it("knows the edges of the text", () => {
    expect(loneSurrogates("")).toEqual([]);
    expect(loneSurrogates("\ud83d")).toEqual([0]);
    expect(loneSurrogates("\ude00x")).toEqual([0]);
    expect(loneSurrogates("x😀")).toEqual([]);
    expect(loneSurrogates("\ud83d\ud83d\ude00\ude00")).toEqual([0, 3]);
  });
});
