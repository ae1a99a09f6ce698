/**
 * The faulty-model-output corpus cannot silently lose coverage: read from the case files
 * (`corpus/_errors_/<slug>/input.txt` + `expect.json`), it has at least 150 cases, every
 * code `compile` can return, every bucket and every mistake kind; each case states its
 * mistake (`note`, `kind`, `expectCode`). Whether each case's expectation is what `compile`
 * reports is checked case by case in `corpus.test.ts`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bundledCatalog, flowBucketOf } from "../../src/index.js";
import { OUTPUT_PORTS } from "../../src/dialects/flow/model.js";
import { corpusRoot, errorCases } from "../support/corpus.js";
import {
  allCodes,
  codesFromCompile,
  compileCases,
  expectedCodes,
  isMistakeKind,
  mistakeKinds,
  notFromCompile,
  README_END,
  README_START,
  renderCoverageTables,
  requiredBuckets,
} from "../support/error-coverage.js";

const all = errorCases();
const cases = compileCases(all);

describe("faulty model outputs (corpus/_errors_, via compile)", () => {
  it("has at least 150 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  it("every case states its mistake: a one-line note, known kinds, expected codes and exact results", () => {
    for (const c of cases) {
      expect(c.note?.trim().length ?? 0, c.name).toBeGreaterThan(10);
      expect(c.note, c.name).not.toMatch(/\n/);
      expect(c.mistakeKinds.length, c.name).toBeGreaterThan(0);
      for (const k of c.mistakeKinds)
        expect(isMistakeKind(k), `${c.name}: kind ${k}`).toBe(true);
      expect(c.expectCodes, `${c.name}: expectCode`).toBeDefined();
      for (const code of c.expectCodes ?? [])
        expect(allCodes(), `${c.name}: ${code}`).toContain(code);
      expect(c.diagnostics, `${c.name}: diagnostics`).toBeDefined();
      expect(c.notes, `${c.name}: notes`).toBeDefined();
      // Every expected diagnostic is located in the raw output and names its bucket.
      for (const d of c.diagnostics ?? []) {
        expect(d.line, `${c.name}: ${d.code} line`).toBeGreaterThan(0);
        expect(d.column, `${c.name}: ${d.code} column`).toBeGreaterThan(0);
        expect(d.bucket, `${c.name}: ${d.code} bucket`).toBe(
          flowBucketOf(d.code),
        );
      }
    }
  });

  it("every code compile can return has a case", () => {
    const seen = new Set(cases.flatMap(expectedCodes));
    expect(codesFromCompile().filter((code) => !seen.has(code))).toEqual([]);
  });

  it("every code without a case is one compile never returns, with its reason, and no case has one", () => {
    const seen = new Set(cases.flatMap(expectedCodes));
    for (const [code, why] of Object.entries(notFromCompile)) {
      expect(allCodes(), code).toContain(code);
      expect(why.length, code).toBeGreaterThan(20);
      expect(seen.has(code), `${code} is said to be unreachable`).toBe(false);
    }
  });

  it("the reason given for flow-task-port holds: with the bundled catalog every task offers exactly its type's ports", () => {
    for (const task of bundledCatalog().data.tasks)
      expect([...task.output_port_ids], `${task.id}@${task.version}`).toEqual([
        ...OUTPUT_PORTS[task.task_type],
      ]);
  });

  it("every Flow bucket and the local syntaxErrors bucket have cases", () => {
    const buckets = new Set(
      cases.flatMap((c) => (c.diagnostics ?? []).map((d) => d.bucket)),
    );
    for (const b of requiredBuckets) expect(buckets, b).toContain(b);
    expect(buckets).not.toContain("internalErrors");
  });

  it("every mistake kind has a case", () => {
    const seen = new Set(cases.flatMap((c) => c.mistakeKinds));
    expect(Object.keys(mistakeKinds).filter((k) => !seen.has(k))).toEqual([]);
  });

  it("corpus/README.md shows the current coverage tables (pnpm update:errors)", () => {
    const readme = readFileSync(join(corpusRoot, "README.md"), "utf8");
    const start = readme.indexOf(README_START);
    const end = readme.indexOf(README_END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    expect(readme.slice(start + README_START.length, end).trim()).toBe(
      renderCoverageTables(all).trim(),
    );
  });
});
