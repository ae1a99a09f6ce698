/**
 * `parsePython` lists at most `maxDiagnostics` (default 100) lexical and conversion
 * diagnostics and counts the others in one final `py-too-many-errors`. The law: the capped
 * answer is the uncapped one (`maxDiagnostics: Infinity`) cut honestly: identical when the
 * uncapped answer has few enough diagnostics; otherwise only diagnostics of the uncapped
 * answer, in position order, every `py-too-deep` kept, and a final diagnostic whose count
 * is exactly the number left out and whose span runs from at or before each of them to the
 * end of the text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codes } from "../../src/diagnostics/codes.js";
import type { Diagnostic, Result } from "../../src/diagnostics/diagnostic.js";
import type { Module } from "../../src/python/ast/nodes.js";
import { parsePython } from "../../src/python/parse/parse-python.js";
import { runs } from "../laws.js";
import { largeInput, LARGE_KINDS } from "../support/model-output-fuzz.js";

const keyOf = (d: Diagnostic): string => JSON.stringify(d);
const startOf = (d: Diagnostic): number => d.span?.start.offset ?? -1;

function checkCut(
  text: string,
  capped: Result<Module>,
  all: Result<Module>,
  max: number,
): void {
  const found = all.diagnostics;
  const stop = capped.diagnostics.at(-1);
  if (stop?.code !== codes.pyTooManyErrors) {
    // Uncut: at most `max` problems plus the one decisive diagnostic (py-too-deep or the parser's).
    expect(found.length).toBeLessThanOrEqual(max + 1);
    expect(capped).toEqual(all);
    return;
  }
  expect(capped.ok).toBe(false);
  const listed = capped.diagnostics.slice(0, -1);
  const more = Number(/^… and (\d+) more problems? /.exec(stop.message)?.[1]);
  expect(listed.length + more).toBe(found.length);
  expect(listed.length).toBeLessThanOrEqual(max + 1);
  const tooDeep = (d: Diagnostic): boolean => d.code === codes.pyTooDeep;
  expect(listed.filter(tooDeep)).toEqual(found.filter(tooDeep));
  // Listed ones are the uncapped answer's, in its order; the others start where the stop says.
  const from = stop.span?.start.offset ?? -1;
  let next = 0;
  for (const d of found) {
    if (next < listed.length && keyOf(d) === keyOf(listed[next] ?? d)) next++;
    else expect(startOf(d)).toBeGreaterThanOrEqual(from);
  }
  expect(next).toBe(listed.length);
  expect(stop.span?.end.offset).toBe(text.length);
}

/** Text with many problems of every kind: lexical, unsupported, syntax, nesting. */
const noisy = fc
  .array(
    fc.constantFrom(
      "$",
      "?",
      "`",
      "!",
      "\u00b1",
      "\u0004",
      "\0",
      "(",
      "[",
      "{",
      ")",
      "]",
      "}",
      "x",
      " = ",
      " + ",
      " - ",
      "not ",
      "f'a'",
      "b'x'",
      "1j",
      "0x",
      "\\",
      "\n",
      "\n    ",
      "if a:\n",
      "while x:\n",
      "x = a + b\n",
      "'",
      '"""',
      "\t",
      "(".repeat(120),
      "a + ".repeat(30),
    ),
    { maxLength: 80 },
  )
  .map((parts) => parts.join(""));

describe("parsePython's diagnostic cap", () => {
  it("cuts the uncapped answer honestly, at any cap", () => {
    fc.assert(
      fc.property(noisy, fc.nat({ max: 12 }), (text, max) => {
        const all = parsePython(text, { maxDiagnostics: Infinity });
        checkCut(text, parsePython(text, { maxDiagnostics: max }), all, max);
      }),
      { numRuns: runs },
    );
  });

  it.each(LARGE_KINDS)(
    "cuts 100 KB of %s at 100 diagnostics (2 s hang guard)",
    (kind) => {
      const text = largeInput(kind, 7);
      const start = performance.now();
      const capped = parsePython(text);
      const ms = performance.now() - start;
      checkCut(
        text,
        capped,
        parsePython(text, { maxDiagnostics: Infinity }),
        100,
      );
      expect(capped.diagnostics.length).toBeLessThanOrEqual(102);
      expect(ms).toBeLessThan(2000);
    },
  );
});
