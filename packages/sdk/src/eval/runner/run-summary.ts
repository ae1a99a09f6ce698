import type { Diagnostic } from "@flowpy/transpiler";
import { bootstrapInterval } from "../stats/bootstrap.js";
import { wilsonInterval, type Interval } from "../stats/proportion.js";
import { requestKinds } from "../eval-set/eval-example.js";
import {
  binaryMetrics,
  quantityMetrics,
  type ExampleResult,
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

export interface SliceSummary {
  readonly slice: string;
  readonly n: number;
  readonly rates: readonly RateSummary[];
}

export interface RunSummary {
  readonly examples: number;
  readonly errors: number;
  readonly rates: readonly RateSummary[];
  readonly means: readonly MeanSummary[];
  /** Per request kind (stand-in until the slices part's tags land). */
  readonly slices: readonly SliceSummary[];
}

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

export function summarizeRun(results: readonly ExampleResult[]): {
  readonly summary: RunSummary;
  readonly diagnostics: readonly Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const rates = (subset: readonly ExampleResult[]): RateSummary[] =>
    [...binaryMetrics, ...judgeFacetsOf(results)].flatMap((metric) => {
      const values = binaryValues(subset, metric);
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
  const slices = requestKinds.flatMap((kind): SliceSummary[] => {
    const subset = results.filter((r) => r.kind === kind);
    return subset.length === 0
      ? []
      : [{ slice: `kind:${kind}`, n: subset.length, rates: rates(subset) }];
  });
  return {
    summary: {
      examples: results.length,
      errors: results.filter((r) => r.status === "error").length,
      rates: rates(results),
      means,
      slices,
    },
    diagnostics,
  };
}

function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}
