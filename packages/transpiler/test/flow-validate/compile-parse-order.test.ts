/**
 * `compile` asks tree-sitter for the diagnostics as soon as the fast parser cannot read
 * the code, without waiting for the full parser's verdict: that is only right if
 * tree-sitter rejects exactly the code the full parser rejects. These tests hold it to
 * that on near misses of valid programs (where the fast parser gives up most), and check
 * that the known difference between the frontends keeps the full parser's verdict.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  createCompiler,
  extractPython,
  parsePython,
  type Compiler,
} from "../../src/index.js";
import { runs } from "../laws.js";
import { supportedSnippets } from "../python-parse/snippets.js";
import { corpusCases } from "../support/corpus.js";
import { nearMissArbitrary } from "../support/near-miss.js";

let compiler: Compiler;
beforeAll(async () => {
  compiler = await createCompiler();
});

const programs = [
  ...corpusCases().map((c) => readFileSync(c.golden, "utf8")),
  ...Object.values(supportedSnippets).flat(),
];

/** Edits the fast parser does not read (one-line suites, `;`) next to ordinary mistakes. */
const fragments = [
  ": pass",
  "; x = 1",
  ";",
  ":",
  "(",
  ")",
  ",",
  "=",
  "\n",
  "    ",
  "\t",
  " if x else ",
  "with (a, b):\n    pass\n",
  "if x: y = 1\n",
  "lambda: ",
  "+",
  "x",
];

const nearMiss = nearMissArbitrary(programs, fc.constantFrom(...fragments));

const isPythonProblem = (code: string): boolean => code.startsWith("py-");

describe("compile: tree-sitter's diagnostics stand in for the full parser's verdict", () => {
  it("reports a Python problem exactly when the full parser rejects the code", () => {
    fc.assert(
      fc.property(nearMiss, (text) => {
        const result = compiler.compile(text);
        // Output that is not code at all is answered before any parser runs.
        if (result.diagnostics.some((d) => d.code.startsWith("model-output")))
          return;
        const parsed = parsePython(extractPython(text).python);
        expect(
          result.diagnostics.some((d) => isPythonProblem(d.code)),
          JSON.stringify(text),
        ).toBe(!parsed.ok);
      }),
      { numRuns: runs },
    );
  });

  it("keeps the full parser's verdict where tree-sitter counts a tab differently", () => {
    // The one-line suite keeps the fast parser out; tree-sitter alone would report
    // "unexpected indent" on the third line, which CPython accepts.
    const text = "if w: pass\nif a:\n       \tx = 1\n        y = 2\n";
    expect(parsePython(text).ok).toBe(true);
    const result = compiler.compile(text);
    expect(result.diagnostics.filter((d) => isPythonProblem(d.code))).toEqual(
      [],
    );
  });
});
