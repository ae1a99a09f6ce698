import {
  calibrateJudge,
  defaultCalibrationConfig,
  judgeFacetIds,
  type Annotation,
  type JudgeCalibration,
  type JudgeFacet,
  type JudgeScore,
} from "../../../src/index.js";

/**
 * Human annotations and judge-score records for 40 examples on every facet, where the judge
 * agrees with the humans exactly except on `flagged` facets, where its verdicts are
 * independent of theirs (kappa exactly 0): what calibration must flag.
 */
export function calibrationData(
  judgeModel: string,
  promptSha256: string,
  flagged: readonly JudgeFacet[],
): {
  readonly annotations: readonly Annotation[];
  readonly scores: readonly JudgeScore[];
} {
  const annotations: Annotation[] = [];
  const scores: JudgeScore[] = [];
  for (let i = 0; i < 40; i++)
    for (const facet of judgeFacetIds) {
      const human = i % 2;
      const judge = flagged.includes(facet) ? (i >> 1) % 2 : human;
      const example_id = `cal-${i}`;
      annotations.push({ example_id, facet, scale: "binary", label: human });
      scores.push({
        example_id,
        facet,
        judge_model: judgeModel,
        prompt_sha256: promptSha256,
        prompt_version: "judge-facets/v1",
        verdict: judge,
      });
    }
  return { annotations, scores };
}

/** The calibration `calibrateJudge` gives for `calibrationData` with the default rule. */
export function calibrationFlagging(
  judgeModel: string,
  promptSha256: string,
  flagged: readonly JudgeFacet[],
): JudgeCalibration {
  const { annotations, scores } = calibrationData(
    judgeModel,
    promptSha256,
    flagged,
  );
  const result = calibrateJudge(annotations, scores, defaultCalibrationConfig);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}
