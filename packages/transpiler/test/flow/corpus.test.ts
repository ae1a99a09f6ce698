import { readFileSync, existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bundledCatalog,
  checkFlowRoundTrip,
  createCompiler,
  flowBucketOf,
  flowToPython,
  formatJsonPath,
  loadWorkflow,
  pythonToFlow,
  parsePython,
  readDocument,
  validateWorkflow,
  type Compiler,
  type Diagnostic,
} from "../../src/index.js";
import { checkWithBlack } from "../support/black.js";
import { cpythonParse, normalizeAst } from "../support/cpython-ast.js";
import {
  corpusCases,
  errorCases,
  publicCases,
  type ErrorCase,
  type ExpectedDiagnostic,
} from "../support/corpus.js";

const cases = corpusCases();

describe("bundled corpus", () => {
  it("has at least 100 workflows, each with its expected Python", () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    for (const c of cases)
      expect(
        existsSync(c.golden),
        `${c.name} has no workflow.py (run pnpm update:golden)`,
      ).toBe(true);
  });

  describe.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const text = readFileSync(c.document, "utf8");
    it("prints the expected Python", () => {
      const result = flowToPython(text);
      expect(result.diagnostics).toEqual([]);
      expect(result.ok && result.value.python).toBe(
        readFileSync(c.golden, "utf8"),
      );
    });
    it("round-trips: same tokens with trivia, canonically equal without, fixed point", () => {
      const report = checkFlowRoundTrip(text);
      expect(report.diagnostics).toEqual([]);
      expect(report.lossless?.difference).toBeUndefined();
      expect(report.lossless?.ok).toBe(true);
      expect(report.lossless?.exactText).toBe(true);
      expect(report.semantic?.ok).toBe(true);
      expect(report.semantic?.fixedPoint).toBe(true);
      expect(report.status).toBe("ok");
    });
  });

  it("every expected Python file is valid CPython, a black fixed point, and parses to the same AST in CPython and in our parser", async () => {
    const sources = cases.map((c) => ({
      name: c.name,
      text: readFileSync(c.golden, "utf8"),
    }));
    const verdict = checkWithBlack(sources);
    expect(verdict.invalid).toEqual([]);
    expect(verdict.changed).toEqual([]);
    const cpython = await cpythonParse(sources.map((s) => s.text));
    sources.forEach((s, i) => {
      const ours = parsePython(s.text);
      const theirs = cpython[i];
      expect(ours.ok, s.name).toBe(true);
      expect(theirs?.ok, s.name).toBe(true);
      if (ours.ok && theirs?.ok)
        expect(normalizeAst(ours.value), s.name).toEqual(
          normalizeAst(theirs.module),
        );
    });
  });
});

describe("public reference documents (read from ../shared/corpus/public)", () => {
  describe.each(
    publicCases().map((c) => [c.file.split("/").pop() ?? c.file, c] as const),
  )("%s", (_name, c) => {
    const text = readFileSync(c.file, "utf8");
    it(
      c.partial
        ? "is a fragment, rejected with a located flow-partial-document error"
        : "round-trips exactly",
      () => {
        const report = checkFlowRoundTrip(text);
        if (c.partial) {
          expect(report.status).toBe("rejected");
          expect(report.diagnostics.map((d) => d.code)).toEqual([
            "flow-partial-document",
          ]);
          expect(report.diagnostics[0]?.path).toEqual([]);
          expect(report.diagnostics[0]?.hint).toBeDefined();
        } else {
          expect(report.diagnostics).toEqual([]);
          expect(report.status).toBe("ok");
          expect(report.lossless?.exactText).toBe(true);
        }
      },
    );
  });
});

describe("error corpus (corpus/_errors_)", () => {
  let compiler: Compiler | undefined;
  beforeAll(async () => {
    compiler = await createCompiler();
  });

  /** Runs a case the way its `via` says; diagnostics get their bucket where the path sets none. */
  function runCase(c: ErrorCase): {
    ok: boolean;
    diagnostics: readonly Diagnostic[];
    notes: readonly Diagnostic[];
  } {
    const text = readFileSync(c.input, "utf8");
    switch (c.via) {
      case "compile": {
        if (compiler === undefined) throw new Error("compiler not loaded");
        const r = compiler.compile(text);
        return { ok: r.ok, diagnostics: r.diagnostics, notes: r.notes };
      }
      case "validate": {
        const read = readDocument(text);
        const loaded = read.ok ? loadWorkflow(read.value.node) : read;
        if (!loaded.ok)
          return { ok: false, diagnostics: loaded.diagnostics, notes: [] };
        const diagnostics = validateWorkflow(loaded.value.workflow, {
          catalog: bundledCatalog(),
        });
        return { ok: diagnostics.length === 0, diagnostics, notes: [] };
      }
      case "transpile": {
        const r = c.kind === "python" ? pythonToFlow(text) : flowToPython(text);
        return { ok: r.ok, diagnostics: r.diagnostics, notes: [] };
      }
    }
  }

  /** The keys of `d` that `want` names, to compare with `want`. */
  const view = (
    d: Diagnostic,
    want: ExpectedDiagnostic,
  ): Record<string, unknown> => ({
    code: d.code,
    ...(want.bucket === undefined
      ? {}
      : { bucket: d.bucket ?? flowBucketOf(d.code) }),
    ...(want.line === undefined ? {} : { line: d.span?.start.line }),
    ...(want.column === undefined ? {} : { column: d.span?.start.column }),
    ...(want.path === undefined
      ? {}
      : { path: d.path === undefined ? undefined : formatJsonPath(d.path) }),
  });

  describe.each(errorCases().map((c) => [c.name, c] as const))(
    "%s",
    (_name, c) => {
      const named = [...new Set([...c.codes, ...(c.expectCodes ?? [])])];
      it(`reports ${named.join(", ") || "no error"} with a location, without throwing`, () => {
        const result = runCase(c);
        expect(result.ok).toBe(c.ok);
        const reported = result.diagnostics.map((d) => d.code);
        for (const code of c.codes) expect(reported).toContain(code);
        // The hand-stated expectation: a regenerated expect.json cannot drop the mistake,
        // and a declared near miss (`expectCode: []`) must stay free of diagnostics.
        for (const code of c.expectCodes ?? [])
          expect([...reported, ...result.notes.map((d) => d.code)]).toContain(
            code,
          );
        if (c.expectCodes?.length === 0) {
          expect(reported).toEqual([]);
          expect(result.ok).toBe(true);
        }
        expect(reported).not.toContain("internal-error");
        for (const d of result.diagnostics) {
          expect(
            d.span !== undefined || d.path !== undefined,
            `${d.code} has a location`,
          ).toBe(true);
          expect(d.message.length).toBeGreaterThan(0);
          expect(flowBucketOf(d.code), `${d.code} has a bucket`).toBeDefined();
        }
        if (c.diagnostics !== undefined)
          expect(
            result.diagnostics.map((d, i) =>
              view(d, c.diagnostics?.[i] ?? { code: d.code }),
            ),
          ).toEqual(c.diagnostics);
        if (c.notes !== undefined)
          expect(
            result.notes.map((d, i) =>
              view(d, c.notes?.[i] ?? { code: d.code }),
            ),
          ).toEqual(c.notes);
      });
    },
  );
});
