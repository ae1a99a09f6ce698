import type { Interval } from "../stats/proportion.js";
import type { SliceDimension } from "./conversation-tags.js";
import type { SliceTable } from "./slice-metrics.js";

/** A weak slice and how much data like it to add. */
export interface GapSuggestion {
  readonly slice: string;
  readonly dimension: SliceDimension;
  /** The tag value training data should have: `email=yes` → conversations with an email action. */
  readonly value: string;
  readonly n: number;
  /** The slice's metric. */
  readonly metricValue: number;
  readonly interval: Interval | null;
  /** The metric over all conversations. */
  readonly overall: number;
  /** Successes the slice is short of the overall level: n × (overall − slice value). */
  readonly deficit: number;
  /** Examples to add: ⌈deficit × examplesPerMissingSuccess⌉, at least `minExamples`. */
  readonly suggestedExamples: number;
}

export interface GapOptions {
  readonly metric: string;
  /** Slices smaller than this are not judged weak (5). */
  readonly minN?: number;
  /** Training examples suggested per missing success (5): a rule of thumb, tune it per project. */
  readonly examplesPerMissingSuccess?: number;
  readonly minExamples?: number;
  /** At most this many suggestions (10). */
  readonly limit?: number;
}

/**
 * The weak slices of a table, biggest deficit first (then by key): a slice is weak when the
 * upper end of its interval is below the overall value, i.e. it is worse than the whole with
 * the table's confidence. Slices of absence (`…=none`, `…=no`) are not suggested: "add data
 * without email" names nothing to collect.
 */
export function gapSuggestions(
  table: SliceTable,
  options: GapOptions,
): readonly GapSuggestion[] {
  const overall = table.slices.find((s) => s.key === "all")?.metrics[
    options.metric
  ]?.value;
  if (overall === undefined) return [];
  const minN = options.minN ?? 5;
  const per = options.examplesPerMissingSuccess ?? 5;
  const minExamples = options.minExamples ?? 10;
  const out: GapSuggestion[] = [];
  for (const s of table.slices) {
    const m = s.metrics[options.metric];
    if (s.dimension === "all" || m === undefined || m.n < minN) continue;
    if (s.value === "none" || s.value === "no") continue;
    if (m.interval === null || m.interval.high >= overall) continue;
    const deficit = m.n * (overall - m.value);
    out.push({
      slice: s.key,
      dimension: s.dimension,
      value: s.value,
      n: m.n,
      metricValue: m.value,
      interval: m.interval,
      overall,
      deficit,
      suggestedExamples: Math.max(minExamples, Math.ceil(deficit * per)),
    });
  }
  return out
    .sort((x, y) =>
      y.deficit !== x.deficit
        ? y.deficit - x.deficit
        : x.slice < y.slice
          ? -1
          : x.slice > y.slice
            ? 1
            : 0,
    )
    .slice(0, options.limit ?? 10);
}
