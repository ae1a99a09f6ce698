import type { Result } from "@flowpy/transpiler";
import { sdkCodes } from "../../sdk-codes.js";
import { averageRanks } from "./rank-correlation.js";
import { failWith, firstNonFinite } from "./stat-diagnostic.js";

export interface Auc {
  /** P(score of a random positive > score of a random negative), ties counting one half. */
  readonly auc: number;
  readonly positives: number;
  readonly negatives: number;
}

/**
 * ROC AUC through the Mann–Whitney U statistic (exact, ties handled by average ranks).
 * Fails with `eval-one-class` when only one outcome occurs.
 */
export function rocAuc(
  scores: readonly number[],
  outcomes: readonly boolean[],
): Result<Auc> {
  if (scores.length !== outcomes.length)
    return failWith(
      sdkCodes.evalInvalidInput,
      `AUC: ${scores.length} scores paired with ${outcomes.length} outcomes`,
    );
  const bad = firstNonFinite(scores);
  if (bad >= 0)
    return failWith(
      sdkCodes.evalInvalidInput,
      `AUC: score ${bad} is not a finite number`,
    );
  if (scores.length === 0)
    return failWith(sdkCodes.evalEmptySample, "AUC of no examples");
  const positives = outcomes.filter((o) => o).length;
  const negatives = outcomes.length - positives;
  if (positives === 0 || negatives === 0)
    return failWith(
      sdkCodes.evalOneClass,
      `AUC needs both outcomes; all ${outcomes.length} are ${positives === 0 ? "negative" : "positive"}`,
    );
  const ranks = averageRanks(scores);
  const rankSum = ranks.reduce((s, r, i) => s + (outcomes[i] ? r : 0), 0);
  const u = rankSum - (positives * (positives + 1)) / 2;
  return {
    ok: true,
    value: { auc: u / (positives * negatives), positives, negatives },
    diagnostics: [],
  };
}
