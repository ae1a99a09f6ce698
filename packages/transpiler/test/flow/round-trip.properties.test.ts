import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkFlowRoundTrip,
  flowToPython,
  getAtPath,
  printPython,
  pythonToFlow,
  readDocument,
  jsonNodesIdentical,
  type Module,
} from "../../src/index.js";
import { workflowDocumentArb } from "../arbitraries/workflow.js";
import { checkWithBlack } from "../support/black.js";
import { assertTotal, propertyTimeout, runs } from "../laws.js";

describe(
  "round-trip laws over generated workflows",
  { timeout: propertyTimeout },
  () => {
    it(`JSON → Python → JSON is exact with trivia, canonical without, and printing is a fixed point (${runs} runs)`, () => {
      fc.assert(
        fc.property(workflowDocumentArb, ({ text }) => {
          const report = checkFlowRoundTrip(text);
          expect(report.diagnostics).toEqual([]);
          expect(report.lossless?.difference).toBeUndefined();
          expect(report.lossless?.ok).toBe(true);
          expect(report.semantic?.ok).toBe(true);
          expect(report.semantic?.fixedPoint).toBe(true);
          // Generated text uses standard layouts, so even the whitespace must come back.
          expect(report.lossless?.exactText).toBe(true);
        }),
        { numRuns: runs },
      );
    });

    it("emitted Python is valid CPython and a black fixed point (batch of generated workflows)", () => {
      const samples = fc.sample(workflowDocumentArb, {
        numRuns: Math.min(runs, 400),
        seed: 42,
      });
      const sources = samples.flatMap((s, i) => {
        const r = flowToPython(s.text);
        return r.ok
          ? [
              {
                name: `sample ${i}: ${s.text.slice(0, 200)}`,
                text: r.value.python,
              },
            ]
          : [];
      });
      expect(sources.length).toBe(samples.length);
      const verdict = checkWithBlack(sources);
      expect(verdict.invalid).toEqual([]);
      expect(verdict.changed).toEqual([]);
    });

    it("an edit made in Python shows up in the JSON while ids, positions and spellings stay", () => {
      fc.assert(
        fc.property(
          workflowDocumentArb,
          fc.string({ maxLength: 10 }),
          ({ text }, suffix) => {
            const py = flowToPython(text);
            if (!py.ok) throw new Error("generated workflows always transpile");
            const marker = `EDITED ${suffix}`;
            const module = renameWorkflow(py.value.module, marker);
            const back = pythonToFlow(printPython(module), {
              trivia: py.value.trivia,
            });
            expect(back.diagnostics).toEqual([]);
            if (!back.ok) return;
            const before = readDocument(text);
            const after = readDocument(back.value.json);
            if (!before.ok || !after.ok)
              throw new Error("both documents parse");
            expect(
              getAtPath(after.value.node, ["root", "workflow_name"]),
            ).toMatchObject({ kind: "string", value: marker });
            // Everything else, tokens included, is untouched.
            for (const key of ["steps", "links", "patched_fields"]) {
              const a = getAtPath(after.value.node, ["root", key]);
              const b = getAtPath(before.value.node, ["root", key]);
              expect(
                a === undefined
                  ? b === undefined
                  : b !== undefined && jsonNodesIdentical(a, b),
              ).toBe(true);
            }
          },
        ),
        { numRuns: Math.min(runs, 300) },
      );
    });

    it("never throws or hits an internal error on arbitrary text or mutated documents", () => {
      const clean = (r: { diagnostics: readonly { code: string }[] }): void => {
        expect(
          r.diagnostics.filter((d) => d.code === "internal-error"),
        ).toEqual([]);
      };
      assertTotal(fc.string({ maxLength: 200 }), (s) => {
        const r = flowToPython(s);
        expect(r.ok).toBe(false);
        clean(r);
        clean(pythonToFlow(s));
      });
      assertTotal(
        fc.tuple(
          workflowDocumentArb,
          fc.nat(),
          fc.nat(),
          fc.string({ maxLength: 3 }),
        ),
        ([{ text }, at, len, insert]) => {
          const i = at % (text.length + 1);
          const mutated = text.slice(0, i) + insert + text.slice(i + (len % 4));
          const r = flowToPython(mutated);
          clean(r);
          if (!r.ok) return;
          clean(pythonToFlow(r.value.python, { trivia: r.value.trivia }));
          // The same mutation applied to the Python text.
          const p = r.value.python;
          const j = at % (p.length + 1);
          clean(
            pythonToFlow(p.slice(0, j) + insert + p.slice(j + (len % 4)), {
              trivia: r.value.trivia,
            }),
          );
        },
        Math.min(runs, 500),
      );
    });
  },
);

function renameWorkflow(module: Module, name: string): Module {
  return {
    ...module,
    body: module.body.map((stmt) =>
      stmt.kind !== "FunctionDef"
        ? stmt
        : {
            ...stmt,
            decorator_list: stmt.decorator_list.map((d) =>
              d.kind === "Call" &&
              d.func.kind === "Name" &&
              d.func.id === "workflow"
                ? { ...d, args: [{ kind: "Constant" as const, value: name }] }
                : d,
            ),
          },
    ),
  };
}
