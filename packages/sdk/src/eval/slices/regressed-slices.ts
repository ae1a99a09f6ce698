import { normalCdf, studentTCdf } from "../stats/distributions.js";
import { mcnemarExact } from "../stats/paired-comparison.js";
import type { Slice, SliceTable } from "./slice-metrics.js";

export type RegressionTest =
  "mcnemar" | "paired_t" | "two_proportion_z" | "welch_t";

/** A slice whose metric dropped from run A to run B, significantly. */
export interface SliceRegression {
  readonly slice: string;
  readonly metric: string;
  readonly nA: number;
  readonly nB: number;
  /** The metric in A and in B (whole slice), and A − B. */
  readonly before: number;
  readonly after: number;
  readonly drop: number;
  /** Paired (McNemar, paired t) when both runs share at least `minN` example ids in the slice. */
  readonly test: RegressionTest;
  /** Examples the paired test compared (0 for a two-sample test). */
  readonly pairs: number;
  readonly pValue: number;
  /** Expected extra failures in B: drop × n of B. */
  readonly impact: number;
}

export interface RegressionOptions {
  readonly metric: string;
  /** Both runs need at least this many examples in a slice for it to be tested (10). */
  readonly minN?: number;
  /** Two-sided significance level (0.05). */
  readonly alpha?: number;
}

/**
 * The slices whose `metric` dropped between two slice tables (A before, B after) with
 * p < alpha, largest impact first (then by slice key). Slices with fewer than `minN`
 * examples in either run are not tested: a drop there is noise more often than not.
 */
export function regressedSlices(
  a: SliceTable,
  b: SliceTable,
  options: RegressionOptions,
): readonly SliceRegression[] {
  const minN = options.minN ?? 10;
  const alpha = options.alpha ?? 0.05;
  const byKey = new Map(b.slices.map((s) => [s.key, s]));
  const out: SliceRegression[] = [];
  for (const sa of a.slices) {
    const sb = byKey.get(sa.key);
    const ma = sa.metrics[options.metric];
    const mb = sb?.metrics[options.metric];
    if (sb === undefined || ma === undefined || mb === undefined) continue;
    if (ma.n < minN || mb.n < minN || mb.value >= ma.value) continue;
    const binary = ma.kind === "rate" && mb.kind === "rate";
    const pairs = pairedValues(sa, sb, options.metric);
    const tested =
      pairs.length >= minN
        ? binary
          ? mcnemarTest(pairs)
          : pairedT(pairs)
        : binary
          ? twoProportion(ma.value, ma.n, mb.value, mb.n)
          : welch(values(sa, options.metric), values(sb, options.metric));
    if (tested.pValue >= alpha) continue;
    const drop = ma.value - mb.value;
    out.push({
      slice: sa.key,
      metric: options.metric,
      nA: ma.n,
      nB: mb.n,
      before: ma.value,
      after: mb.value,
      drop,
      test: tested.test,
      pairs: pairs.length >= minN ? pairs.length : 0,
      pValue: tested.pValue,
      impact: drop * mb.n,
    });
  }
  return out.sort((x, y) =>
    y.impact !== x.impact
      ? y.impact - x.impact
      : x.slice < y.slice
        ? -1
        : x.slice > y.slice
          ? 1
          : 0,
  );
}

function values(slice: Slice, metric: string): number[] {
  return slice.examples.flatMap((e) => {
    const v = e.values[metric];
    return v === undefined ? [] : [v];
  });
}

function pairedValues(
  a: Slice,
  b: Slice,
  metric: string,
): (readonly [number, number])[] {
  const inB = new Map<string, number>();
  for (const e of b.examples) {
    const v = e.values[metric];
    if (v !== undefined) inB.set(e.id, v);
  }
  return a.examples.flatMap((e) => {
    const va = e.values[metric];
    const vb = inB.get(e.id);
    return va === undefined || vb === undefined ? [] : [[va, vb] as const];
  });
}

interface Tested {
  readonly test: RegressionTest;
  readonly pValue: number;
}

function mcnemarTest(pairs: readonly (readonly [number, number])[]): Tested {
  const onlyA = pairs.filter(([x, y]) => x > 0 && y === 0).length;
  const onlyB = pairs.filter(([x, y]) => x === 0 && y > 0).length;
  return { test: "mcnemar", pValue: mcnemarExact(onlyA, onlyB).pValue };
}

/** Two-sided p of a t statistic; a zero standard error is significant exactly when the difference is not 0. */
function tP(diff: number, se: number, df: number): number {
  if (se === 0 || !Number.isFinite(se)) return diff === 0 ? 1 : 0;
  return Math.min(1, 2 * (1 - studentTCdf(Math.abs(diff / se), df)));
}

function pairedT(pairs: readonly (readonly [number, number])[]): Tested {
  const d = pairs.map(([x, y]) => x - y);
  const n = d.length;
  const mean = d.reduce((s, v) => s + v, 0) / n;
  const variance = d.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return {
    test: "paired_t",
    pValue: tP(mean, Math.sqrt(variance / n), n - 1),
  };
}

function twoProportion(pa: number, na: number, pb: number, nb: number): Tested {
  const pooled = (pa * na + pb * nb) / (na + nb);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
  const pValue =
    se === 0
      ? pa === pb
        ? 1
        : 0
      : Math.min(1, 2 * (1 - normalCdf(Math.abs(pa - pb) / se)));
  return { test: "two_proportion_z", pValue };
}

function welch(xa: readonly number[], xb: readonly number[]): Tested {
  const stats = (x: readonly number[]) => {
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance =
      x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1);
    return { mean, q: variance / x.length };
  };
  const a = stats(xa);
  const b = stats(xb);
  const se = Math.sqrt(a.q + b.q);
  const df =
    (a.q + b.q) ** 2 /
    ((a.q * a.q) / (xa.length - 1) + (b.q * b.q) / (xb.length - 1));
  return { test: "welch_t", pValue: tP(a.mean - b.mean, se, df) };
}
