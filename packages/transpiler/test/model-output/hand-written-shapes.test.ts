/**
 * The bench's hand-written ~100 KB shapes (`bench/hand-written-shapes.ts`) through
 * `compile` and the tolerant path: the generators are deterministic and sized to issue 3's
 * 100 KB, every outcome is well-formed (`outcomeProblems`), the valid workflows compile,
 * the other shapes are rejected with a capped list, and each call finishes in < 2 s (a
 * hang guard; latency itself is measured by `pnpm bench`).
 */
import { describe, expect, it } from "vitest";
import { handWrittenShapes } from "../../bench/hand-written-shapes.js";
import { createCompiler } from "../../src/compile/compile.js";
import { extractPython } from "../../src/model-output/extract-python.js";
import {
  diagnoseAll,
  MAX_REPORTED,
} from "../../src/model-output/tolerant-diagnostics.js";
import { outcomeProblems } from "../support/model-output-fuzz.js";

const compiler = await createCompiler();
const shapes = handWrittenShapes();

/** The shapes that are valid workflows: everything else is outside the subset or broken. */
const WORKFLOWS: ReadonlySet<string> = new Set([
  "nested ifs, then steps",
  "emoji strings",
  "synthetic workflow, CRLF",
  "synthetic workflow, tabs",
  "multi-line list",
  "huge string literal",
  "comment lines",
]);

/**
 * Floods of problems that parse (constructs outside the subset, indentation errors): checking
 * stops after the 101st instead of converting thousands.
 */
const FLOODS: ReadonlySet<string> = new Set([
  "function definitions",
  "random indentation",
  "imports",
  "while loops in a workflow",
]);

const HANG_GUARD_MS = 2000;

function timed<T>(call: () => T): { readonly value: T; readonly ms: number } {
  const t0 = performance.now();
  const value = call();
  return { value, ms: performance.now() - t0 };
}

describe("hand-written shapes", () => {
  it("are the same texts on every call, each of about 100 KB", () => {
    expect(JSON.stringify(handWrittenShapes())).toBe(JSON.stringify(shapes));
    expect(new Set(shapes.map((s) => s.name)).size).toBe(shapes.length);
    for (const { name, raw } of shapes) {
      expect(raw.length, name).toBeGreaterThan(95_000);
      expect(raw.length, name).toBeLessThanOrEqual(100_500);
    }
    for (const name of [...WORKFLOWS, ...FLOODS])
      expect(shapes.map((s) => s.name)).toContain(name);
  });

  it.each(shapes.map((s) => [s.name, s.raw] as const))(
    "%s: compile answers well-formed, in time",
    (name, raw) => {
      const { value: result, ms } = timed(() => compiler.compile(raw));
      expect(outcomeProblems(raw, result)).toEqual([]);
      expect(result.ok, name).toBe(WORKFLOWS.has(name));
      if (result.ok) expect(result.diagnostics).toEqual([]);
      expect(ms).toBeLessThan(HANG_GUARD_MS);
    },
  );

  it.each(shapes.map((s) => [s.name, s.raw] as const))(
    "%s: the tolerant path answers a capped list, in time",
    async (name, raw) => {
      const { python } = extractPython(raw);
      const t0 = performance.now();
      const found = await diagnoseAll(python);
      expect(performance.now() - t0).toBeLessThan(HANG_GUARD_MS);
      expect(found.length).toBeLessThanOrEqual(MAX_REPORTED + 1);
      if (WORKFLOWS.has(name)) expect(found).toEqual([]);
      if (FLOODS.has(name)) {
        expect(found.length).toBe(MAX_REPORTED + 1);
        expect(found[MAX_REPORTED]?.message).toMatch(
          /^too many problems: checking stopped at line \d+, column \d+$/,
        );
      }
    },
  );
});
