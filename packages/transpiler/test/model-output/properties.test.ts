/**
 * Properties (FLOWPY_RUNS runs each, default 1000; fast-check prints the seed on failure):
 * - `extractPython` and the locator never throw, on random text and on random soups of the
 *   pieces wrappers are made of;
 * - wrapping any corpus `workflow.py` in any supported wrapper, with any prose, extracts
 *   exactly that Python, and its first character maps back to where it was written.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { extractPython } from "../../src/model-output/extract-python.js";
import { locateDiagnostics } from "../../src/model-output/locate.js";
import { modelOutputCodes } from "../../src/model-output/model-output-codes.js";
import { mapOffset } from "../../src/model-output/offset-map.js";
import { corpusCases, corpusRoot } from "../support/corpus.js";
import { proseSamples, wrappers } from "./wrappers.js";

const runs = Number(process.env.FLOWPY_RUNS ?? 1000);
const knownCodes = new Set<string>(Object.values(modelOutputCodes));

const corpusPython: readonly string[] = corpusCases().map((c) =>
  readFileSync(c.golden, "utf8"),
);

const pieces = fc.constantFrom(
  "```",
  "```python\n",
  "~~~",
  "\n",
  "\r\n",
  " ",
  "{",
  "}",
  "[",
  "]",
  ",",
  ":",
  '"',
  "\\",
  "\\n",
  '"arguments"',
  '"code"',
  '"tool_calls"',
  '"function"',
  '"__metadata"',
  '"root"',
  "null",
  "1",
  "Here is the workflow:",
  '@workflow("x")',
  "def main():",
  "    pass",
  "x = 1",
  "Okay!",
);

function checkWellFormed(raw: string): void {
  const got = extractPython(raw);
  expect(typeof got.python).toBe("string");
  expect(got.offset.line).toBeGreaterThanOrEqual(1);
  expect(got.offset.column).toBeGreaterThanOrEqual(1);
  for (const n of got.notes) expect(knownCodes.has(n.code)).toBe(true);
  const start = mapOffset(got.map, 0);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(start).toBeLessThanOrEqual(raw.length);
  const end = got.python.length;
  const span = {
    start: { offset: 0, line: 1, column: 1 },
    end: { offset: end, line: 1, column: end + 1 },
  };
  const d: Diagnostic = { code: "x", severity: "error", message: "m", span };
  const [located] = locateDiagnostics(raw, got, [d]);
  expect(located?.span?.end.offset).toBeLessThanOrEqual(raw.length);
  expect(located?.span?.start.offset).toBeLessThanOrEqual(
    located?.span?.end.offset ?? -1,
  );
}

describe("extractPython properties", () => {
  it("finds the corpus", () => {
    expect(corpusRoot.length).toBeGreaterThan(0);
    expect(corpusPython.length).toBeGreaterThan(50);
  });

  it("never throws on random text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        checkWellFormed,
      ),
      { numRuns: runs },
    );
  });

  it("never throws on soups of wrapper pieces", () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) =>
        checkWellFormed(parts.join("")),
      ),
      { numRuns: runs },
    );
  });

  it("extracts exactly the corpus Python from every wrapper", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...corpusPython),
        fc.constantFrom(...wrappers),
        fc.constantFrom(...proseSamples),
        (py, wrapper, prose) => {
          const raw = wrapper.wrap(py, prose);
          const got = extractPython(raw);
          expect(got.python).toBe(py);
          expect(got.notes.every((n) => n.severity === "warning")).toBe(true);
          if (wrapper.name === "bare") expect(got.notes).toEqual([]);
          else expect(got.notes.length).toBeGreaterThan(0);
          const start = mapOffset(got.map, 0);
          if (wrapper.slice)
            expect(raw.slice(start, start + py.length)).toBe(py);
          else expect(raw[start]).toBe(py[0]);
        },
      ),
      { numRuns: runs },
    );
  });

  it("reads corpus files from the project corpus", () => {
    expect(
      corpusCases().every((c) => c.golden.startsWith(join(corpusRoot))),
    ).toBe(true);
  });
});
