import type { Result } from "@flowpy/transpiler";
import { sdkCodes } from "../../sdk-codes.js";
import type { ConfusionMatrix, RatingLabel } from "./confusion-matrix.js";
import { normalQuantile } from "./distributions.js";
import { failWith, isLevel } from "./stat-diagnostic.js";

export type IntervalMethod = "wilson" | "percentile" | "bca" | "t";

/** A two-sided confidence interval at `level` (e.g. 0.95). */
export interface Interval {
  readonly low: number;
  readonly high: number;
  readonly level: number;
  readonly method: IntervalMethod;
}

/** A rate with its Wilson score interval. */
export interface Proportion {
  readonly successes: number;
  readonly n: number;
  readonly rate: number;
  readonly interval: Interval;
}

/**
 * The Wilson score interval (no continuity correction): unlike the normal approximation it
 * stays inside [0, 1] and is not degenerate at 0 or n successes, which matters for the small
 * slices reports are full of. Fails for n = 0 (`eval-empty-sample`) and bad counts.
 */
export function wilsonInterval(
  successes: number,
  n: number,
  level = 0.95,
): Result<Proportion> {
  if (!isLevel(level))
    return failWith(
      sdkCodes.evalInvalidInput,
      `level ${level} is not in (0, 1)`,
    );
  if (
    !Number.isInteger(successes) ||
    !Number.isInteger(n) ||
    successes < 0 ||
    successes > n
  )
    return failWith(
      sdkCodes.evalInvalidInput,
      `${successes} successes of ${n} is not a count`,
    );
  if (n === 0)
    return failWith(sdkCodes.evalEmptySample, "a rate of no examples");
  const z = normalQuantile(1 - (1 - level) / 2);
  const rate = successes / n;
  const z2n = (z * z) / n;
  const center = (rate + z2n / 2) / (1 + z2n);
  const half =
    (z / (1 + z2n)) * Math.sqrt((rate * (1 - rate)) / n + z2n / (4 * n));
  return {
    ok: true,
    value: {
      successes,
      n,
      rate,
      // Rounding can push an end a hair past the rate at 0 or n successes.
      interval: {
        low: Math.min(rate, Math.max(0, center - half)),
        high: Math.max(rate, Math.min(1, center + half)),
        level,
        method: "wilson",
      },
    },
    diagnostics: [],
  };
}

/** Share of examples on the diagonal of a confusion matrix, with its Wilson interval. */
export function accuracy<L extends RatingLabel>(
  matrix: ConfusionMatrix<L>,
  level = 0.95,
): Result<Proportion> {
  const agreed = matrix.counts.reduce((s, row, i) => s + (row[i] ?? 0), 0);
  return wilsonInterval(agreed, matrix.n, level);
}
