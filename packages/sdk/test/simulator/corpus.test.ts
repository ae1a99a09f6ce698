import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledCatalog } from "@flowpy/transpiler";
import {
  createSimulator,
  generateEvents,
  readWorkflow,
  type BranchCoverage,
} from "../../src/index.js";
import { corpusCases, readText } from "./support/corpus.js";

const catalog = bundledCatalog();
const cases = corpusCases();

interface CoverageException {
  readonly missing: readonly string[];
  readonly reason: string;
}
const exceptions = JSON.parse(
  readFileSync(join(import.meta.dirname, "coverage-exceptions.json"), "utf8"),
) as Record<string, CoverageException>;

const report: string[] = [];

describe("every corpus workflow runs on generated events", () => {
  it("finds the corpus", () => {
    expect(cases.length).toBeGreaterThanOrEqual(170);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    "%s",
    { timeout: 60_000 },
    (name, c) => {
      const read = readWorkflow(readText(c.document));
      expect(read.diagnostics).toEqual([]);
      if (!read.ok) return;
      const workflow = read.value;
      const generated = generateEvents(workflow, {
        catalog,
        seed: 1,
        count: 20,
      });
      expect(generated.events.length).toBeGreaterThanOrEqual(20);
      const run = createSimulator(workflow, { catalog });
      for (const event of generated.events) {
        const result = run(event);
        expect(result.trace.filter((e) => e.kind === "failure")).toEqual([]);
        expect(
          result.diagnostics.filter((d) => d.severity === "error"),
        ).toEqual([]);
      }
      const coverage: BranchCoverage = generated.coverage;
      report.push(
        `${name}: ${coverage.reached}/${coverage.total} branches, ${generated.events.length} events`,
      );
      const missing = coverage.missing.map((b) => `${b.step} ${b.port}`);
      const exception = exceptions[name];
      if (exception === undefined) {
        expect(missing).toEqual([]);
        expect(coverage.reached).toBe(coverage.total);
      } else {
        expect(exception.reason.length).toBeGreaterThan(40);
        expect(missing).toEqual(exception.missing);
      }
    },
  );

  it("lists no exception for a workflow that is not in the corpus", () => {
    const names = new Set(cases.map((c) => c.name));
    const only = process.env["ONLY"];
    for (const name of Object.keys(exceptions))
      if (only === undefined || name.includes(only))
        expect(names.has(name)).toBe(true);
  });

  it("generates the same events for the same seed", () => {
    for (const c of cases.slice(0, 12)) {
      const read = readWorkflow(readText(c.document));
      if (!read.ok) continue;
      const a = generateEvents(read.value, { catalog, seed: 9, count: 5 });
      const b = generateEvents(read.value, { catalog, seed: 9, count: 5 });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    }
  });

  it("reports branch coverage per workflow", () => {
    if (process.env["FLOWPY_REPORT"] !== undefined)
      console.log(report.join("\n"));
    expect(report.length).toBe(cases.length);
  });
});
