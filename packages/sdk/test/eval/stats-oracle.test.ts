import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bootstrapInterval,
  cohenKappa,
  confusionMatrix,
  mcnemarExact,
  normalCdf,
  normalQuantile,
  pointBiserial,
  rocAuc,
  spearman,
  studentTCdf,
  studentTQuantile,
  tInterval,
  weightedKappa,
  wilsonInterval,
  type KappaWeights,
  type RatingPair,
} from "../../src/index.js";
import { pythonOracle } from "./support/python-oracle.js";

// Every case goes to numpy/scipy in one python3 process (importing scipy costs seconds on a
// busy machine). A few hundred random cases cover the ground; FLOWPY_RUNS scales them.
const runs = Math.max(
  50,
  Math.floor(Number(process.env["FLOWPY_RUNS"] ?? 1000) / 4),
);
const seed = 20261124;
const bootstrapResamples = 400;

function close(actual: number, expected: number, tolerance = 1e-9): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected)),
  );
}

function kappaOf(
  pairs: readonly RatingPair<number>[],
  k: number,
  weights?: KappaWeights,
): number | null {
  const labels = Array.from({ length: k }, (_, i) => i);
  const matrix = confusionMatrix(pairs, labels);
  if (!matrix.ok) throw new Error("labels are in range");
  const result =
    weights === undefined
      ? cohenKappa(matrix.value)
      : weightedKappa(matrix.value, weights);
  return result.ok ? result.value.kappa : null;
}

const weightings = [undefined, "linear", "quadratic"] as const;

const kappaCases = fc.sample(
  fc.integer({ min: 2, max: 5 }).chain((k) =>
    fc.record({
      k: fc.constant(k),
      pairs: fc.array(
        fc.tuple(fc.nat({ max: k - 1 }), fc.nat({ max: k - 1 })),
        { minLength: 1, maxLength: 120 },
      ),
    }),
  ),
  { numRuns: runs, seed },
);

const correlationCases = fc
  .sample(
    fc.integer({ min: 3, max: 80 }).chain((n) =>
      fc.record({
        x: fc.array(fc.integer({ min: 1, max: 5 }), {
          minLength: n,
          maxLength: n,
        }),
        y: fc.array(
          fc.oneof(
            fc.integer({ min: 1, max: 5 }),
            fc.double({ min: -10, max: 10, noNaN: true }),
          ),
          { minLength: n, maxLength: n },
        ),
        outcomes: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      }),
    ),
    { numRuns: runs, seed },
  )
  .filter(
    (c) =>
      new Set(c.x).size > 1 &&
      new Set(c.y).size > 1 &&
      new Set(c.outcomes).size > 1,
  );

const intervalCases = fc.sample(
  fc.record({
    n: fc.integer({ min: 1, max: 5000 }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    level: fc.constantFrom(0.8, 0.9, 0.95, 0.99),
    b: fc.nat({ max: 400 }),
    c: fc.nat({ max: 400 }),
    x: fc.array(fc.double({ min: -5, max: 5, noNaN: true }), {
      minLength: 2,
      maxLength: 60,
    }),
  }),
  { numRuns: runs, seed },
);

const distributionCases = {
  p: fc.sample(
    fc.oneof(
      fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }),
      fc.constantFrom(0.5, 0.025, 0.975, 0.005, 0.995, 1e-10),
    ),
    { numRuns: runs, seed },
  ),
  x: fc.sample(fc.double({ min: -30, max: 30, noNaN: true }), {
    numRuns: runs,
    seed,
  }),
  df: fc.sample(
    fc.oneof(
      fc.integer({ min: 1, max: 2000 }),
      fc.double({ min: 0.5, max: 50, noNaN: true }),
    ),
    { numRuns: runs, seed },
  ),
};

// Integer data: both sides then compute every resample mean exactly (sum, one rounding
// division), so comparisons with the estimate cannot differ by summation order.
const bootstrapMeanCases = fc.sample(
  fc.record({
    x: fc.array(fc.integer({ min: -1000, max: 1000 }), {
      minLength: 5,
      maxLength: 50,
    }),
    seed: fc.nat(),
    level: fc.constantFrom(0.9, 0.95),
    method: fc.constantFrom("percentile" as const, "bca" as const),
  }),
  { numRuns: Math.min(runs, 80), seed },
);

const bootstrapKappaCases = fc
  .sample(
    fc.record({
      pairs: fc.array(fc.tuple(fc.nat({ max: 1 }), fc.nat({ max: 1 })), {
        minLength: 4,
        maxLength: 40,
      }),
      seed: fc.nat(),
    }),
    { numRuns: Math.min(runs, 40), seed },
  )
  .filter((c) => kappaOf(c.pairs, 2) !== null);

const oracleCases = {
  kappa: weightings.flatMap((weights) =>
    kappaCases.map((c) => ({
      op: "kappa",
      ...c,
      ...(weights === undefined ? {} : { weights }),
    })),
  ),
  correlation: correlationCases.flatMap((c) => [
    { op: "spearman", x: c.x, y: c.y },
    { op: "pointbiserial", scores: c.y, outcomes: c.outcomes },
    { op: "auc", scores: c.y, outcomes: c.outcomes },
  ]),
  intervals: intervalCases.flatMap((c) => [
    { op: "wilson", k: Math.round(c.share * c.n), n: c.n, level: c.level },
    { op: "mcnemar", b: c.b, c: c.c },
    { op: "t_interval", x: c.x, level: c.level },
  ]),
  distributions: [{ op: "quantiles", ...distributionCases }],
  bootstrapMean: bootstrapMeanCases.map((c) => ({
    op: "bootstrap_mean",
    ...c,
    resamples: bootstrapResamples,
  })),
  bootstrapKappa: bootstrapKappaCases.map((c) => ({
    op: "bootstrap_kappa",
    k: 2,
    level: 0.95,
    resamples: bootstrapResamples,
    ...c,
  })),
};

type Answers = { [K in keyof typeof oracleCases]: unknown[] };
let answers: Answers;

beforeAll(() => {
  const groups: [string, readonly unknown[]][] = Object.entries(oracleCases);
  const flat = pythonOracle(groups.flatMap(([, cases]) => [...cases]));
  let at = 0;
  answers = Object.fromEntries(
    groups.map(([name, cases]) => {
      const slice = flat.slice(at, at + cases.length);
      at += cases.length;
      return [name, slice];
    }),
  ) as Answers;
}, 300_000);

describe("statistics against numpy/scipy", { timeout: 120_000 }, () => {
  it("Cohen's kappa and weighted kappa (linear, quadratic) agree with the numpy definition", () => {
    let defined = 0;
    weightings.forEach((weights, w) =>
      kappaCases.forEach((c, i) => {
        const want = answers.kappa[w * kappaCases.length + i] as number | null;
        const got = kappaOf(c.pairs, c.k, weights);
        if (want === null) expect(got).toBeNull();
        else {
          defined++;
          expect(got).not.toBeNull();
          close(got ?? Number.NaN, want);
        }
      }),
    );
    expect(defined).toBeGreaterThan(kappaCases.length);
  });

  it("Spearman's rho with ties, the point-biserial correlation and AUC match scipy", () => {
    expect(correlationCases.length).toBeGreaterThan(runs / 2);
    correlationCases.forEach((c, i) => {
      const rho = spearman(c.x, c.y);
      const r = pointBiserial(c.y, c.outcomes);
      const auc = rocAuc(c.y, c.outcomes);
      expect(rho.ok && r.ok && auc.ok).toBe(true);
      if (rho.ok) close(rho.value, answers.correlation[3 * i] as number);
      if (r.ok) close(r.value, answers.correlation[3 * i + 1] as number);
      if (auc.ok)
        close(auc.value.auc, answers.correlation[3 * i + 2] as number);
    });
  });

  it("Wilson intervals, McNemar's exact p and t-intervals match scipy", () => {
    intervalCases.forEach((c, i) => {
      const wilson = wilsonInterval(Math.round(c.share * c.n), c.n, c.level);
      expect(wilson.ok).toBe(true);
      const [low, high] = answers.intervals[3 * i] as [number, number];
      if (wilson.ok) {
        close(wilson.value.interval.low, low, 1e-10);
        close(wilson.value.interval.high, high, 1e-10);
      }
      close(
        mcnemarExact(c.b, c.c).pValue,
        answers.intervals[3 * i + 1] as number,
      );
      const t = tInterval(c.x, c.level);
      const [tl, th] = answers.intervals[3 * i + 2] as [number, number];
      close(t?.low ?? Number.NaN, tl);
      close(t?.high ?? Number.NaN, th);
    });
  });

  it("normal and Student's t CDFs and quantiles match scipy", () => {
    const want = answers.distributions[0] as Record<
      "norm_ppf" | "norm_cdf" | "t_ppf" | "t_cdf",
      number[]
    >;
    const { p, x, df } = distributionCases;
    p.forEach((q, i) => {
      close(normalQuantile(q), want.norm_ppf[i] ?? Number.NaN, 1e-12);
      close(
        studentTQuantile(q, df[i] ?? 1),
        want.t_ppf[i] ?? Number.NaN,
        1e-10,
      );
    });
    x.forEach((v, i) => {
      const expected = want.norm_cdf[i] ?? Number.NaN;
      // Relative in the lower tail, where the values are tiny (Φ(−30) ≈ 5e−198).
      expect(Math.abs(normalCdf(v) - expected)).toBeLessThanOrEqual(
        1e-12 * expected + 1e-300,
      );
      close(studentTCdf(v, df[i] ?? 1), want.t_cdf[i] ?? Number.NaN, 1e-12);
    });
  });

  it("bootstrap percentile and BCa intervals of the mean use the documented resamples and scipy's levels", () => {
    const mean = (s: readonly number[]): number =>
      s.reduce((a, b) => a + b, 0) / s.length;
    bootstrapMeanCases.forEach((c, i) => {
      const result = bootstrapInterval(c.x, mean, {
        resamples: bootstrapResamples,
        level: c.level,
        seed: c.seed,
        method: c.method,
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const want = answers.bootstrapMean[i] as [number, number] | null;
      if (want === null) {
        // Documented: no spread means no acceleration, and the interval is the one value.
        expect(new Set(c.x).size).toBe(1);
        expect([result.value.low, result.value.high]).toEqual([c.x[0], c.x[0]]);
        return;
      }
      expect(result.value.method).toBe(c.method);
      close(result.value.low, want[0]);
      close(result.value.high, want[1]);
    });
  });

  it("bootstrap intervals of kappa match the same resamples in numpy, undefined resamples counted", () => {
    expect(bootstrapKappaCases.length).toBeGreaterThan(10);
    bootstrapKappaCases.forEach((c, i) => {
      const result = bootstrapInterval(c.pairs, (s) => kappaOf(s, 2), {
        resamples: bootstrapResamples,
        level: 0.95,
        seed: c.seed,
        method: "percentile",
      });
      const want = answers.bootstrapKappa[i] as {
        low: number;
        high: number;
        undefined: number;
      };
      if (want.undefined === bootstrapResamples) {
        expect(result.ok).toBe(false);
        return;
      }
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.undefinedResamples).toBe(want.undefined);
      close(result.value.low, want.low);
      close(result.value.high, want.high);
    });
  });
});
