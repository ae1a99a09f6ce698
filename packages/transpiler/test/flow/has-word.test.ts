import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasWord } from "../../src/dialects/flow/has-word.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

/** The definition `hasWord` implements without collecting the words. */
function bySet(text: string, word: string): boolean {
  const words = new Set(
    [...text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]),
  );
  return words.has(word);
}

// A small alphabet, so words recur and touch digits, `_`, dots and braces.
const textArb = fc
  .array(fc.constantFrom("a", "b", "_", "1", "9", " ", ".", "{", "é", "ab"), {
    maxLength: 30,
  })
  .map((parts) => parts.join(""));
const wordArb = fc.oneof(
  textArb,
  fc.constantFrom("a", "ab", "b1", "_", "a_b", "1a", "é", ""),
);

describe("hasWord", () => {
  it("agrees with the set of regex words", () => {
    fc.assert(
      fc.property(textArb, wordArb, (text, word) => {
        expect(hasWord(text, word)).toBe(bySet(text, word));
      }),
      { numRuns: runs * 5 },
    );
  });

  it("agrees on words picked out of the text", () => {
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), (text, i, n) => {
        const start = i % (text.length + 1);
        const word = text.slice(start, start + (n % 5) + 1);
        expect(hasWord(text, word)).toBe(bySet(text, word));
      }),
      { numRuns: runs * 5 },
    );
  });

  it("handles the edges of the text and digit runs", () => {
    expect(hasWord("order", "order")).toBe(true);
    expect(hasWord("9order", "order")).toBe(true);
    expect(hasWord("x9order", "order")).toBe(false);
    expect(hasWord("orders", "order")).toBe(false);
    expect(hasWord("{{ order.id }}", "order")).toBe(true);
    expect(hasWord("{{ order.id }}", "id")).toBe(true);
    expect(hasWord("café", "caf")).toBe(true);
  });
});
