import type { Diagnostic, Result } from "@flowpy/transpiler";
import { sdkCodes } from "../../sdk-codes.js";
import {
  bootstrapInterval,
  defaultBootstrapOptions,
  type BootstrapInterval,
  type BootstrapOptions,
} from "../stats/bootstrap.js";
import {
  cohenKappa,
  weightedKappa,
  type Kappa,
  type KappaWeights,
  type WeightedKappa,
} from "../stats/cohen-kappa.js";
import {
  confusionMatrix,
  type ConfusionMatrix,
  type RatingPair,
} from "../stats/confusion-matrix.js";
import {
  accuracy,
  wilsonInterval,
  type Proportion,
} from "../stats/proportion.js";
import { pointBiserial, spearman } from "../stats/rank-correlation.js";
import { rocAuc, type Auc } from "../stats/roc-auc.js";
import type {
  Activation,
  Annotation,
  JudgeScore,
} from "./calibration-records.js";
import {
  judgeFacetIds,
  ratingScales,
  type JudgeFacet,
  type RatingScale,
} from "./judge-facets.js";
import {
  resolveAnnotations,
  type ConsensusRule,
  type InterAnnotatorAgreement,
} from "./resolve-annotations.js";
import {
  crossValidateThreshold,
  tuneThreshold,
  type CrossValidatedThreshold,
  type ThresholdFit,
  type ThresholdObjective,
} from "./tune-threshold.js";

/**
 * When a facet may gate: its agreement statistic (kappa; weighted kappa for ordinal facets
 * judged by verdict) must reach `minimum`, read at the lower end of its bootstrap interval
 * (`lower_bound`, the cautious choice) or at the point estimate, on at least `minimumExamples`.
 */
export interface GatingRule {
  readonly minimum: number;
  readonly on: "lower_bound" | "estimate";
  readonly minimumExamples: number;
}

/**
 * How a threshold tuned on the annotated examples is checked. Tuning and measuring on the
 * same examples overstates agreement (the threshold fits their noise); `cross_validation`
 * measures each example with a threshold tuned without it, and that held-out agreement is
 * what is reported and gated on. With `none` the in-sample figure is used and marked optimistic.
 */
export type ThresholdValidation =
  | { readonly kind: "none" }
  | {
      readonly kind: "cross_validation";
      readonly folds: number;
      readonly seed: number;
    };

export interface CalibrationConfig {
  /** Facets to calibrate, reported in this order. */
  readonly facets: readonly JudgeFacet[];
  readonly gating: GatingRule;
  readonly consensus: ConsensusRule;
  /** Weights of the weighted kappa of ordinal facets. */
  readonly ordinalWeights: KappaWeights;
  /** On an ordinal scale, labels at or above this count as "met" (for thresholds and production checks). */
  readonly passAtLeast: number;
  readonly threshold: {
    readonly objective: ThresholdObjective;
    readonly validation: ThresholdValidation;
  };
  readonly bootstrap: BootstrapOptions;
  /** Production outcomes of judged examples; when given, each facet is checked against them. */
  readonly activations?: readonly Activation[];
}

export const defaultCalibrationConfig: CalibrationConfig = {
  facets: judgeFacetIds,
  gating: { minimum: 0.6, on: "lower_bound", minimumExamples: 30 },
  consensus: "majority",
  ordinalWeights: "quadratic",
  passAtLeast: 4,
  threshold: {
    objective: "kappa",
    validation: { kind: "cross_validation", folds: 5, seed: 0 },
  },
  bootstrap: defaultBootstrapOptions,
};

/** Agreement of the judge with the human consensus on one facet. */
export interface Agreement {
  /** `verdict`: the judge's own labels; `threshold`: the score cut by the tuned threshold (binary, met/not met). */
  readonly judgedBy: "verdict" | "threshold";
  /** True when the verdicts come from a threshold tuned on these same examples (no cross-validation). */
  readonly optimistic: boolean;
  /** Rows: human consensus, columns: judge. */
  readonly confusion: ConfusionMatrix<number>;
  readonly accuracy: Proportion | null;
  readonly kappa:
    (Kappa<number> & { readonly interval: BootstrapInterval | null }) | null;
  readonly weightedKappa:
    (WeightedKappa & { readonly interval: BootstrapInterval | null }) | null;
  /** Spearman's rho of the human label with the judge's score (or verdict when there are no scores). */
  readonly spearman: number | null;
}

export interface ThresholdReport {
  /** Tuned and measured on all annotated examples: optimistic. */
  readonly inSample: ThresholdFit;
  readonly crossValidated: CrossValidatedThreshold | null;
}

/** How the judge's facet relates to whether merchants turned the workflow on. */
export interface ProductionCheck {
  /** Judged examples with a known outcome. */
  readonly n: number;
  /** Outcomes of examples the judge did not score on this facet (not in the check). */
  readonly unjudged: number;
  readonly activation: Proportion | null;
  /** AUC of the judge's score (or verdict) for activation. */
  readonly auc: Auc | null;
  readonly pointBiserial: number | null;
  /** Activation rate among examples the judge passed and failed. */
  readonly whenMet: Proportion | null;
  readonly whenNotMet: Proportion | null;
}

export interface FacetGating {
  readonly usable: boolean;
  readonly statistic: "kappa" | "weighted_kappa";
  /** The value compared with the minimum (interval lower bound or estimate), null when undefined. */
  readonly value: number | null;
  readonly minimum: number;
  readonly on: GatingRule["on"];
  readonly reason: string;
}

export interface FacetCalibration {
  readonly facet: JudgeFacet;
  readonly scale: RatingScale | null;
  /** Examples with both a human consensus label and a judge score. */
  readonly n: number;
  readonly annotatedOnly: number;
  readonly judgedOnly: number;
  readonly unresolved: number;
  readonly agreement: Agreement | null;
  readonly threshold: ThresholdReport | null;
  readonly interAnnotator: InterAnnotatorAgreement | null;
  readonly production: ProductionCheck | null;
  readonly gating: FacetGating;
  /** What was left out or undefined on this facet, and why. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface JudgeCalibration {
  readonly judge: {
    readonly judge_model: string;
    readonly prompt_sha256: string;
  } | null;
  readonly facets: readonly FacetCalibration[];
  /** Facets that may gate, in config order. */
  readonly gatingFacets: readonly JudgeFacet[];
}

function warning(code: Diagnostic["code"], message: string): Diagnostic {
  return { code, severity: "warning", message };
}

function valueOr<T>(
  result: Result<T>,
  notes: Diagnostic[],
  facet: string,
): T | null {
  if (result.ok) {
    notes.push(
      ...result.diagnostics.map((d) => ({
        ...d,
        message: `${facet}: ${d.message}`,
      })),
    );
    return result.value;
  }
  notes.push(
    ...result.diagnostics.map((d) => ({
      ...d,
      severity: "warning" as const,
      message: `${facet}: ${d.message}`,
    })),
  );
  return null;
}

/**
 * Calibrates one judge version against human annotations, facet by facet: agreement
 * (kappa with base rates and a bootstrap interval, weighted kappa on ordinal scales,
 * Spearman, accuracy, confusion matrix), inter-annotator agreement as the ceiling, tuned
 * thresholds when the judge gives scores, an optional check against production activation,
 * and whether the facet may gate. Fails only for input that cannot be calibrated as a whole
 * (scores from several judge versions); everything left out of a facet is in its diagnostics.
 * Deterministic: the bootstrap and the folds are seeded, and every list has a fixed order.
 */
export function calibrateJudge(
  annotations: readonly Annotation[],
  judgeScores: readonly JudgeScore[],
  config: CalibrationConfig = defaultCalibrationConfig,
): Result<JudgeCalibration> {
  const wanted = new Set<string>(config.facets);
  const scores = judgeScores.filter((s) => wanted.has(s.facet));
  const versions = [
    ...new Set(scores.map((s) => `${s.judge_model}\u0000${s.prompt_sha256}`)),
  ].sort();
  if (versions.length > 1)
    return {
      ok: false,
      diagnostics: [
        {
          code: sdkCodes.calibrationMixedJudges,
          severity: "error",
          message: `the judge scores come from ${versions.length} judge versions (${versions.map((v) => v.replace("\u0000", " @ ")).join("; ")}); calibrate one at a time`,
        },
      ],
    };
  const first = scores[0];
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const a of config.activations ?? [])
    if (seen.has(a.example_id)) repeated.add(a.example_id);
    else seen.add(a.example_id);
  const duplicates: Diagnostic[] =
    repeated.size === 0
      ? []
      : [
          warning(
            sdkCodes.calibrationDuplicate,
            `${repeated.size} examples have more than one production outcome; the first is used (${[...repeated].sort().slice(0, 5).join(", ")})`,
          ),
        ];
  const facets = config.facets.map((facet) =>
    calibrateFacet(
      facet,
      annotations.filter((a) => a.facet === facet),
      scores.filter((s) => s.facet === facet),
      config,
    ),
  );
  return {
    ok: true,
    value: {
      judge:
        first === undefined
          ? null
          : {
              judge_model: first.judge_model,
              prompt_sha256: first.prompt_sha256,
            },
      facets,
      gatingFacets: facets.filter((f) => f.gating.usable).map((f) => f.facet),
    },
    diagnostics: [...duplicates, ...facets.flatMap((f) => f.diagnostics)],
  };
}

function calibrateFacet(
  facet: JudgeFacet,
  annotations: readonly Annotation[],
  judgeScores: readonly JudgeScore[],
  config: CalibrationConfig,
): FacetCalibration {
  const notes: Diagnostic[] = [];
  const scaleNames = [...new Set(annotations.map((a) => a.scale))].sort();
  const statistic = (
    scale: RatingScale | null,
    judgedBy: Agreement["judgedBy"] | null,
  ) =>
    scale === "ordinal_1_5" && judgedBy === "verdict"
      ? ("weighted_kappa" as const)
      : ("kappa" as const);
  const unusable = (
    scale: RatingScale | null,
    reason: string,
    rest: Partial<FacetCalibration> = {},
  ): FacetCalibration => ({
    facet,
    scale,
    n: 0,
    annotatedOnly: 0,
    judgedOnly: 0,
    unresolved: 0,
    agreement: null,
    threshold: null,
    interAnnotator: null,
    production: null,
    ...rest,
    gating: {
      usable: false,
      statistic: statistic(scale, rest.agreement?.judgedBy ?? null),
      value: null,
      minimum: config.gating.minimum,
      on: config.gating.on,
      reason,
    },
    diagnostics: [
      ...notes,
      warning(
        sdkCodes.calibrationBelowMinimum,
        `${facet}: not gating: ${reason}`,
      ),
    ],
  });
  if (scaleNames.length === 0) return unusable(null, "no annotations");
  if (scaleNames.length > 1) {
    notes.push({
      code: sdkCodes.calibrationScaleMismatch,
      severity: "error",
      message: `${facet} is annotated on several scales (${scaleNames.join(", ")})`,
    });
    return unusable(null, "annotated on several scales");
  }
  const scale = scaleNames[0] as RatingScale;
  const labelsOfScale: readonly number[] = ratingScales[scale];
  const resolved = resolveAnnotations(
    facet,
    scale,
    annotations,
    config.consensus,
    config.ordinalWeights,
  );
  notes.push(...resolved.diagnostics);
  const { labels: consensus, unresolved, interAnnotator } = resolved.labels;

  const judged = new Map<string, JudgeScore>();
  for (const s of judgeScores) {
    if (judged.has(s.example_id)) {
      notes.push(
        warning(
          sdkCodes.calibrationDuplicate,
          `${facet}: the judge scored example ${JSON.stringify(s.example_id)} twice; the first score is used`,
        ),
      );
      continue;
    }
    judged.set(s.example_id, s);
  }
  const offScale = [...judged.values()].filter(
    (s) => s.verdict !== undefined && !labelsOfScale.includes(s.verdict),
  );
  if (offScale.length > 0) {
    notes.push({
      code: sdkCodes.calibrationScaleMismatch,
      severity: "error",
      message: `${facet}: ${offScale.length} judge verdicts are not on the ${scale} scale (e.g. ${offScale[0]?.verdict} for ${JSON.stringify(offScale[0]?.example_id)})`,
    });
    return unusable(scale, "judge verdicts off the facet's scale", {
      unresolved: unresolved.length,
      interAnnotator,
    });
  }
  const matched = consensus.flatMap((c) => {
    const s = judged.get(c.example_id);
    return s === undefined ? [] : [{ human: c.label, judge: s }];
  });
  const labelled = new Set([
    ...consensus.map((c) => c.example_id),
    ...unresolved,
  ]);
  const annotatedOnly = consensus.length - matched.length;
  const judgedOnly = [...judged.keys()].filter(
    (id) => !labelled.has(id),
  ).length;
  if (annotatedOnly > 0)
    notes.push(
      warning(
        sdkCodes.calibrationUnmatched,
        `${facet}: ${annotatedOnly} annotated examples have no judge score`,
      ),
    );
  if (judgedOnly > 0)
    notes.push(
      warning(
        sdkCodes.calibrationUnmatched,
        `${facet}: ${judgedOnly} judged examples have no annotation`,
      ),
    );
  const counts = {
    n: matched.length,
    annotatedOnly,
    judgedOnly,
    unresolved: unresolved.length,
    interAnnotator,
  };

  const truth = matched.map((m) =>
    scale === "binary" ? m.human === 1 : m.human >= config.passAtLeast,
  );
  const allScored =
    matched.length > 0 && matched.every((m) => m.judge.score !== undefined);
  const allVerdicts =
    matched.length > 0 && matched.every((m) => m.judge.verdict !== undefined);
  const scoreOf = (m: (typeof matched)[number]): number => m.judge.score ?? 0;

  let threshold: ThresholdReport | null = null;
  if (allScored) {
    const inSample = valueOr(
      tuneThreshold(matched.map(scoreOf), truth, config.threshold.objective),
      notes,
      facet,
    );
    const validation = config.threshold.validation;
    const crossValidated =
      inSample === null || validation.kind === "none"
        ? null
        : valueOr(
            crossValidateThreshold(
              matched.map(scoreOf),
              truth,
              config.threshold.objective,
              validation.folds,
              validation.seed,
            ),
            notes,
            facet,
          );
    if (inSample !== null) threshold = { inSample, crossValidated };
  }
  if (matched.length === 0)
    return unusable(
      scale,
      "no example has both a human label and a judge score",
      { ...counts },
    );
  let judgedBy: Agreement["judgedBy"];
  let pairs: RatingPair<number>[];
  let pairLabels: readonly number[];
  let optimistic = false;
  if (allVerdicts) {
    judgedBy = "verdict";
    pairs = matched.map((m) => [m.human, m.judge.verdict ?? 0]);
    pairLabels = labelsOfScale;
  } else if (threshold !== null) {
    judgedBy = "threshold";
    const cv = threshold.crossValidated;
    const cut = threshold.inSample.threshold;
    optimistic = cv === null;
    pairs = matched.map((m, i) => [
      truth[i] === true ? 1 : 0,
      (cv === null ? scoreOf(m) >= cut : cv.verdicts[i] === true) ? 1 : 0,
    ]);
    pairLabels = ratingScales.binary;
  } else {
    notes.push({
      code: sdkCodes.calibrationNoJudgement,
      severity: "error",
      message: `${facet}: the judge gives neither a verdict nor a usable score for every annotated example`,
    });
    return unusable(
      scale,
      "no judge verdict or tunable score for every example",
      { ...counts, threshold },
    );
  }
  const agreement = measureAgreement(
    facet,
    pairs,
    pairLabels,
    judgedBy,
    optimistic,
    allScored ? matched.map((m) => [m.human, scoreOf(m)] as const) : pairs,
    scale === "ordinal_1_5" && judgedBy === "verdict",
    config,
    notes,
  );
  if (optimistic)
    notes.push({
      code: sdkCodes.calibrationOptimistic,
      severity: "note",
      message: `${facet}: agreement is measured with a threshold tuned on the same examples, which overstates it; configure cross-validation for an honest figure`,
    });
  const production =
    config.activations === undefined
      ? null
      : productionCheck(facet, judged, config, scale, threshold, notes);
  const gatingStatistic = statistic(scale, judgedBy);
  const measured =
    gatingStatistic === "weighted_kappa"
      ? agreement.weightedKappa
      : agreement.kappa;
  const value =
    measured === null
      ? null
      : config.gating.on === "estimate"
        ? measured.kappa
        : (measured.interval?.low ?? null);
  const tooFew = matched.length < config.gating.minimumExamples;
  const usable = !tooFew && value !== null && value >= config.gating.minimum;
  const reason = tooFew
    ? `${matched.length} examples, fewer than the ${config.gating.minimumExamples} required`
    : value === null
      ? `${gatingStatistic} is undefined`
      : `${gatingStatistic} ${config.gating.on === "estimate" ? "estimate" : "lower bound"} ${value.toFixed(3)} ${usable ? "≥" : "<"} ${config.gating.minimum}`;
  if (!usable)
    notes.push(
      warning(
        sdkCodes.calibrationBelowMinimum,
        `${facet}: not gating: ${reason}`,
      ),
    );
  return {
    facet,
    scale,
    ...counts,
    agreement,
    threshold,
    production,
    gating: {
      usable,
      statistic: gatingStatistic,
      value,
      minimum: config.gating.minimum,
      on: config.gating.on,
      reason,
    },
    diagnostics: notes,
  };
}

function measureAgreement(
  facet: string,
  pairs: readonly RatingPair<number>[],
  labels: readonly number[],
  judgedBy: Agreement["judgedBy"],
  optimistic: boolean,
  ranked: readonly (readonly [number, number])[],
  ordinal: boolean,
  config: CalibrationConfig,
  notes: Diagnostic[],
): Agreement {
  const matrix = confusionMatrix(pairs, labels);
  // The pairs were checked against the scale above, so the matrix always builds.
  const confusion: ConfusionMatrix<number> = matrix.ok
    ? matrix.value
    : { labels, counts: labels.map(() => labels.map(() => 0)), n: 0 };
  const kappaOf = (sample: readonly RatingPair<number>[]): number | null => {
    const m = confusionMatrix(sample, labels);
    if (!m.ok) return null;
    const k = cohenKappa(m.value);
    return k.ok ? k.value.kappa : null;
  };
  const weightedOf = (sample: readonly RatingPair<number>[]): number | null => {
    const m = confusionMatrix(sample, labels);
    if (!m.ok) return null;
    const k = weightedKappa(m.value, config.ordinalWeights);
    return k.ok ? k.value.kappa : null;
  };
  const kappa = valueOr(cohenKappa(confusion), notes, facet);
  const weighted = ordinal
    ? valueOr(weightedKappa(confusion, config.ordinalWeights), notes, facet)
    : null;
  return {
    judgedBy,
    optimistic,
    confusion,
    accuracy: valueOr(
      accuracy(confusion, config.bootstrap.level),
      notes,
      facet,
    ),
    kappa:
      kappa === null
        ? null
        : {
            ...kappa,
            interval: valueOr(
              bootstrapInterval(pairs, kappaOf, config.bootstrap),
              notes,
              facet,
            ),
          },
    weightedKappa:
      weighted === null
        ? null
        : {
            ...weighted,
            interval: valueOr(
              bootstrapInterval(pairs, weightedOf, config.bootstrap),
              notes,
              facet,
            ),
          },
    spearman: valueOr(
      spearman(
        ranked.map(([h]) => h),
        ranked.map(([, j]) => j),
      ),
      notes,
      facet,
    ),
  };
}

function productionCheck(
  facet: string,
  judged: ReadonlyMap<string, JudgeScore>,
  config: CalibrationConfig,
  scale: RatingScale,
  threshold: ThresholdReport | null,
  notes: Diagnostic[],
): ProductionCheck {
  // Duplicate outcomes are reported once, by calibrateJudge; the first one counts.
  const outcome = new Map<string, boolean>();
  for (const a of config.activations ?? [])
    if (!outcome.has(a.example_id)) outcome.set(a.example_id, a.activated);
  const joined = [...judged.values()]
    .filter((s) => outcome.has(s.example_id))
    .sort((a, b) =>
      a.example_id < b.example_id ? -1 : a.example_id > b.example_id ? 1 : 0,
    );
  const unjudged = [...outcome.keys()].filter((id) => !judged.has(id)).length;
  if (unjudged > 0)
    notes.push(
      warning(
        sdkCodes.calibrationUnmatched,
        `${facet}: ${unjudged} production outcomes have no judge score and are not in the activation check`,
      ),
    );
  const activated = joined.map((s) => outcome.get(s.example_id) === true);
  const useScore =
    joined.length > 0 && joined.every((s) => s.score !== undefined);
  const signal = joined.map((s) =>
    useScore ? (s.score ?? 0) : (s.verdict ?? 0),
  );
  const met = joined.map((s) =>
    s.verdict !== undefined
      ? scale === "binary"
        ? s.verdict === 1
        : s.verdict >= config.passAtLeast
      : threshold !== null && (s.score ?? 0) >= threshold.inSample.threshold,
  );
  const rate = (which: boolean): Proportion | null => {
    const group = activated.filter((_, i) => met[i] === which);
    return valueOr(
      wilsonInterval(
        group.filter((a) => a).length,
        group.length,
        config.bootstrap.level,
      ),
      notes,
      `${facet} (production, judge ${which ? "met" : "not met"})`,
    );
  };
  const where = `${facet} (production)`;
  return {
    n: joined.length,
    unjudged,
    activation: valueOr(
      wilsonInterval(
        activated.filter((a) => a).length,
        joined.length,
        config.bootstrap.level,
      ),
      notes,
      where,
    ),
    auc: valueOr(rocAuc(signal, activated), notes, where),
    pointBiserial: valueOr(pointBiserial(signal, activated), notes, where),
    whenMet: rate(true),
    whenNotMet: rate(false),
  };
}
