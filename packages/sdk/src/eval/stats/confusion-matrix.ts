import type { Result } from "@flowpy/transpiler";
import { sdkCodes } from "../../sdk-codes.js";
import { failWith } from "./stat-diagnostic.js";

/** A category on a rating scale; the scale's order is always given explicitly. */
export type RatingLabel = string | number;

/** One example rated twice: by the first rater (the reference, e.g. the human) and the second (e.g. the judge). */
export type RatingPair<L extends RatingLabel> = readonly [first: L, second: L];

/**
 * Counts of rating pairs. `counts[i][j]` is the number of examples the first rater put in
 * `labels[i]` and the second in `labels[j]`: rows are the reference, columns the other rater.
 * Labels keep the order given, never the order of appearance, so matrices are comparable.
 */
export interface ConfusionMatrix<L extends RatingLabel> {
  readonly labels: readonly L[];
  readonly counts: readonly (readonly number[])[];
  readonly n: number;
}

/** Tallies the pairs; a label outside `labels` fails the whole matrix (it is reported, never dropped). */
export function confusionMatrix<L extends RatingLabel>(
  pairs: readonly RatingPair<L>[],
  labels: readonly L[],
): Result<ConfusionMatrix<L>> {
  const index = new Map<L, number>(labels.map((l, i) => [l, i]));
  if (index.size !== labels.length)
    return failWith(
      sdkCodes.evalInvalidInput,
      `the label order repeats a label: ${JSON.stringify(labels)}`,
    );
  const counts = labels.map(() => labels.map(() => 0));
  const unknown = new Set<L>();
  for (const [first, second] of pairs) {
    const i = index.get(first);
    const j = index.get(second);
    if (i === undefined) unknown.add(first);
    if (j === undefined) unknown.add(second);
    const row = i === undefined ? undefined : counts[i];
    if (row !== undefined && j !== undefined) row[j] = (row[j] ?? 0) + 1;
  }
  if (unknown.size > 0)
    return failWith(
      sdkCodes.evalUnknownLabel,
      `labels ${JSON.stringify([...unknown])} are not in the scale ${JSON.stringify(labels)}`,
    );
  return {
    ok: true,
    value: { labels: [...labels], counts, n: pairs.length },
    diagnostics: [],
  };
}

/** Row sums (the first rater's label counts) and column sums (the second's), in label order. */
export function marginals(counts: readonly (readonly number[])[]): {
  readonly rows: readonly number[];
  readonly columns: readonly number[];
} {
  const rows = counts.map((row) => row.reduce((s, c) => s + c, 0));
  const columns = counts.map((_, j) =>
    counts.reduce((s, row) => s + (row[j] ?? 0), 0),
  );
  return { rows, columns };
}
