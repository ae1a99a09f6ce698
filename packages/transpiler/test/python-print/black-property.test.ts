import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Module } from "../../src/python/ast/nodes.js";
import { printPython } from "../../src/python/print/print-python.js";
import { cpythonParse, normalizeAst } from "../support/cpython-ast.js";
import { moduleArbitrary } from "./support/ast-arbitrary.js";
import { blackCheck } from "./support/black-oracle.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
const seed = Number(process.env["FLOWPY_SEED"] ?? Date.now() % 2 ** 31);

/**
 * Random modules in one batch: black and CPython are spawned once each (black is slow),
 * so this samples with fast-check instead of `fc.assert`; a failure names the seed and
 * the sample (rerun with FLOWPY_SEED=<seed>).
 */
describe(`printPython on ${runs} random modules (seed ${seed})`, () => {
  it("is a fixed point of black 23.1 and parses back to the same AST", async () => {
    const modules = fc.sample(moduleArbitrary, { numRuns: runs, seed });
    const sources = modules.map((m) => printPython(m));
    const [verdicts, parsed] = await Promise.all([
      blackCheck(sources),
      cpythonParse(sources),
    ]);
    const failures: string[] = [];
    sources.forEach((source, i) => {
      const verdict = verdicts[i];
      if (verdict !== undefined && !verdict.ok)
        failures.push(`sample ${i}: black would change it:\n${verdict.report}`);
      const result = parsed[i];
      if (!result?.ok)
        failures.push(
          `sample ${i}: CPython rejects it: ${JSON.stringify(result)}\n${source}`,
        );
      else if (
        JSON.stringify(comparable(result.module)) !==
        JSON.stringify(comparable(modules[i] as Module))
      ) {
        failures.push(
          `sample ${i}: CPython reads a different AST from:\n${source}`,
        );
      }
    });
    expect(
      failures.slice(0, 3).join("\n\n"),
      `seed ${seed}: ${failures.length} of ${runs} samples fail`,
    ).toBe("");
  }, 900_000);

  it("prints the same text twice", () => {
    for (const m of fc.sample(moduleArbitrary, {
      numRuns: Math.min(runs, 200),
      seed,
    })) {
      expect(printPython(m)).toBe(printPython(m));
    }
  });
});

function comparable(node: unknown): unknown {
  return normalizeAst(
    JSON.parse(
      JSON.stringify(node, (key: string, value: unknown) =>
        key === "raw" ? undefined : value,
      ),
    ),
  );
}
