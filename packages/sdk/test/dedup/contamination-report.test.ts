import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  contaminationReport,
  dropContaminated,
  workflowKeys,
  type ContaminatedItem,
  type ContaminationItem,
} from "../../src/index.js";
import { corpusWorkflows } from "../trajectory/corpus-workflows.js";
import { literalVariation, parseDoc, rng } from "./documents.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
const timeout = Math.max(120_000, runs * 200);

/** Items whose fingerprint is mostly a function of the exact key, as for real workflows. */
const itemsArb = (prefix: string) =>
  fc
    .array(
      fc.record({
        exact: fc.integer({ min: 0, max: 12 }),
        loose: fc.boolean(),
        fingerprint: fc.integer({ min: 0, max: 5 }),
      }),
      { maxLength: 40 },
    )
    .map((xs) =>
      xs.map((x, i): ContaminationItem => ({
        id: `${prefix}${i}`,
        exactKey: `e${x.exact}`,
        fingerprint: x.loose ? `f${x.fingerprint}` : `f${x.exact % 6}`,
      })),
    );

/** The reference: every pair compared. */
function brute(
  from: readonly ContaminationItem[],
  to: readonly ContaminationItem[],
): ContaminatedItem[] {
  return from
    .flatMap((a) => {
      const exact = to.filter((b) => b.exactKey === a.exactKey);
      const near = to.filter((b) => b.fingerprint === a.fingerprint);
      if (exact.length === 0 && near.length === 0) return [];
      const matches = [...new Set([...exact, ...near].map((b) => b.id))].sort();
      return [
        {
          id: a.id,
          kind: exact.length > 0 ? ("exact" as const) : ("near" as const),
          matches,
        },
      ];
    })
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

describe("contaminationReport", () => {
  it(
    "agrees with a pairwise comparison in both directions, with counts and rates",
    () => {
      fc.assert(
        fc.property(itemsArb("t"), itemsArb("e"), (train, evalSet) => {
          const report = contaminationReport(train, evalSet);
          const trainHits = brute(train, evalSet);
          const evalHits = brute(evalSet, train);
          expect(report.train).toEqual(trainHits);
          expect(report.eval).toEqual(evalHits);
          const exactTrain = trainHits.filter((h) => h.kind === "exact").length;
          const exactEval = evalHits.filter((h) => h.kind === "exact").length;
          const rate = (n: number, of: number) => (of === 0 ? 0 : n / of);
          expect(report).toMatchObject({
            trainItems: train.length,
            evalItems: evalSet.length,
            exact: {
              train: exactTrain,
              eval: exactEval,
              trainRate: rate(exactTrain, train.length),
              evalRate: rate(exactEval, evalSet.length),
            },
            near: {
              train: trainHits.length,
              eval: evalHits.length,
              trainRate: rate(trainHits.length, train.length),
              evalRate: rate(evalHits.length, evalSet.length),
            },
          });

          const near = dropContaminated(train, evalSet);
          const hit = new Set(trainHits.map((h) => h.id));
          expect(near.kept).toEqual(train.filter((t) => !hit.has(t.id)));
          expect(
            [...near.dropped].sort((a, b) => (a.id < b.id ? -1 : 1)),
          ).toEqual(trainHits);
          const exact = dropContaminated(train, evalSet, { level: "exact" });
          const exactHit = new Set(
            trainHits.filter((h) => h.kind === "exact").map((h) => h.id),
          );
          expect(exact.kept).toEqual(train.filter((t) => !exactHit.has(t.id)));
        }),
        { numRuns: runs },
      );
    },
    timeout,
  );

  it("finds a benchmark made of reworded corpus workflows as near-duplicates", () => {
    const corpus = corpusWorkflows();
    const keyed = (id: string, text: string): ContaminationItem => {
      const keys = workflowKeys(text);
      if (!keys.ok) throw new Error(id);
      return { id, ...keys.value };
    };
    const train = corpus.map((w) => keyed(w.name, w.text));
    // Every tenth workflow, with other literals and, for half of them, a new name.
    const benchmark = corpus
      .filter((_, i) => i % 10 === 0)
      .map((w, i) => {
        const variation = literalVariation(parseDoc(w.text), rng(i + 1));
        return {
          source: w.name,
          changed: variation.changed,
          item: keyed(`bench-${i}`, variation.text),
        };
      });
    const report = contaminationReport(
      train,
      benchmark.map((b) => b.item),
    );
    expect(report.evalItems).toBe(benchmark.length);
    expect(report.near.eval).toBe(benchmark.length);
    expect(report.near.evalRate).toBe(1);
    expect(report.exact.eval).toBe(benchmark.filter((b) => !b.changed).length);
    for (const b of benchmark) {
      const hit = report.eval.find((h) => h.id === b.item.id);
      expect(hit?.matches).toContain(b.source);
    }
    const { kept, dropped } = dropContaminated(
      train,
      benchmark.map((b) => b.item),
    );
    expect(kept.length + dropped.length).toBe(train.length);
    for (const b of benchmark)
      expect(kept.map((k) => k.id)).not.toContain(b.source);
  });
});
