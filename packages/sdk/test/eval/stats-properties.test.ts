import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  binaryKappa,
  bootstrapInterval,
  cohenKappa,
  comparePaired,
  confusionMatrix,
  tInterval,
  tuneThreshold,
  weightedKappa,
  wilsonInterval,
  type RatingPair,
  type ThresholdObjective,
} from "../../src/index.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
// Grows with the run count, so FLOWPY_RUNS=100000 is not cut short.
const timeout = Math.max(120_000, runs * 100);
// Bootstrap properties resample hundreds of times per case; a tenth of the runs suffices.
const bootstrapRuns = Math.max(50, Math.floor(runs / 10));

const scale = ["a", "b", "c", "d"] as const;
type L = (typeof scale)[number];
const pairs = fc.array(
  fc.tuple(fc.constantFrom(...scale), fc.constantFrom(...scale)),
  { minLength: 1, maxLength: 60 },
);

function kappa(
  p: readonly RatingPair<string>[],
  labels: readonly string[],
): number | null {
  const m = confusionMatrix(p, labels);
  if (!m.ok) throw new Error("labels are on the scale");
  const k = cohenKappa(m.value);
  return k.ok ? k.value.kappa : null;
}

function weighted(
  p: readonly RatingPair<string>[],
  labels: readonly string[],
  w: "linear" | "quadratic",
): number | null {
  const m = confusionMatrix(p, labels);
  if (!m.ok) throw new Error("labels are on the scale");
  const k = weightedKappa(m.value, w);
  return k.ok ? k.value.kappa : null;
}

const swap = <T>(p: readonly (readonly [T, T])[]): [T, T][] =>
  p.map(([a, b]) => [b, a]);

describe("kappa properties", { timeout }, () => {
  it("is at most 1, at least −1, and defined exactly when chance agreement is below 1", () => {
    fc.assert(
      fc.property(pairs, (p) => {
        const k = kappa(p, scale);
        const firsts = new Set(p.map(([a]) => a));
        const seconds = new Set(p.map(([, b]) => b));
        const oneLabel =
          firsts.size === 1 && seconds.size === 1 && p[0]?.[0] === p[0]?.[1];
        if (oneLabel) {
          expect(k).toBeNull();
          return;
        }
        expect(k).not.toBeNull();
        expect(k ?? 0).toBeLessThanOrEqual(1 + 1e-12);
        expect(k ?? 0).toBeGreaterThanOrEqual(-1 - 1e-12);
        for (const w of ["linear", "quadratic"] as const)
          expect(weighted(p, scale, w) ?? -Infinity).toBeLessThanOrEqual(
            1 + 1e-12,
          );
      }),
      { numRuns: runs },
    );
  });

  it("is 1 when the raters agree on every example (and use two labels or more)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...scale), { minLength: 2, maxLength: 60 }),
        (labels) => {
          fc.pre(new Set(labels).size > 1);
          const same = labels.map((l) => [l, l] as const);
          expect(kappa(same, scale)).toBeCloseTo(1, 12);
          expect(weighted(same, scale, "quadratic")).toBeCloseTo(1, 12);
        },
      ),
      { numRuns: runs },
    );
  });

  it("is symmetric in the two raters", () => {
    fc.assert(
      fc.property(pairs, (p) => {
        const k = kappa(p, scale);
        const back = kappa(swap(p), scale);
        if (k === null) {
          expect(back).toBeNull();
          return;
        }
        expect(back ?? Number.NaN).toBeCloseTo(k, 12);
        for (const w of ["linear", "quadratic"] as const)
          expect(weighted(swap(p), scale, w) ?? Number.NaN).toBeCloseTo(
            weighted(p, scale, w) ?? Number.NaN,
            12,
          );
      }),
      { numRuns: runs },
    );
  });

  it("does not change when the labels are renamed and listed in another order", () => {
    fc.assert(
      fc.property(
        pairs,
        fc.shuffledSubarray([...scale], { minLength: 4, maxLength: 4 }),
        fc.shuffledSubarray(["w", "x", "y", "z"], {
          minLength: 4,
          maxLength: 4,
        }),
        (p, image, order) => {
          const rename = new Map<L, string>(
            scale.map((l, i) => [l, image[i] ?? l]),
          );
          const renamed = p.map(
            ([a, b]) => [rename.get(a) ?? a, rename.get(b) ?? b] as const,
          );
          // Nominal kappa does not see the label order at all.
          const k = kappa(p, scale);
          const after = kappa(
            renamed.map(([a, b]) => [`${a}`, `${b}`] as const),
            image,
          );
          const shuffledOrder = kappa(
            p.map(
              ([a, b]) =>
                [
                  order[scale.indexOf(a)] ?? a,
                  order[scale.indexOf(b)] ?? b,
                ] as const,
            ),
            ["z", "y", "x", "w"],
          );
          if (k === null) {
            expect(after).toBeNull();
            expect(shuffledOrder).toBeNull();
            return;
          }
          expect(after ?? Number.NaN).toBeCloseTo(k, 12);
          expect(shuffledOrder ?? Number.NaN).toBeCloseTo(k, 12);
          // Weighted kappa keeps its value when the scale is renamed in order, or reversed.
          const reversed = [...scale].reverse();
          for (const w of ["linear", "quadratic"] as const)
            expect(weighted(p, reversed, w) ?? Number.NaN).toBeCloseTo(
              weighted(p, scale, w) ?? Number.NaN,
              12,
            );
        },
      ),
      { numRuns: runs },
    );
  });
});

describe(
  "confidence intervals contain their point estimate",
  { timeout },
  () => {
    it("Wilson intervals contain the rate and stay in [0, 1]", () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 100_000 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0.5, max: 0.999, noNaN: true }),
          (n, share, level) => {
            const w = wilsonInterval(Math.round(share * n), n, level);
            expect(w.ok).toBe(true);
            if (!w.ok) return;
            const { low, high } = w.value.interval;
            expect(0 <= low && low <= w.value.rate).toBe(true);
            expect(w.value.rate <= high && high <= 1).toBe(true);
          },
        ),
        { numRuns: runs },
      );
    });

    it("t-intervals contain the mean", () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), {
            minLength: 2,
            maxLength: 50,
          }),
          (xs) => {
            const t = tInterval(xs, 0.95);
            const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
            expect(t).not.toBeNull();
            expect(t?.low ?? Infinity).toBeLessThanOrEqual(mean + 1e-9);
            expect(t?.high ?? -Infinity).toBeGreaterThanOrEqual(mean - 1e-9);
          },
        ),
        { numRuns: runs },
      );
    });

    it("percentile and BCa bootstrap intervals of a mean contain it, and the same seed gives the same interval", () => {
      const mean = (s: readonly number[]): number =>
        s.reduce((a, b) => a + b, 0) / s.length;
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: -1000, max: 1000 }), {
            minLength: 1,
            maxLength: 40,
          }),
          fc.nat(),
          fc.constantFrom("percentile" as const, "bca" as const),
          (xs, seed, method) => {
            const options = { resamples: 300, level: 0.95, seed, method };
            const first = bootstrapInterval(xs, mean, options);
            expect(first.ok).toBe(true);
            if (!first.ok) return;
            const { low, high, estimate } = first.value;
            expect(low).toBeLessThanOrEqual(estimate + 1e-9);
            expect(high).toBeGreaterThanOrEqual(estimate - 1e-9);
            expect(bootstrapInterval(xs, mean, options)).toEqual(first);
          },
        ),
        { numRuns: bootstrapRuns },
      );
    });

    it("a paired comparison does not depend on the order of the examples, and its intervals contain the mean difference", () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(
            fc.record({
              exampleId: fc.string({ minLength: 1, maxLength: 6 }),
              a: fc.integer({ min: 0, max: 1 }),
              b: fc.integer({ min: 0, max: 1 }),
            }),
            { minLength: 2, maxLength: 40, selector: (r) => r.exampleId },
          ),
          fc.nat(),
          (rows, seed) => {
            const options = {
              resamples: 200,
              level: 0.95,
              seed,
              method: "percentile" as const,
            };
            const a = rows.map((r) => ({ exampleId: r.exampleId, value: r.a }));
            const b = rows.map((r) => ({ exampleId: r.exampleId, value: r.b }));
            const result = comparePaired(a, b, options);
            const reordered = comparePaired([...a].reverse(), b, options);
            expect(reordered).toEqual(result);
            expect(result.ok).toBe(true);
            if (!result.ok) return;
            const v = result.value;
            expect(v.wins + v.ties + v.losses).toBe(rows.length);
            expect(v.mcnemar?.onlyB).toBe(v.wins);
            expect(v.mcnemar?.onlyA).toBe(v.losses);
            expect(v.bootstrap.low).toBeLessThanOrEqual(
              v.meanDifference + 1e-12,
            );
            expect(v.bootstrap.high).toBeGreaterThanOrEqual(
              v.meanDifference - 1e-12,
            );
            expect(v.t?.low ?? -Infinity).toBeLessThanOrEqual(
              v.meanDifference + 1e-12,
            );
            expect(v.t?.high ?? Infinity).toBeGreaterThanOrEqual(
              v.meanDifference - 1e-12,
            );
          },
        ),
        { numRuns: bootstrapRuns },
      );
    });
  },
);

describe("threshold tuning", { timeout }, () => {
  function bruteForce(
    scores: readonly number[],
    labels: readonly boolean[],
    threshold: number,
    objective: ThresholdObjective,
  ): number {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    let tn = 0;
    scores.forEach((s, i) => {
      const met = s >= threshold;
      if (labels[i] && met) tp++;
      else if (met) fp++;
      else if (labels[i]) fn++;
      else tn++;
    });
    if (objective === "youden") return tp / (tp + fn) + tn / (tn + fp) - 1;
    return binaryKappa(tp, fp, fn, tn) ?? -Infinity;
  }

  it("finds the best threshold of a brute-force grid, for kappa and for Youden's J", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(
              fc.integer({ min: 0, max: 20 }).map((v) => v / 20),
              fc.double({ min: 0, max: 1, noNaN: true }),
            ),
            fc.boolean(),
          ),
          { minLength: 2, maxLength: 80 },
        ),
        fc.constantFrom("kappa" as const, "youden" as const),
        (rows, objective) => {
          const scores = rows.map(([s]) => s);
          const labels = rows.map(([, l]) => l);
          fc.pre(labels.includes(true) && labels.includes(false));
          const tuned = tuneThreshold(scores, labels, objective);
          expect(tuned.ok).toBe(true);
          if (!tuned.ok) return;
          const achieved = bruteForce(
            scores,
            labels,
            tuned.value.threshold,
            objective,
          );
          const reported =
            objective === "kappa" ? tuned.value.kappa : tuned.value.youden;
          expect(reported ?? Number.NaN).toBeCloseTo(achieved, 12);
          // The grid: a fine sweep of [min score, max score] plus every score and midpoint.
          const sorted = [...new Set(scores)].sort((x, y) => x - y);
          const lo = sorted[0] ?? 0;
          const hi = sorted.at(-1) ?? 1;
          const grid = [
            ...sorted,
            ...sorted.slice(1).map((s, i) => (s + (sorted[i] ?? s)) / 2),
            ...Array.from(
              { length: 201 },
              (_, i) => lo + ((hi - lo) * i) / 200,
            ),
          ];
          for (const t of grid)
            expect(
              bruteForce(scores, labels, t, objective),
            ).toBeLessThanOrEqual(achieved + 1e-12);
        },
      ),
      { numRuns: runs },
    );
  });
});
