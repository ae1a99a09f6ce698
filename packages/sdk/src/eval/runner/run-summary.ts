import type { Diagnostic } from "@flowpy/transpiler";
import { bootstrapInterval } from "../stats/bootstrap.js";
import { wilsonInterval, type Interval } from "../stats/proportion.js";
import type { SliceDimension } from "../slices/conversation-tags.js";
import { failureShares, type FailureShare } from "../slices/failure-shares.js";
import {
  sliceMetrics,
  type SliceInput,
  type SliceMetric,
  type SliceTable,
} from "../slices/slice-metrics.js";
import {
  binaryMetrics,
  quantityMetrics,
  type ExampleResult,
  type QuantityMetric,
} from "./example-result.js";

/** A rate over the examples the metric applies to, with its Wilson interval. */
export interface RateSummary {
  readonly metric: string;
  readonly n: number;
  readonly successes: number;
  readonly rate: number;
  readonly interval: Interval;
}

/** A mean over the examples, with a percentile-bootstrap interval (seed 0). */
export interface MeanSummary {
  readonly metric: string;
  readonly n: number;
  readonly mean: number;
  readonly interval: Interval;
}

/** One slice of a run: a `sliceMetrics` slice without its per-example values. */
export interface SliceSummary {
  /** `all`, or `dimension=value` (`email=yes`, `actionFamilies=tags`, `requestKind=edit`). */
  readonly key: string;
  readonly dimension: SliceDimension | "all";
  readonly value: string;
  readonly n: number;
  /** Binary metrics and judge facets as rates (Wilson), turns and latency as means (bootstrap). */
  readonly metrics: Readonly<Record<string, SliceMetric>>;
}

/** Where one binary metric's failures are: each slice's share of them. */
export interface MetricFailureShares {
  readonly metric: string;
  /** Examples the metric applies to, and how many of them failed it. */
  readonly n: number;
  readonly failures: number;
  /** Largest first (`failureShares`); empty when nothing failed. */
  readonly shares: readonly FailureShare[];
}

export interface RunSummary {
  readonly examples: number;
  readonly errors: number;
  readonly rates: readonly RateSummary[];
  readonly means: readonly MeanSummary[];
  /** Every slice of every tag dimension the examples fall in, `all` first (`sliceMetrics` order). */
  readonly slices: readonly SliceSummary[];
  /** Per binary metric (`binaryMetrics`, then judge facets), in that order. */
  readonly failureShares: readonly MetricFailureShares[];
}

/** The quantities reported per slice besides the binary metrics. */
export const sliceQuantities = [
  "turns",
  "latencyMs",
] as const satisfies readonly QuantityMetric[];

const bootstrap = {
  resamples: 1000,
  level: 0.95,
  seed: 0,
  method: "percentile",
} as const;

/** Values of one binary metric over the results where it applies (errors count as 0). */
export function binaryValues(
  results: readonly ExampleResult[],
  metric: string,
): readonly { readonly exampleId: string; readonly value: number }[] {
  return results.flatMap((r) => {
    const value = (binaryMetrics as readonly string[]).includes(metric)
      ? r.metrics[metric as (typeof binaryMetrics)[number]]
      : r.metrics.judge[metric];
    return value === null || value === undefined
      ? []
      : [{ exampleId: r.exampleId, value }];
  });
}

/** Judge facets any result has a verdict for, in code-unit order. */
export function judgeFacetsOf(results: readonly ExampleResult[]): string[] {
  return [
    ...new Set(results.flatMap((r) => Object.keys(r.metrics.judge))),
  ].sort();
}

/** The metrics that pass or fail per example: `binaryMetrics`, then the judge facets. */
export function passFailMetricsOf(results: readonly ExampleResult[]): string[] {
  return [...binaryMetrics, ...judgeFacetsOf(results)];
}

/** One `sliceMetrics` row per example: its slice tags, pass/fail metrics as booleans, turns and latency. */
export function sliceInputs(results: readonly ExampleResult[]): SliceInput[] {
  const passFail = passFailMetricsOf(results);
  return results.map((r) => {
    const metrics: Record<string, boolean | number> = {};
    for (const metric of passFail)
      for (const { value } of binaryValues([r], metric))
        metrics[metric] = value === 1;
    for (const q of sliceQuantities) metrics[q] = r.metrics[q];
    return { id: r.exampleId, tags: r.sliceTags, metrics };
  });
}

/** The run's examples by slice, with every tag dimension (seeded: the same results give the same table). */
export function sliceTableOf(results: readonly ExampleResult[]): SliceTable {
  return sliceMetrics(sliceInputs(results), {
    level: 0.95,
    resamples: bootstrap.resamples,
    seed: bootstrap.seed,
  });
}

/**
 * A run's figures: each pass/fail metric's rate and each quantity's mean with intervals,
 * then the same per slice of every tag dimension, and each slice's share of the failures.
 */
export function summarizeRun(results: readonly ExampleResult[]): {
  readonly summary: RunSummary;
  readonly diagnostics: readonly Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const rates = passFailMetricsOf(results).flatMap((metric): RateSummary[] => {
    const values = binaryValues(results, metric);
    const successes = values.filter((v) => v.value === 1).length;
    const p = wilsonInterval(successes, values.length);
    return p.ok
      ? [
          {
            metric,
            n: values.length,
            successes,
            rate: p.value.rate,
            interval: p.value.interval,
          },
        ]
      : [];
  });
  const means = quantityMetrics.flatMap((metric): MeanSummary[] => {
    const values = results.map((r) => r.metrics[metric]);
    if (values.length === 0) return [];
    const interval = bootstrapInterval(values, mean, bootstrap);
    diagnostics.push(...interval.diagnostics);
    if (!interval.ok) return [];
    const { low, high, level, method } = interval.value;
    return [
      {
        metric,
        n: values.length,
        mean: mean(values),
        interval: { low, high, level, method },
      },
    ];
  });
  const table = sliceTableOf(results);
  const slices = table.slices.map(
    ({ key, dimension, value, n, metrics }): SliceSummary => ({
      key,
      dimension,
      value,
      n,
      metrics,
    }),
  );
  const shares = passFailMetricsOf(results).flatMap(
    (metric): MetricFailureShares[] => {
      const all = table.slices.find((s) => s.key === "all")?.metrics[metric];
      return all === undefined
        ? []
        : [
            {
              metric,
              n: all.n,
              failures: all.failures,
              shares: failureShares(table, metric),
            },
          ];
    },
  );
  return {
    summary: {
      examples: results.length,
      errors: results.filter((r) => r.status === "error").length,
      rates,
      means,
      slices,
      failureShares: shares,
    },
    diagnostics,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
