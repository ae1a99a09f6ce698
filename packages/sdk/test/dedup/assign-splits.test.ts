import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  assignSplits,
  sdkCodes,
  splitNames,
  type Split,
  type SplitItem,
  seededShuffle,
} from "../../src/index.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
const timeout = Math.max(120_000, runs * 200);

/** Items with unique ids over small merchant and fingerprint alphabets, so groups merge. */
const itemsArb = fc
  .array(
    fc.record({
      merchant: fc.integer({ min: 0, max: 60 }),
      fingerprint: fc.integer({ min: 0, max: 80 }),
    }),
    { maxLength: 200 },
  )
  .map((xs) =>
    xs.map((x, i): SplitItem => ({
      id: `w${i}`,
      merchant: `m${x.merchant}`,
      fingerprint: `f${x.fingerprint}`,
    })),
  );

const ratiosArb = fc
  .record({
    train: fc.integer({ min: 0, max: 10 }),
    eval: fc.integer({ min: 0, max: 10 }),
    test: fc.integer({ min: 0, max: 10 }),
  })
  .filter((r) => r.train + r.eval + r.test > 0);

/** Connected components of the merchant–fingerprint graph, computed the slow way. */
function bruteComponents(items: readonly SplitItem[]): number {
  const adjacent = new Map<string, Set<string>>();
  const link = (a: string, b: string): void => {
    adjacent.set(a, (adjacent.get(a) ?? new Set()).add(b));
  };
  for (const it of items) {
    link(`m:${it.merchant}`, `f:${it.fingerprint}`);
    link(`f:${it.fingerprint}`, `m:${it.merchant}`);
  }
  const seen = new Set<string>();
  let components = 0;
  for (const start of adjacent.keys()) {
    if (seen.has(start)) continue;
    components++;
    const stack = [start];
    while (stack.length > 0) {
      const at = stack.pop() ?? "";
      if (seen.has(at)) continue;
      seen.add(at);
      for (const next of adjacent.get(at) ?? []) stack.push(next);
    }
  }
  return components;
}

describe("assignSplits", () => {
  it(
    "is a function of the item set, never lets a merchant or fingerprint straddle splits, and keeps within its bound",
    () => {
      fc.assert(
        fc.property(
          itemsArb,
          ratiosArb,
          fc.integer(),
          fc.integer(),
          (items, ratios, seed, order) => {
            const a = assignSplits(items, { seed, ratios });
            const b = assignSplits(seededShuffle(items, order), {
              seed,
              ratios,
            });
            for (const it of items) expect(b.split(it.id)).toBe(a.split(it.id));
            expect(JSON.stringify(b.report)).toBe(JSON.stringify(a.report));

            const byMerchant = new Map<string, Set<Split | undefined>>();
            const byFingerprint = new Map<string, Set<Split | undefined>>();
            for (const it of items) {
              const s = a.split(it.id);
              expect(s).toBeDefined();
              byMerchant.set(
                it.merchant,
                (byMerchant.get(it.merchant) ?? new Set()).add(s),
              );
              byFingerprint.set(
                it.fingerprint,
                (byFingerprint.get(it.fingerprint) ?? new Set()).add(s),
              );
              expect(a.splitOf(it)).toBe(s);
            }
            for (const set of byMerchant.values()) expect(set.size).toBe(1);
            for (const set of byFingerprint.values()) expect(set.size).toBe(1);
            expect(a.report.straddling).toEqual({
              merchants: 0,
              fingerprints: 0,
            });

            const { report } = a;
            expect(report.items).toBe(items.length);
            expect(report.merchants).toBe(byMerchant.size);
            expect(report.fingerprints).toBe(byFingerprint.size);
            expect(report.components).toBe(bruteComponents(items));
            const total = splitNames.reduce(
              (n, s) => n + report.perSplit[s].items,
              0,
            );
            expect(total).toBe(items.length);
            for (const s of splitNames) {
              const counted = items.filter((it) => a.split(it.id) === s).length;
              expect(report.perSplit[s].items).toBe(counted);
            }
            expect(report.maxDeviation).toBeLessThanOrEqual(
              report.tolerance + 1e-12,
            );
            // Only train ends above its target.
            for (const s of splitNames.slice(1))
              expect(report.perSplit[s].achieved).toBeLessThanOrEqual(
                report.perSplit[s].target + 1e-12,
              );
            expect(report.diagnostics).toEqual(
              report.largestComponents.some((c) => c.oversized)
                ? expect.arrayContaining([
                    expect.objectContaining({
                      code: sdkCodes.splitOversizedComponent,
                    }),
                  ])
                : [],
            );
          },
        ),
        { numRuns: runs },
      );
    },
    timeout,
  );

  it(
    "achieves the ratios within 2k/n when components have at most k items",
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 1, max: 5 }), {
            minLength: 300,
            maxLength: 1500,
          }),
          ratiosArb,
          fc.integer(),
          (sizes, ratios, seed) => {
            // Component c: merchant c with `sizes[c]` items, half sharing one fingerprint.
            const items: SplitItem[] = sizes.flatMap((size, c) =>
              Array.from({ length: size }, (_, k) => ({
                id: `c${c}-${k}`,
                merchant: `m${c}`,
                fingerprint: `f${c}-${k % 2}`,
              })),
            );
            const { report } = assignSplits(items, { seed, ratios });
            const k = Math.max(...sizes);
            expect(report.components).toBe(sizes.length);
            expect(report.maxDeviation).toBeLessThanOrEqual(
              (2 * k) / items.length + 1e-12,
            );
          },
        ),
        { numRuns: Math.max(50, Math.floor(runs / 10)) },
      );
    },
    timeout,
  );

  it(
    "one weighted entry per merchant and fingerprint pair gives the report and splits of the items it stands for",
    { timeout },
    () => {
      fc.assert(
        fc.property(
          itemsArb,
          ratiosArb,
          fc.integer(),
          (items, ratios, seed) => {
            const expanded = assignSplits(items, { seed, ratios });
            const pairs = new Map<string, SplitItem & { weight: number }>();
            for (const it of items) {
              const id = `${it.merchant}/${it.fingerprint}`;
              const entry = pairs.get(id);
              if (entry === undefined)
                pairs.set(id, {
                  id,
                  merchant: it.merchant,
                  fingerprint: it.fingerprint,
                  weight: 1,
                });
              else entry.weight++;
            }
            const weighted = assignSplits([...pairs.values()], {
              seed,
              ratios,
            });
            expect(JSON.stringify(weighted.report)).toBe(
              JSON.stringify(expanded.report),
            );
            for (const it of items)
              expect(weighted.split(`${it.merchant}/${it.fingerprint}`)).toBe(
                expanded.split(it.id),
              );
          },
        ),
        { numRuns: runs },
      );
    },
  );

  it("sends a giant component to train and says how far that moves the ratios", () => {
    // 120 merchants share "order created → tag order"; 80 others have one workflow each.
    const items: SplitItem[] = [
      ...Array.from({ length: 120 }, (_, i) => ({
        id: `g${i}`,
        merchant: `shared-${i}`,
        fingerprint: "tag-order",
      })),
      ...Array.from({ length: 80 }, (_, i) => ({
        id: `s${i}`,
        merchant: `solo-${i}`,
        fingerprint: `own-${i}`,
      })),
    ];
    const ratios = { train: 0.5, eval: 0.25, test: 0.25 };
    const { split, report } = assignSplits(items, { seed: 7, ratios });
    for (let i = 0; i < 120; i++) expect(split(`g${i}`)).toBe("train");
    const [giant] = report.largestComponents;
    expect(giant).toEqual({
      merchant: "shared-0",
      items: 120,
      merchants: 120,
      fingerprints: 1,
      split: "train",
      oversized: true,
    });
    expect(report.perSplit.train.items).toBe(120);
    expect(report.perSplit.eval.items).toBe(40);
    expect(report.perSplit.test.items).toBe(40);
    expect(report.maxDeviation).toBeCloseTo(0.1, 12);
    expect(report.tolerance).toBeCloseTo(20 / 200, 12);
    expect(report.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.splitOversizedComponent,
    ]);
    expect(report.notes.join("\n")).toMatch(/120 items \(60\.00% of all/);
    expect(report.notes.join("\n")).toMatch(/largest deviation 10\.00%/);
  });

  it("places components by the seed", () => {
    const items = Array.from({ length: 400 }, (_, i) => ({
      id: `w${i}`,
      merchant: `m${i}`,
      fingerprint: `f${i}`,
    }));
    const ratios = { train: 0.8, eval: 0.1, test: 0.1 };
    const a = assignSplits(items, { seed: 1, ratios });
    const b = assignSplits(items, { seed: 2, ratios });
    const again = assignSplits(items, { seed: 1, ratios });
    const moved = items.filter((it) => a.split(it.id) !== b.split(it.id));
    expect(moved.length).toBeGreaterThan(10);
    for (const it of items) expect(again.split(it.id)).toBe(a.split(it.id));
    expect(a.report.perSplit.eval.items).toBe(40);
    expect(b.report.perSplit.eval.items).toBe(40);
  });

  it("keeps a repeated id in one split and warns", () => {
    const items: SplitItem[] = [
      { id: "a", merchant: "m1", fingerprint: "f1" },
      { id: "a", merchant: "m2", fingerprint: "f2" },
      { id: "b", merchant: "m2", fingerprint: "f3" },
      { id: "c", merchant: "m3", fingerprint: "f4" },
    ];
    const { split, report } = assignSplits(items, {
      seed: 3,
      ratios: { train: 1, eval: 1, test: 1 },
    });
    expect(report.components).toBe(2);
    expect(split("b")).toBe(split("a"));
    expect(report.duplicateIds).toBe(1);
    expect(report.diagnostics[0]?.code).toBe(sdkCodes.splitDuplicateId);
  });

  it("answers undefined for an unknown id and an unknown merchant and fingerprint", () => {
    const { split, splitOf } = assignSplits(
      [{ id: "a", merchant: "m", fingerprint: "f" }],
      { seed: 0, ratios: { train: 1, eval: 0, test: 0 } },
    );
    expect(split("a")).toBe("train");
    expect(split("z")).toBeUndefined();
    expect(splitOf({ merchant: "x", fingerprint: "f" })).toBe("train");
    expect(splitOf({ merchant: "x", fingerprint: "y" })).toBeUndefined();
  });

  it("reports invalid ratios and puts everything in train", () => {
    for (const ratios of [
      { train: -1, eval: 1, test: 1 },
      { train: 0, eval: 0, test: 0 },
      { train: Number.NaN, eval: 1, test: 1 },
      { train: Number.POSITIVE_INFINITY, eval: 1, test: 1 },
    ]) {
      const items = [
        { id: "a", merchant: "m1", fingerprint: "f1" },
        { id: "b", merchant: "m2", fingerprint: "f2" },
      ];
      const { split, report } = assignSplits(items, { seed: 0, ratios });
      expect(report.diagnostics.map((d) => d.code)).toEqual([
        sdkCodes.splitInvalidRatios,
      ]);
      expect([split("a"), split("b")]).toEqual(["train", "train"]);
    }
  });

  it("handles no items", () => {
    const { report } = assignSplits([], {
      seed: 0,
      ratios: { train: 8, eval: 1, test: 1 },
    });
    expect(report.items).toBe(0);
    expect(report.components).toBe(0);
    expect(report.maxDeviation).toBe(0);
    expect(report.notes).toEqual([]);
  });
});
