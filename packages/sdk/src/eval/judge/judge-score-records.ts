import type { JudgeScore as JudgeScoreRecord } from "../calibration/calibration-records.js";
import type { Facet, JudgeScore } from "./judge-score.js";

/**
 * Calibration's judge-score records of a score, one per rated facet on the binary scale
 * (pass 1, fail 0; `score` the share of samples that passed). An n/a facet has no label on
 * that scale, so it has no record; it is listed in `notApplicable` so the caller can count
 * or report it instead of losing it.
 */
export function judgeScoreRecords(score: JudgeScore): {
  readonly records: readonly JudgeScoreRecord[];
  readonly notApplicable: readonly Facet[];
} {
  const records: JudgeScoreRecord[] = [];
  const notApplicable: Facet[] = [];
  for (const f of score.facets) {
    if (f.verdict === "n/a") {
      notApplicable.push(f.facet);
      continue;
    }
    records.push({
      example_id: score.exampleId,
      facet: f.facet,
      judge_model: score.judgeModel,
      prompt_sha256: score.promptSha256,
      prompt_version: score.promptVersion,
      verdict: f.verdict === "pass" ? 1 : 0,
      ...(f.score === undefined ? {} : { score: f.score }),
      rationale: f.rationale,
      samples: score.samples,
    });
  }
  return { records, notApplicable };
}
