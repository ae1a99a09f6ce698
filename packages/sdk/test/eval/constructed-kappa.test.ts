import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bootstrapInterval,
  calibrateJudge,
  cohenKappa,
  confusionMatrix,
  defaultCalibrationConfig,
  normalCdf,
  readAnnotationsJsonl,
  readJudgeScoresJsonl,
  weightedKappa,
  type CalibrationConfig,
  type RatingPair,
} from "../../src/index.js";
import {
  binaryJoint,
  exactCounts,
  gaussian,
  kappaRange,
  mixtureJoint,
  pairsOf,
  samplePairs,
} from "./support/synthetic-agreement.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
// Grows with the run count, so FLOWPY_RUNS=100000 is not cut short.
const timeout = Math.max(120_000, runs * 100);
const judge = {
  judge_model: "test/judge",
  prompt_sha256: "ab".repeat(32),
};

function kappaOf(
  pairs: readonly RatingPair<number>[],
  labels: readonly number[],
) {
  const m = confusionMatrix(pairs, labels);
  if (!m.ok) throw new Error("labels are on the scale");
  return {
    kappa: cohenKappa(m.value),
    linear: weightedKappa(m.value, "linear"),
    quadratic: weightedKappa(m.value, "quadratic"),
  };
}

const binaryTarget = fc
  .record({
    p: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    q: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    t: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ p, q, t }) => {
    const [lo, hi] = kappaRange(p, q);
    return { p, q, kappa: lo + t * (hi - lo) };
  });

/** Annotation and judge-verdict JSONL for pairs (human, judge) on one facet. */
function jsonl(
  facet: string,
  scale: "binary" | "ordinal_1_5",
  pairs: readonly RatingPair<number>[],
): { annotations: string; scores: string } {
  const id = (i: number): string => `ex-${String(i).padStart(6, "0")}`;
  return {
    annotations: pairs
      .map(([h], i) =>
        JSON.stringify({
          example_id: id(i),
          facet,
          scale,
          label: h,
          annotator: "ann",
        }),
      )
      .join("\n"),
    scores: pairs
      .map(([, j], i) =>
        JSON.stringify({ example_id: id(i), facet, ...judge, verdict: j }),
      )
      .join("\n"),
  };
}

function read(files: readonly { annotations: string; scores: string }[]) {
  const annotations = readAnnotationsJsonl(
    files.map((f) => f.annotations).join("\n"),
  );
  const scores = readJudgeScoresJsonl(files.map((f) => f.scores).join("\n"));
  if (!annotations.ok || !scores.ok)
    throw new Error("the synthetic files are valid");
  return { annotations: annotations.value, scores: scores.value };
}

const fastConfig: CalibrationConfig = {
  ...defaultCalibrationConfig,
  facets: ["intent", "configuration"],
  bootstrap: { resamples: 200, level: 0.95, seed: 7, method: "percentile" },
};

describe(
  "agreement on annotations built with a known kappa",
  { timeout },
  () => {
    it("an exact joint table at given base rates gives its kappa (±0.02) and its base rates", () => {
      fc.assert(
        fc.property(binaryTarget, ({ p, q, kappa }) => {
          const n = 10_000;
          const pairs = pairsOf(
            exactCounts(binaryJoint(p, q, kappa), n),
            [0, 1],
          );
          const k = kappaOf(pairs, [0, 1]).kappa;
          expect(k.ok).toBe(true);
          if (!k.ok) return;
          expect(Math.abs(k.value.kappa - kappa)).toBeLessThanOrEqual(0.02);
          expect(
            Math.abs((k.value.baseRates.first[1] ?? 0) - p),
          ).toBeLessThanOrEqual(2 / n);
          expect(
            Math.abs((k.value.baseRates.second[1] ?? 0) - q),
          ).toBeLessThanOrEqual(2 / n);
        }),
        { numRuns: Math.max(100, runs / 5) },
      );
    });

    it("an exact ordinal mixture table gives kappa = weighted kappa = ρ (±0.02)", () => {
      fc.assert(
        fc.property(
          fc.array(fc.double({ min: 0.02, max: 1, noNaN: true }), {
            minLength: 5,
            maxLength: 5,
          }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (weights, rho) => {
            const total = weights.reduce((s, w) => s + w, 0);
            const marginal = weights.map((w) => w / total);
            const pairs = pairsOf(
              exactCounts(mixtureJoint(marginal, rho), 20_000),
              [1, 2, 3, 4, 5],
            );
            const k = kappaOf(pairs, [1, 2, 3, 4, 5]);
            for (const r of [k.kappa, k.linear, k.quadratic]) {
              expect(r.ok).toBe(true);
              if (r.ok)
                expect(Math.abs(r.value.kappa - rho)).toBeLessThanOrEqual(0.02);
            }
          },
        ),
        { numRuns: Math.max(100, runs / 5) },
      );
    });

    it("calibrateJudge recovers the constructed kappa of exact tables, binary and ordinal", () => {
      const binary = pairsOf(
        exactCounts(binaryJoint(0.3, 0.4, 0.55), 4000),
        [0, 1],
      );
      const ordinal = pairsOf(
        exactCounts(mixtureJoint([0.1, 0.15, 0.25, 0.3, 0.2], 0.7), 4000),
        [1, 2, 3, 4, 5],
      );
      const { annotations, scores } = read([
        jsonl("intent", "binary", binary),
        jsonl("configuration", "ordinal_1_5", ordinal),
      ]);
      const result = calibrateJudge(annotations, scores, fastConfig);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const [intent, configuration] = result.value.facets;
      expect(intent?.n).toBe(4000);
      expect(
        Math.abs((intent?.agreement?.kappa?.kappa ?? 0) - 0.55),
      ).toBeLessThanOrEqual(0.02);
      expect(intent?.agreement?.kappa?.baseRates.first[1]).toBeCloseTo(0.3, 3);
      expect(intent?.agreement?.kappa?.baseRates.second[1]).toBeCloseTo(0.4, 3);
      expect(
        Math.abs((configuration?.agreement?.kappa?.kappa ?? 0) - 0.7),
      ).toBeLessThanOrEqual(0.02);
      expect(
        Math.abs((configuration?.agreement?.weightedKappa?.kappa ?? 0) - 0.7),
      ).toBeLessThanOrEqual(0.02);
      expect(configuration?.gating.statistic).toBe("weighted_kappa");
      expect(result.value.gatingFacets).toEqual(["configuration"]);
      expect(intent?.gating.usable).toBe(false);
    });

    it("sampled annotations land within ±0.02 of the constructed kappa (n = 20,000, fixed seeds)", () => {
      const configs = [
        { p: 0.5, q: 0.5, kappa: 0.8 },
        { p: 0.2, q: 0.25, kappa: 0.6 },
        { p: 0.9, q: 0.85, kappa: 0.4 },
        { p: 0.1, q: 0.1, kappa: 0.0 },
        { p: 0.6, q: 0.3, kappa: 0.3 },
        { p: 0.35, q: 0.36, kappa: 0.95 },
      ];
      configs.forEach(({ p, q, kappa }, s) => {
        const pairs = samplePairs(
          binaryJoint(p, q, kappa),
          [0, 1],
          20_000,
          1000 + s,
        );
        const k = kappaOf(pairs, [0, 1]).kappa;
        expect(k.ok).toBe(true);
        if (k.ok)
          expect(
            Math.abs(k.value.kappa - kappa),
            JSON.stringify({ p, q, kappa }),
          ).toBeLessThanOrEqual(0.02);
      });
      [0.2, 0.5, 0.75, 0.9].forEach((rho, s) => {
        const pairs = samplePairs(
          mixtureJoint([0.05, 0.1, 0.3, 0.35, 0.2], rho),
          [1, 2, 3, 4, 5],
          20_000,
          2000 + s,
        );
        const k = kappaOf(pairs, [1, 2, 3, 4, 5]);
        for (const r of [k.kappa, k.linear, k.quadratic]) {
          expect(r.ok).toBe(true);
          if (r.ok)
            expect(Math.abs(r.value.kappa - rho)).toBeLessThanOrEqual(0.02);
        }
      });
    });

    it("95% bootstrap intervals of kappa cover the constructed value about 95% of the time", () => {
      const datasets = 60;
      let covered = 0;
      for (let d = 0; d < datasets; d++) {
        const pairs = samplePairs(
          binaryJoint(0.3, 0.35, 0.6),
          [0, 1],
          300,
          5000 + d,
        );
        const interval = bootstrapInterval(
          pairs,
          (sample) => {
            const k = kappaOf(sample, [0, 1]).kappa;
            return k.ok ? k.value.kappa : null;
          },
          { resamples: 400, level: 0.95, seed: d, method: "bca" },
        );
        expect(interval.ok).toBe(true);
        if (
          interval.ok &&
          interval.value.low <= 0.6 &&
          0.6 <= interval.value.high
        )
          covered++;
      }
      // Binomial(60, 0.95) falls below 51 with probability < 0.1%.
      expect(covered).toBeGreaterThanOrEqual(51);
    });

    it("a scoring judge: the tuned threshold and its cross-validated kappa match the constructed noise model", () => {
      // Human label y ~ Bernoulli(½), judge score = y + N(0, σ²): at the threshold ½ both
      // sensitivity and specificity are Φ(½σ⁻¹), so kappa = 2Φ(½σ⁻¹) − 1.
      const sigma = 0.4;
      const expected = 2 * normalCdf(0.5 / sigma) - 1;
      const noise = gaussian(99);
      const labels = samplePairs([[0.5], [0.5]], [0, 1], 20_000, 98).map(
        ([y]) => y,
      );
      const annotations = labels.map((y, i) => ({
        example_id: `ex-${i}`,
        facet: "intent",
        scale: "binary" as const,
        label: y,
      }));
      const scores = labels.map((y, i) => ({
        example_id: `ex-${i}`,
        facet: "intent",
        ...judge,
        score: y + sigma * noise(),
      }));
      const result = calibrateJudge(annotations, scores, {
        ...fastConfig,
        facets: ["intent"],
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const facet = result.value.facets[0];
      expect(facet?.agreement?.judgedBy).toBe("threshold");
      expect(facet?.agreement?.optimistic).toBe(false);
      expect(
        Math.abs((facet?.threshold?.inSample.threshold ?? 0) - 0.5),
      ).toBeLessThanOrEqual(0.1);
      expect(
        Math.abs((facet?.threshold?.crossValidated?.kappa ?? 0) - expected),
      ).toBeLessThanOrEqual(0.02);
      expect(
        Math.abs((facet?.agreement?.kappa?.kappa ?? 0) - expected),
      ).toBeLessThanOrEqual(0.02);
      // Tuning on the same examples can only look better than or equal to held-out tuning.
      expect(facet?.threshold?.inSample.kappa ?? 0).toBeGreaterThanOrEqual(
        (facet?.threshold?.crossValidated?.kappa ?? 1) - 1e-12,
      );
    });
  },
);
