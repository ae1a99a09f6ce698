import { describe, expect, it } from "vitest";
import { printPython } from "../../src/python/print/print-python.js";
import { cpythonParse, normalizeAst } from "../support/cpython-ast.js";
import { blackCheck } from "./support/black-oracle.js";
import { sweepModules } from "./support/sweep-cases.js";

describe("every dialect statement shape at every line length", () => {
  it("is a fixed point of black 23.1 and parses back to the same AST", async () => {
    const modules = sweepModules();
    const sources = modules.map((m) => printPython(m));
    const [verdicts, parsed] = await Promise.all([
      blackCheck(sources),
      cpythonParse(sources),
    ]);
    const failures: string[] = [];
    sources.forEach((source, i) => {
      const verdict = verdicts[i];
      if (verdict !== undefined && !verdict.ok)
        failures.push(`module ${i}: black would change it:\n${verdict.report}`);
      const result = parsed[i];
      if (!result?.ok)
        failures.push(
          `module ${i}: CPython rejects it: ${JSON.stringify(result)}`,
        );
      else if (
        JSON.stringify(comparable(result.module)) !==
        JSON.stringify(comparable(modules[i]))
      ) {
        failures.push(
          `module ${i}: CPython reads a different AST from:\n${source}`,
        );
      }
    });
    expect(
      failures.slice(0, 3).join("\n\n"),
      `${failures.length} of ${sources.length} modules fail`,
    ).toBe("");
  }, 600_000);
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
