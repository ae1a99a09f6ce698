import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSequentialLineIndex } from "../../src/python/parse/sequential-line-index.js";
import { createLineIndex } from "../../src/source/line-index.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

describe("createSequentialLineIndex", () => {
  it("gives createLineIndex's positions and spans, whatever the order of the questions", () => {
    fc.assert(
      fc.property(
        fc
          .array(
            fc.constantFrom("a", "b", " ", "\n", "\r", "\r\n", "\t", "é"),
            { maxLength: 60 },
          )
          .map((parts) => parts.join("")),
        fc.array(fc.integer({ min: -3, max: 70 }), { maxLength: 40 }),
        (text, offsets) => {
          const reference = createLineIndex(text);
          const sequential = createSequentialLineIndex(text);
          for (const [k, offset] of offsets.entries()) {
            expect(sequential.position(offset)).toEqual(
              reference.position(offset),
            );
            const end = offsets[k + 1] ?? offset;
            expect(sequential.span(offset, end)).toEqual(
              reference.span(offset, end),
            );
          }
        },
      ),
      { numRuns: runs },
    );
  });

  it("counts LF, CRLF and lone CR as one line break each", () => {
    const index = createSequentialLineIndex("a\nb\r\nc\rd");
    expect([0, 2, 5, 7].map((o) => index.position(o).line)).toEqual([
      1, 2, 3, 4,
    ]);
    expect(index.position(8)).toEqual({ offset: 8, line: 4, column: 2 });
    expect(index.position(99)).toEqual({ offset: 8, line: 4, column: 2 });
    expect(index.position(3)).toEqual({ offset: 3, line: 2, column: 2 });
  });
});
