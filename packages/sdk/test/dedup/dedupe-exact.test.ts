import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  dedupeExact,
  type DedupOutcome,
  type ExactKeyed,
  seededShuffle,
} from "../../src/index.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
const timeout = Math.max(120_000, runs * 200);

const recordsArb = fc
  .uniqueArray(fc.string({ maxLength: 4 }), { maxLength: 60 })
  .chain((ids) =>
    fc
      .array(fc.integer({ min: 0, max: 8 }), {
        minLength: ids.length,
        maxLength: ids.length,
      })
      .map((keys) =>
        ids.map((id, i): ExactKeyed => ({ id, exactKey: `k${keys[i]}` })),
      ),
  );

async function collect<T>(
  outcomes: AsyncIterable<DedupOutcome<T>>,
): Promise<DedupOutcome<T>[]> {
  const out: DedupOutcome<T>[] = [];
  for await (const o of outcomes) out.push(o);
  return out;
}

describe("dedupeExact", () => {
  it(
    "keeps the smallest id of each key whatever the order, and names the kept record of each duplicate",
    async () => {
      await fc.assert(
        fc.asyncProperty(recordsArb, fc.integer(), async (records, seed) => {
          // Brute force: the smallest id per key.
          const smallest = new Map<string, string>();
          for (const r of records) {
            const s = smallest.get(r.exactKey);
            if (s === undefined || r.id < s) smallest.set(r.exactKey, r.id);
          }
          const order = seededShuffle(records, seed);
          async function* stream(): AsyncIterable<ExactKeyed> {
            yield* order;
          }
          const a = await dedupeExact(
            () => records,
            (r) => r,
          );
          const b = await dedupeExact(stream, (r) => r);
          expect(b.report).toEqual(a.report);
          const outcomes = await collect(b.outcomes());
          expect(outcomes.map((o) => o.item)).toEqual(order);
          for (const o of outcomes) {
            const keep = smallest.get(o.item.exactKey);
            if (o.kind === "kept") expect(o.item.id).toBe(keep);
            else {
              expect(o.keptId).toBe(keep);
              expect(o.item.id).not.toBe(keep);
            }
          }
          const kept = outcomes.filter((o) => o.kind === "kept");
          expect(kept.map((o) => o.item.id).sort()).toEqual(
            [...smallest.values()].sort(),
          );
          expect(a.report).toMatchObject({
            input: records.length,
            kept: smallest.size,
            duplicates: records.length - smallest.size,
            repeatedIds: 0,
          });
          for (const g of a.report.largestGroups) {
            expect(g.keptId).toBe(smallest.get(g.exactKey));
            expect(g.size).toBe(
              records.filter((r) => r.exactKey === g.exactKey).length,
            );
          }
        }),
        { numRuns: runs },
      );
    },
    timeout,
  );

  it("keeps one record when the kept id itself repeats", async () => {
    const records: ExactKeyed[] = [
      { id: "b", exactKey: "k" },
      { id: "a", exactKey: "k" },
      { id: "a", exactKey: "k" },
      { id: "c", exactKey: "other" },
    ];
    const { report, outcomes } = await dedupeExact(
      () => records,
      (r) => r,
    );
    expect(report).toEqual({
      input: 4,
      kept: 2,
      duplicates: 2,
      repeatedIds: 1,
      largestGroups: [{ exactKey: "k", keptId: "a", size: 3 }],
    });
    expect(
      (await collect(outcomes())).map((o) =>
        o.kind === "kept" ? "kept" : `dup of ${o.keptId}`,
      ),
    ).toEqual(["dup of a", "kept", "dup of a", "kept"]);
  });
});
