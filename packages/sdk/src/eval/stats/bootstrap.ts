import type { Diagnostic, Result } from "@flowpy/transpiler";
import { seededRandom } from "../../dataset/write-dataset.js";
import { sdkCodes } from "../../sdk-codes.js";
import { normalCdf, normalQuantile } from "./distributions.js";
import type { Interval } from "./proportion.js";
import { failWith, isLevel, statWarning } from "./stat-diagnostic.js";

export type BootstrapMethod = "percentile" | "bca";

export interface BootstrapOptions {
  /** Number of resamples (2,000 is plenty for 95% intervals; BCa wants more than percentile). */
  readonly resamples: number;
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
  /** Seed of the resampling generator (mulberry32); same units, statistic and seed → same interval. */
  readonly seed: number;
  readonly method: BootstrapMethod;
}

export const defaultBootstrapOptions: BootstrapOptions = {
  resamples: 2000,
  level: 0.95,
  seed: 0,
  method: "bca",
};

export interface BootstrapInterval extends Interval {
  readonly method: BootstrapMethod;
  /** The statistic on the full sample. */
  readonly estimate: number;
  readonly resamples: number;
  /** Resamples on which the statistic was undefined (e.g. kappa of a one-label resample); not in the interval. */
  readonly undefinedResamples: number;
  readonly seed: number;
}

/**
 * Linear-interpolation quantile of an ascending list (numpy's default, Hyndman–Fan type 7),
 * `q` in [0, 1]. Undefined for an empty list (callers check).
 */
export function interpolatedQuantile(
  sorted: readonly number[],
  q: number,
): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

/**
 * A bootstrap confidence interval for `statistic`, resampling `units` (the examples) with
 * replacement: resample r draws indices `floor(u · n)` for n successive draws u of one
 * mulberry32 stream seeded with `seed`. `bca` is Efron's bias-corrected and accelerated
 * interval (bias from the share of resamples below the estimate, ties counting half;
 * acceleration from the jackknife); where it is undefined (every resample on one side of the
 * estimate, or a jackknife value undefined) the percentile interval is returned with an
 * `eval-bca-fallback` warning. The statistic must not depend on the order of the units (the
 * jackknife leaves out each distinct unit, by its JSON text, once). A statistic returns null
 * where it is undefined; such resamples
 * are counted, left out, and reported with an `eval-bootstrap-undefined` warning.
 */
export function bootstrapInterval<T>(
  units: readonly T[],
  statistic: (sample: readonly T[]) => number | null,
  options: BootstrapOptions = defaultBootstrapOptions,
): Result<BootstrapInterval> {
  const { resamples, level, seed } = options;
  if (!isLevel(level))
    return failWith(
      sdkCodes.evalInvalidInput,
      `level ${level} is not in (0, 1)`,
    );
  if (!Number.isInteger(resamples) || resamples < 1)
    return failWith(
      sdkCodes.evalInvalidInput,
      `resamples must be a positive integer, not ${resamples}`,
    );
  const n = units.length;
  if (n === 0)
    return failWith(sdkCodes.evalEmptySample, "bootstrap of no examples");
  const estimate = statistic(units);
  if (estimate === null || !Number.isFinite(estimate))
    return failWith(
      sdkCodes.evalInvalidInput,
      "the statistic is undefined on the full sample, so there is nothing to bootstrap",
    );
  const random = seededRandom(seed);
  const replicates: number[] = [];
  const sample = new Array<T>(n);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++)
      sample[i] = units[Math.floor(random() * n)] as T;
    const value = statistic(sample);
    if (value !== null && Number.isFinite(value)) replicates.push(value);
  }
  const undefinedResamples = resamples - replicates.length;
  if (replicates.length === 0)
    return failWith(
      sdkCodes.evalBootstrapUndefined,
      `the statistic is undefined on all ${resamples} resamples`,
    );
  replicates.sort((a, b) => a - b);
  const diagnostics: Diagnostic[] = [];
  if (undefinedResamples > 0)
    diagnostics.push(
      statWarning(
        sdkCodes.evalBootstrapUndefined,
        `the statistic is undefined on ${undefinedResamples} of ${resamples} resamples; the interval uses the other ${replicates.length}`,
      ),
    );
  const alpha = (1 - level) / 2;
  let quantiles: readonly [number, number] = [alpha, 1 - alpha];
  let method: BootstrapMethod = "percentile";
  if (options.method === "bca") {
    const corrected = bcaQuantiles(
      units,
      statistic,
      estimate,
      replicates,
      alpha,
    );
    if (typeof corrected === "string")
      diagnostics.push(
        statWarning(
          sdkCodes.evalBcaFallback,
          `BCa is undefined here (${corrected}); this is the percentile interval`,
        ),
      );
    else {
      quantiles = corrected;
      method = "bca";
    }
  }
  return {
    ok: true,
    value: {
      low: interpolatedQuantile(replicates, quantiles[0]),
      high: interpolatedQuantile(replicates, quantiles[1]),
      level,
      method,
      estimate,
      resamples,
      undefinedResamples,
      seed,
    },
    diagnostics,
  };
}

/** The BCa-adjusted quantile pair, or why it is undefined. */
function bcaQuantiles<T>(
  units: readonly T[],
  statistic: (sample: readonly T[]) => number | null,
  estimate: number,
  sortedReplicates: readonly number[],
  alpha: number,
): readonly [number, number] | string {
  const b = sortedReplicates.length;
  const below = sortedReplicates.filter((v) => v < estimate).length;
  const atOrBelow = sortedReplicates.filter((v) => v <= estimate).length;
  const share = (below + atOrBelow) / (2 * b);
  if (share <= 0 || share >= 1)
    return "every resample falls on one side of the estimate";
  const z0 = normalQuantile(share);
  const n = units.length;
  // Leaving out either of two equal units gives the same sample, so each distinct unit is
  // left out once: kappa's units (label pairs) have a handful of values, which turns the
  // jackknife's n² work into n · distinct.
  const jackknife: number[] = [];
  const byUnit = new Map<string, number | null>();
  for (let i = 0; i < n; i++) {
    const key = JSON.stringify(units[i]) ?? `#${i}`;
    let value = byUnit.get(key);
    if (value === undefined) {
      value = statistic([...units.slice(0, i), ...units.slice(i + 1)]);
      byUnit.set(key, value);
    }
    if (value === null || !Number.isFinite(value))
      return "the statistic is undefined with one example left out";
    jackknife.push(value);
  }
  const mean = jackknife.reduce((s, v) => s + v, 0) / n;
  let cubes = 0;
  let squares = 0;
  for (const v of jackknife) {
    const u = (n - 1) * (mean - v);
    cubes += u ** 3;
    squares += u ** 2;
  }
  // No spread among the jackknife values means no skew to correct for: acceleration 0.
  const acceleration =
    squares === 0 ? 0 : cubes / n ** 3 / (6 * (squares / n ** 2) ** 1.5);
  const adjust = (z: number): number => {
    const num = z0 + z;
    return normalCdf(z0 + num / (1 - acceleration * num));
  };
  const zAlpha = normalQuantile(alpha);
  const low = adjust(zAlpha);
  const high = adjust(-zAlpha);
  if (!(Number.isFinite(low) && Number.isFinite(high) && low <= high))
    return "the acceleration is too large for the adjusted levels";
  return [low, high];
}
