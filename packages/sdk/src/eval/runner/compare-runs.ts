import type { Diagnostic, Result } from "@flowpy/transpiler";
import { sdkCodes } from "../../sdk-codes.js";
import {
  comparePaired,
  type PairedComparison,
} from "../stats/paired-comparison.js";
import { requestKinds } from "../eval-set/eval-example.js";
import {
  binaryMetrics,
  quantityMetrics,
  type ExampleResult,
} from "./example-result.js";
import type { BenchmarkRun } from "./run-benchmark.js";
import { binaryValues, judgeFacetsOf } from "./run-summary.js";

export interface MetricComparison {
  readonly metric: string;
  /** Slice the comparison is restricted to; absent for all examples. */
  readonly slice?: string;
  readonly higherIsBetter: boolean;
  /** B − A, paired by example. */
  readonly comparison: PairedComparison;
}

export interface RunComparison {
  readonly runA: { readonly runId: string; readonly model: string };
  readonly runB: { readonly runId: string; readonly model: string };
  readonly sameEvalSet: boolean;
  readonly metrics: readonly MetricComparison[];
  /** Binary metrics per request kind (stand-in for the slices part's slices). */
  readonly slices: readonly MetricComparison[];
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
 * then the binary metrics per request kind. A metric with no paired example is left out.
 */
export function compareRuns(
  a: BenchmarkRun,
  b: BenchmarkRun,
): Result<RunComparison> {
  const diagnostics: Diagnostic[] = [];
  const sameEvalSet = a.evalSetSha256 === b.evalSetSha256;
  if (!sameEvalSet)
    diagnostics.push({
      code: sdkCodes.evalRunDifferentEvalSets,
      severity: "warning",
      message: `run ${a.runId.slice(0, 12)} and run ${b.runId.slice(0, 12)} were made on different eval sets; only the examples they share are compared`,
    });
  const compare = (
    metric: string,
    higherIsBetter: boolean,
    values: (results: readonly ExampleResult[]) => readonly {
      readonly exampleId: string;
      readonly value: number;
    }[],
    slice?: (r: ExampleResult) => boolean,
    sliceName?: string,
  ): MetricComparison[] => {
    const pick = (run: BenchmarkRun): readonly ExampleResult[] =>
      slice === undefined ? run.examples : run.examples.filter(slice);
    const va = values(pick(a));
    const vb = values(pick(b));
    if (va.length === 0 || vb.length === 0) return [];
    const paired = comparePaired(va, vb, bootstrap);
    if (sliceName === undefined) diagnostics.push(...paired.diagnostics);
    if (!paired.ok) return [];
    return [
      {
        metric,
        ...(sliceName === undefined ? {} : { slice: sliceName }),
        higherIsBetter,
        comparison: paired.value,
      },
    ];
  };
  const binaries = [
    ...binaryMetrics,
    ...judgeFacetsOf([...a.examples, ...b.examples]),
  ];
  const metrics = [
    ...binaries.flatMap((m) => compare(m, true, (rs) => binaryValues(rs, m))),
    ...quantityMetrics.flatMap((m) =>
      compare(m, false, (rs) =>
        rs.map((r) => ({ exampleId: r.exampleId, value: r.metrics[m] })),
      ),
    ),
  ];
  const slices = requestKinds.flatMap((kind) =>
    binaries.flatMap((m) =>
      compare(
        m,
        true,
        (rs) => binaryValues(rs, m),
        (r) => r.kind === kind,
        `kind:${kind}`,
      ),
    ),
  );
  return {
    ok: true,
    value: {
      runA: { runId: a.runId, model: a.model },
      runB: { runId: b.runId, model: b.model },
      sameEvalSet,
      metrics,
      slices,
    },
    diagnostics,
  };
}
