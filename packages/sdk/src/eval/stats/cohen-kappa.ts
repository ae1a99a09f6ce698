import type { Result } from "@flowpy/transpiler";
import { sdkCodes } from "../../sdk-codes.js";
import {
  marginals,
  type ConfusionMatrix,
  type RatingLabel,
} from "./confusion-matrix.js";
import { failWith } from "./stat-diagnostic.js";

/**
 * Cohen's kappa with what it is made of: kappa = (observed − expected) / (1 − expected),
 * where `expected` is the agreement two raters with these base rates reach by chance. The
 * base rates are reported because the same kappa means different things at a 50% and a 95%
 * base rate (the kappa paradox).
 */
export interface Kappa<L extends RatingLabel> {
  readonly n: number;
  readonly kappa: number;
  /** Share of examples on which the raters agree (p_o). */
  readonly observed: number;
  /** Chance agreement from the two raters' base rates (p_e). */
  readonly expected: number;
  readonly labels: readonly L[];
  /** Each rater's share of examples per label, in label order. */
  readonly baseRates: {
    readonly first: readonly number[];
    readonly second: readonly number[];
  };
}

/**
 * Cohen's kappa of a confusion matrix. Fails with `eval-empty-sample` for no examples and
 * `eval-kappa-undefined` when chance agreement is 1 (both raters used one and the same label
 * for every example, so kappa is 0/0); it never returns NaN.
 */
export function cohenKappa<L extends RatingLabel>(
  matrix: ConfusionMatrix<L>,
): Result<Kappa<L>> {
  const { n, counts, labels } = matrix;
  if (n === 0)
    return failWith(sdkCodes.evalEmptySample, "kappa of no examples");
  const { rows, columns } = marginals(counts);
  const first = rows.map((r) => r / n);
  const second = columns.map((c) => c / n);
  const observed = counts.reduce((s, row, i) => s + (row[i] ?? 0), 0) / n;
  const expected = first.reduce((s, p, i) => s + p * (second[i] ?? 0), 0);
  if (1 - expected <= 0)
    return failWith(
      sdkCodes.evalKappaUndefined,
      `kappa is undefined: both raters gave every one of the ${n} examples the same label (chance agreement 1, observed agreement ${observed})`,
    );
  return {
    ok: true,
    value: {
      n,
      kappa: (observed - expected) / (1 - expected),
      observed,
      expected,
      labels,
      baseRates: { first, second },
    },
    diagnostics: [],
  };
}

/** Disagreement weights for ordinal scales: how far apart two labels are, from 0 (same) to 1 (the ends). */
export type KappaWeights = "linear" | "quadratic";

export interface WeightedKappa {
  readonly n: number;
  readonly weights: KappaWeights;
  readonly kappa: number;
  /** Mean weighted disagreement observed. */
  readonly observedDisagreement: number;
  /** Mean weighted disagreement expected by chance from the base rates. */
  readonly expectedDisagreement: number;
}

/**
 * Weighted kappa = 1 − observed / expected weighted disagreement, with label distance taken
 * from the label order (the whole scale, observed or not). Quadratic weights make it close to
 * an intraclass correlation. Fails like `cohenKappa` when nothing can disagree by chance.
 */
export function weightedKappa<L extends RatingLabel>(
  matrix: ConfusionMatrix<L>,
  weights: KappaWeights,
): Result<WeightedKappa> {
  const { n, counts } = matrix;
  if (n === 0)
    return failWith(sdkCodes.evalEmptySample, "weighted kappa of no examples");
  const k = counts.length;
  const span = Math.max(1, k - 1);
  const weight = (i: number, j: number): number => {
    const d = Math.abs(i - j) / span;
    return weights === "linear" ? d : d * d;
  };
  const { rows, columns } = marginals(counts);
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      const w = weight(i, j);
      observed += (w * (counts[i]?.[j] ?? 0)) / n;
      expected += (w * (rows[i] ?? 0) * (columns[j] ?? 0)) / (n * n);
    }
  if (expected <= 0)
    return failWith(
      sdkCodes.evalKappaUndefined,
      `weighted kappa is undefined: no disagreement is possible by chance (both raters used one label for all ${n} examples)`,
    );
  return {
    ok: true,
    value: {
      n,
      weights,
      kappa: 1 - observed / expected,
      observedDisagreement: observed,
      expectedDisagreement: expected,
    },
    diagnostics: [],
  };
}
