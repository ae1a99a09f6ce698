import type { Result } from "@flowpy/transpiler";
import { seededShuffle } from "../../dataset/write-dataset.js";
import { sdkCodes } from "../../sdk-codes.js";
import { failWith, firstNonFinite } from "../stats/stat-diagnostic.js";

/** What a tuned threshold maximizes: Cohen's kappa with the human labels, or Youden's J (sensitivity + specificity − 1). */
export type ThresholdObjective = "kappa" | "youden";

/** A decision rule "met when score ≥ threshold" and how it agrees with the human labels. */
export interface ThresholdFit {
  readonly threshold: number;
  readonly objective: ThresholdObjective;
  /** Kappa of the rule's verdicts with the labels; null when undefined. */
  readonly kappa: number | null;
  readonly youden: number;
  readonly sensitivity: number;
  readonly specificity: number;
}

/** Kappa of a 2×2 table from its cells, or null where undefined. */
export function binaryKappa(
  tp: number,
  fp: number,
  fn: number,
  tn: number,
): number | null {
  const n = tp + fp + fn + tn;
  if (n === 0) return null;
  const observed = (tp + tn) / n;
  const expected = ((tp + fn) * (tp + fp) + (tn + fp) * (tn + fn)) / (n * n);
  return expected >= 1 ? null : (observed - expected) / (1 - expected);
}

function fitAt(
  threshold: number,
  objective: ThresholdObjective,
  tp: number,
  fp: number,
  positives: number,
  negatives: number,
): ThresholdFit {
  const sensitivity = tp / positives;
  const specificity = (negatives - fp) / negatives;
  return {
    threshold,
    objective,
    kappa: binaryKappa(tp, fp, positives - tp, negatives - fp),
    youden: sensitivity + specificity - 1,
    sensitivity,
    specificity,
  };
}

function value(fit: ThresholdFit): number {
  return fit.objective === "kappa" ? (fit.kappa ?? -Infinity) : fit.youden;
}

/**
 * The threshold that maximizes the objective on these examples. Candidates are the observed
 * scores (any threshold between two adjacent scores gives the same verdicts as the higher
 * one); ties go to the lowest threshold. The agreement it reports is measured on the same
 * examples it was tuned on, so it is optimistic: use `crossValidateThreshold` for an honest
 * figure. Needs both label classes (`eval-one-class`).
 */
export function tuneThreshold(
  scores: readonly number[],
  labels: readonly boolean[],
  objective: ThresholdObjective,
): Result<ThresholdFit> {
  if (scores.length !== labels.length)
    return failWith(
      sdkCodes.evalInvalidInput,
      `${scores.length} scores paired with ${labels.length} labels`,
    );
  const bad = firstNonFinite(scores);
  if (bad >= 0)
    return failWith(
      sdkCodes.evalInvalidInput,
      `score ${bad} is not a finite number`,
    );
  if (scores.length === 0)
    return failWith(
      sdkCodes.evalEmptySample,
      "no examples to tune a threshold on",
    );
  const positives = labels.filter((l) => l).length;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0)
    return failWith(
      sdkCodes.evalOneClass,
      `a threshold needs examples of both labels; all ${labels.length} are ${positives === 0 ? "not met" : "met"}`,
    );
  // Sweep from the highest score down: lowering the threshold to each distinct score adds
  // that score's examples to the "met" side.
  const order = scores
    .map((s, i) => ({ s, met: labels[i] === true }))
    .sort((a, b) => b.s - a.s);
  let tp = 0;
  let fp = 0;
  let best: ThresholdFit | null = null;
  for (let k = 0; k < order.length;) {
    const s = order[k]?.s ?? 0;
    while (k < order.length && order[k]?.s === s) {
      if (order[k]?.met === true) tp++;
      else fp++;
      k++;
    }
    const fit = fitAt(s, objective, tp, fp, positives, negatives);
    if (best === null || value(fit) >= value(best)) best = fit;
  }
  if (best === null) return failWith(sdkCodes.evalEmptySample, "no scores");
  return { ok: true, value: best, diagnostics: [] };
}

export interface CrossValidatedThreshold {
  readonly folds: number;
  readonly seed: number;
  /** The threshold tuned on each fold's training part, in fold order. */
  readonly thresholds: readonly number[];
  /** Each example's held-out verdict (by the threshold tuned without it), in input order. */
  readonly verdicts: readonly boolean[];
  /** Kappa of the held-out verdicts with the labels; null when undefined. */
  readonly kappa: number | null;
}

/**
 * k-fold cross-validation of threshold tuning: examples are dealt to folds in a seeded
 * order, separately for each label so every fold keeps both (stratified); each fold is judged
 * by the threshold tuned on the others. The pooled held-out kappa estimates how the tuned
 * judge will agree on new examples. Needs at least `folds` examples of each label.
 */
export function crossValidateThreshold(
  scores: readonly number[],
  labels: readonly boolean[],
  objective: ThresholdObjective,
  folds: number,
  seed: number,
): Result<CrossValidatedThreshold> {
  if (!Number.isInteger(folds) || folds < 2)
    return failWith(
      sdkCodes.evalInvalidInput,
      `folds must be an integer ≥ 2, not ${folds}`,
    );
  if (scores.length !== labels.length)
    return failWith(
      sdkCodes.evalInvalidInput,
      `${scores.length} scores paired with ${labels.length} labels`,
    );
  const indices = labels.map((_, i) => i);
  const met = indices.filter((i) => labels[i] === true);
  const notMet = indices.filter((i) => labels[i] !== true);
  if (met.length < folds || notMet.length < folds)
    return failWith(
      sdkCodes.evalTooFewExamples,
      `${folds}-fold cross-validation needs ${folds} examples of each label; there are ${met.length} met and ${notMet.length} not met`,
    );
  const fold = new Array<number>(labels.length).fill(0);
  let dealt = 0;
  for (const group of [met, notMet])
    for (const i of seededShuffle(group, seed)) fold[i] = dealt++ % folds;
  const verdicts = new Array<boolean>(labels.length).fill(false);
  const thresholds: number[] = [];
  for (let f = 0; f < folds; f++) {
    const train = indices.filter((i) => fold[i] !== f);
    const tuned = tuneThreshold(
      train.map((i) => scores[i] ?? 0),
      train.map((i) => labels[i] === true),
      objective,
    );
    if (!tuned.ok) return tuned;
    thresholds.push(tuned.value.threshold);
    for (const i of indices)
      if (fold[i] === f)
        verdicts[i] = (scores[i] ?? 0) >= tuned.value.threshold;
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const i of indices) {
    const truth = labels[i] === true;
    const verdict = verdicts[i] === true;
    if (truth && verdict) tp++;
    else if (verdict) fp++;
    else if (truth) fn++;
    else tn++;
  }
  return {
    ok: true,
    value: {
      folds,
      seed,
      thresholds,
      verdicts,
      kappa: binaryKappa(tp, fp, fn, tn),
    },
    diagnostics: [],
  };
}
