import type { SliceTable } from "./slice-metrics.js";

export interface FailureShare {
  readonly slice: string;
  /** The slice's failures over all failures (of the `all` slice). */
  readonly share: number;
  readonly failures: number;
  /** Examples of the slice with a value for the metric. */
  readonly n: number;
}

/**
 * Each slice's share of all failures of `metric` (a failure is `false` or `0`), largest
 * first, then by slice key; slices without failures are left out, and so is `all`. A
 * conversation in several slices counts in each (an email workflow with a condition counts
 * for `email=yes` and for its condition pattern), so shares across slices add up to more
 * than 1; within one single-valued dimension (`email`, `size`, `requestKind`) they add up
 * to exactly 1. Empty when nothing failed.
 */
export function failureShares(
  table: SliceTable,
  metric: string,
): readonly FailureShare[] {
  const total = table.slices.find((s) => s.key === "all")?.metrics[metric]
    ?.failures;
  if (total === undefined || total === 0) return [];
  return table.slices
    .flatMap((s) => {
      const m = s.metrics[metric];
      return s.key === "all" || m === undefined || m.failures === 0
        ? []
        : [
            {
              slice: s.key,
              share: m.failures / total,
              failures: m.failures,
              n: m.n,
            },
          ];
    })
    .sort((x, y) =>
      y.failures !== x.failures
        ? y.failures - x.failures
        : x.slice < y.slice
          ? -1
          : x.slice > y.slice
            ? 1
            : 0,
    );
}
