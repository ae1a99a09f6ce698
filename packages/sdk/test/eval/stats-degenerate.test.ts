import { describe, expect, it } from "vitest";
import {
  accuracy,
  bootstrapInterval,
  cohenKappa,
  comparePaired,
  confusionMatrix,
  crossValidateThreshold,
  mcnemarExact,
  pointBiserial,
  rocAuc,
  sdkCodes,
  spearman,
  tuneThreshold,
  weightedKappa,
  wilsonInterval,
} from "../../src/index.js";

function matrix(
  pairs: readonly (readonly [number, number])[],
  labels = [0, 1],
) {
  const m = confusionMatrix(pairs, labels);
  if (!m.ok) throw new Error("labels are on the scale");
  return m.value;
}

const codes = (r: {
  readonly diagnostics: readonly { readonly code: string }[];
}) => r.diagnostics.map((d) => d.code);

describe(
  "degenerate inputs give a documented value or a diagnostic, never NaN",
  { timeout: 120_000 },
  () => {
    it("no examples", () => {
      const empty = matrix([]);
      expect(empty.counts).toEqual([
        [0, 0],
        [0, 0],
      ]);
      for (const r of [
        cohenKappa(empty),
        weightedKappa(empty, "linear"),
        accuracy(empty),
        wilsonInterval(0, 0),
        spearman([], []),
        rocAuc([], []),
        bootstrapInterval([], () => 0),
        tuneThreshold([], [], "kappa"),
      ]) {
        expect(r.ok).toBe(false);
        expect(codes(r)).toEqual([sdkCodes.evalEmptySample]);
      }
      expect(comparePaired([], []).ok).toBe(false);
    });

    it("kappa is undefined (0/0) when both raters use one and the same label throughout", () => {
      const same = cohenKappa(
        matrix([
          [1, 1],
          [1, 1],
          [1, 1],
        ]),
      );
      expect(same.ok).toBe(false);
      expect(codes(same)).toEqual([sdkCodes.evalKappaUndefined]);
      expect(same.diagnostics[0]?.message).toMatch(/observed agreement 1/);
      expect(
        codes(weightedKappa(matrix([[3, 3]], [1, 2, 3]), "quadratic")),
      ).toEqual([sdkCodes.evalKappaUndefined]);
      // One rater constant, the other not: chance agreement is below 1 and kappa is 0.
      const oneSided = cohenKappa(
        matrix([
          [1, 1],
          [1, 0],
          [1, 1],
        ]),
      );
      expect(oneSided.ok && oneSided.value.kappa).toBe(0);
    });

    it("labels off the scale are reported, not dropped", () => {
      const m = confusionMatrix(
        [
          [0, 2],
          [1, 1],
        ],
        [0, 1],
      );
      expect(m.ok).toBe(false);
      expect(codes(m)).toEqual([sdkCodes.evalUnknownLabel]);
      expect(codes(confusionMatrix([], [0, 0]))).toEqual([
        sdkCodes.evalInvalidInput,
      ]);
    });

    it("correlations of a constant, and AUC or point-biserial with one outcome class", () => {
      expect(codes(spearman([1, 1, 1], [1, 2, 3]))).toEqual([
        sdkCodes.evalConstantValues,
      ]);
      expect(codes(spearman([1, 2, 3], [2, 2, 2]))).toEqual([
        sdkCodes.evalConstantValues,
      ]);
      expect(codes(rocAuc([0.1, 0.2], [true, true]))).toEqual([
        sdkCodes.evalOneClass,
      ]);
      expect(codes(pointBiserial([0.1, 0.2], [false, false]))).toEqual([
        sdkCodes.evalOneClass,
      ]);
      expect(codes(spearman([1, Number.NaN], [1, 2]))).toEqual([
        sdkCodes.evalInvalidInput,
      ]);
      expect(codes(rocAuc([1, 2], [true]))).toEqual([
        sdkCodes.evalInvalidInput,
      ]);
      // All scores tied: AUC is exactly one half.
      const tied = rocAuc([3, 3, 3, 3], [true, false, true, false]);
      expect(tied.ok && tied.value.auc).toBe(0.5);
    });

    it("Wilson at 0 and n successes stays inside [0, 1] and is not a point", () => {
      const none = wilsonInterval(0, 10);
      const all = wilsonInterval(10, 10);
      expect(none.ok && none.value.interval.low).toBe(0);
      expect(none.ok && none.value.interval.high).toBeGreaterThan(0.2);
      expect(all.ok && all.value.interval.high).toBe(1);
      expect(all.ok && all.value.interval.low).toBeLessThan(0.8);
      expect(codes(wilsonInterval(3, 2))).toEqual([sdkCodes.evalInvalidInput]);
      expect(codes(wilsonInterval(1, 2, 1))).toEqual([
        sdkCodes.evalInvalidInput,
      ]);
    });

    it("the bootstrap counts undefined resamples, fails when all are, and falls back from BCa with a warning", () => {
      const kappa = (s: readonly (readonly [number, number])[]) => {
        const k = cohenKappa(matrix(s));
        return k.ok ? k.value.kappa : null;
      };
      const rare: [number, number][] = [
        [1, 1],
        ...Array.from({ length: 9 }, (): [number, number] => [0, 0]),
      ];
      const some = bootstrapInterval(rare, kappa, {
        resamples: 200,
        level: 0.95,
        seed: 1,
        method: "percentile",
      });
      expect(some.ok).toBe(true);
      if (some.ok) {
        expect(some.value.undefinedResamples).toBeGreaterThan(0);
        expect(codes(some)).toEqual([sdkCodes.evalBootstrapUndefined]);
      }
      expect(codes(bootstrapInterval([[1, 1] as const], kappa))).toEqual([
        sdkCodes.evalInvalidInput,
      ]);
      // Every resample of a one-value sample equals the estimate: BCa has no bias to measure.
      const constant = bootstrapInterval([5, 5, 5], (s) => s.length, {
        resamples: 50,
        level: 0.9,
        seed: 0,
        method: "bca",
      });
      expect(
        constant.ok && [
          constant.value.low,
          constant.value.high,
          constant.value.method,
        ],
      ).toEqual([3, 3, "bca"]);
      // Distinct values among twenty: a resample almost never has all twenty, so every
      // resample falls below the estimate and BCa's bias correction is infinite.
      const lopsided = bootstrapInterval(
        Array.from({ length: 20 }, (_, i) => i),
        (s) => new Set(s).size,
        { resamples: 100, level: 0.95, seed: 2, method: "bca" },
      );
      expect(lopsided.ok).toBe(true);
      if (lopsided.ok) {
        expect(lopsided.value.method).toBe("percentile");
        expect(codes(lopsided)).toEqual([sdkCodes.evalBcaFallback]);
      }
      expect(
        codes(
          bootstrapInterval([1], () => 1, {
            resamples: 0,
            level: 0.95,
            seed: 0,
            method: "bca",
          }),
        ),
      ).toEqual([sdkCodes.evalInvalidInput]);
    });

    it("paired comparisons report unpaired and duplicate examples; McNemar with no discordant pair is p = 1", () => {
      const a = [
        { exampleId: "x", value: 1 },
        { exampleId: "y", value: 0 },
        { exampleId: "only-a", value: 1 },
      ];
      const b = [
        { exampleId: "y", value: 1 },
        { exampleId: "x", value: 1 },
        { exampleId: "only-b", value: 0 },
      ];
      const result = comparePaired(a, b, {
        resamples: 100,
        level: 0.95,
        seed: 0,
        method: "percentile",
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value).toMatchObject({
        n: 2,
        wins: 1,
        ties: 1,
        losses: 0,
        onlyInA: ["only-a"],
        onlyInB: ["only-b"],
      });
      expect(codes(result)).toEqual([
        sdkCodes.evalUnpaired,
        sdkCodes.evalUnpaired,
      ]);
      expect(result.value.mcnemar).toEqual({ onlyA: 0, onlyB: 1, pValue: 1 });
      expect(
        codes(comparePaired([...a, a[0] ?? { exampleId: "x", value: 1 }], b)),
      ).toEqual([sdkCodes.evalDuplicateExample]);
      const single = comparePaired(
        [{ exampleId: "x", value: 0.5 }],
        [{ exampleId: "x", value: 0.7 }],
      );
      expect(single.ok && single.value.t).toBeNull();
      expect(single.ok && single.value.mcnemar).toBeNull();
      expect(codes(single)).toContain(sdkCodes.evalTooFewExamples);
      expect(mcnemarExact(0, 0).pValue).toBe(1);
      expect(mcnemarExact(0, 10).pValue).toBeCloseTo(2 / 1024, 15);
    });

    it("threshold tuning needs both classes, and cross-validation enough of each", () => {
      expect(codes(tuneThreshold([0.1, 0.9], [true, true], "kappa"))).toEqual([
        sdkCodes.evalOneClass,
      ]);
      expect(
        codes(
          crossValidateThreshold(
            [0.1, 0.9, 0.5],
            [true, false, true],
            "kappa",
            5,
            0,
          ),
        ),
      ).toEqual([sdkCodes.evalTooFewExamples]);
      expect(
        codes(crossValidateThreshold([0.1], [true], "kappa", 1, 0)),
      ).toEqual([sdkCodes.evalInvalidInput]);
    });
  },
);
