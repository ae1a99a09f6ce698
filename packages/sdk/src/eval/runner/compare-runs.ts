import type { Diagnostic, Result } from "@flowpy/transpiler";
import { sdkCodes } from "../../sdk-codes.js";
import {
  comparePaired,
  type PairedComparison,
  type ScoredExample,
} from "../stats/paired-comparison.js";
import {
  regressedSlices,
  type SliceRegression,
} from "../slices/regressed-slices.js";
import { quantityMetrics, type ExampleResult } from "./example-result.js";
import type { BenchmarkRun } from "./run-benchmark.js";
import {
  binaryValues,
  passFailMetricsOf,
  sliceTableOf,
} from "./run-summary.js";

export interface MetricComparison {
  readonly metric: string;
  /** Slice the comparison is restricted to (`email=yes`); absent for all examples. */
  readonly slice?: string;
  readonly higherIsBetter: boolean;
  /** B − A, paired by example. */
  readonly comparison: PairedComparison;
}

export interface CompareOptions {
  /** A slice is tested for regression only with at least this many examples in each run (10). */
  readonly minSliceN?: number;
  /** Two-sided significance level of the regression tests (0.05). */
  readonly alpha?: number;
}

export interface RunComparison {
  readonly runA: { readonly runId: string; readonly model: string };
  readonly runB: { readonly runId: string; readonly model: string };
  readonly sameEvalSet: boolean;
  /** Every metric over all paired examples. */
  readonly metrics: readonly MetricComparison[];
  /**
   * The pass/fail metrics per slice, slices in run A's slice order (`all` left out: it is
   * `metrics`), metrics in `binaryMetrics` then judge-facet order. Each pairs the examples
   * both runs put in the slice.
   */
  readonly slices: readonly MetricComparison[];
  /** The slices whose pass/fail metric dropped significantly from A to B (`regressedSlices`), per metric in the order above. */
  readonly regressions: readonly SliceRegression[];
  /** The regression tests' settings. */
  readonly regressionTest: {
    readonly minSliceN: number;
    readonly alpha: number;
  };
}

const bootstrap = {
  resamples: 2000,
  level: 0.95,
  seed: 0,
  method: "percentile",
} as const;

/**
 * Run B against run A on the same eval set: per metric the paired difference B − A with
 * bootstrap and t intervals, wins/ties/losses and, for binary metrics, McNemar's exact test;
 * then the pass/fail metrics per slice of every tag dimension, and the slices that regressed.
 * A metric or slice with no paired example is left out.
 */
export function compareRuns(
  a: BenchmarkRun,
  b: BenchmarkRun,
  options: CompareOptions = {},
): Result<RunComparison> {
  const minSliceN = options.minSliceN ?? 10;
  const alpha = options.alpha ?? 0.05;
  if (!(Number.isSafeInteger(minSliceN) && minSliceN >= 1))
    return invalid("minSliceN must be a whole number of at least 1");
  if (!(alpha > 0 && alpha < 1)) return invalid("alpha must be in (0, 1)");
  const diagnostics: Diagnostic[] = [];
  const sameEvalSet = a.evalSetSha256 === b.evalSetSha256;
  if (!sameEvalSet)
    diagnostics.push({
      code: sdkCodes.evalRunDifferentEvalSets,
      severity: "warning",
      message: `run ${a.runId.slice(0, 12)} and run ${b.runId.slice(0, 12)} were made on different eval sets; only the examples they share are compared`,
    });
  const paired = (
    metric: string,
    higherIsBetter: boolean,
    va: readonly ScoredExample[],
    vb: readonly ScoredExample[],
    slice?: string,
  ): MetricComparison[] => {
    if (va.length === 0 || vb.length === 0) return [];
    const compared = comparePaired(va, vb, bootstrap);
    // A slice's warnings (unpaired examples, one pair) repeat the overall ones or are expected.
    if (slice === undefined) diagnostics.push(...compared.diagnostics);
    if (!compared.ok) return [];
    return [
      {
        metric,
        ...(slice === undefined ? {} : { slice }),
        higherIsBetter,
        comparison: compared.value,
      },
    ];
  };
  const both = [...a.examples, ...b.examples];
  const passFail = passFailMetricsOf(both);
  const quantity = (
    rs: readonly ExampleResult[],
    m: (typeof quantityMetrics)[number],
  ): ScoredExample[] =>
    rs.map((r) => ({ exampleId: r.exampleId, value: r.metrics[m] }));
  const metrics = [
    ...passFail.flatMap((m) =>
      paired(m, true, binaryValues(a.examples, m), binaryValues(b.examples, m)),
    ),
    ...quantityMetrics.flatMap((m) =>
      paired(m, false, quantity(a.examples, m), quantity(b.examples, m)),
    ),
  ];
  const tableA = sliceTableOf(a.examples);
  const tableB = sliceTableOf(b.examples);
  const inB = new Map(tableB.slices.map((s) => [s.key, s]));
  const slices = tableA.slices.flatMap((sa) => {
    const sb = inB.get(sa.key);
    if (sa.key === "all" || sb === undefined) return [];
    const values = (s: typeof sa, m: string): ScoredExample[] =>
      s.examples.flatMap((e) => {
        const value = e.values[m];
        return value === undefined ? [] : [{ exampleId: e.id, value }];
      });
    return passFail.flatMap((m) =>
      paired(m, true, values(sa, m), values(sb, m), sa.key),
    );
  });
  const regressions = passFail.flatMap((metric) =>
    regressedSlices(tableA, tableB, { metric, minN: minSliceN, alpha }),
  );
  return {
    ok: true,
    value: {
      runA: { runId: a.runId, model: a.model },
      runB: { runId: b.runId, model: b.model },
      sameEvalSet,
      metrics,
      slices,
      regressions,
      regressionTest: { minSliceN, alpha },
    },
    diagnostics,
  };
}

function invalid<T>(message: string): Result<T> {
  return {
    ok: false,
    diagnostics: [
      { code: sdkCodes.evalRunInvalidOptions, severity: "error", message },
    ],
  };
}
