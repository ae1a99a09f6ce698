import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appendText,
  builtText,
  createTextBuilder,
} from "../../src/json/text-builder.js";
import { runs } from "../laws.js";

describe("TextBuilder", () => {
  it(`builds the concatenation of its pieces, across chunk boundaries (${runs} runs)`, () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary", maxLength: 6 }), {
          maxLength: 1600,
        }),
        (pieces) => {
          const b = createTextBuilder();
          for (const piece of pieces) appendText(b, piece);
          expect(builtText(b)).toBe(pieces.join(""));
          // Reading the text does not consume it.
          expect(builtText(b)).toBe(pieces.join(""));
        },
      ),
      { numRuns: runs },
    );
  });

  it("builds texts of exactly one and two full chunks", () => {
    for (const count of [511, 512, 513, 1024, 1025]) {
      const b = createTextBuilder();
      const pieces = Array.from({ length: count }, (_, i) => `${i},`);
      for (const piece of pieces) appendText(b, piece);
      expect(builtText(b)).toBe(pieces.join(""));
    }
  });
});
