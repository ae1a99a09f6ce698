import type { Diagnostic } from "@flowpy/transpiler";
import { sdkCodes } from "../../sdk-codes.js";
import {
  cohenKappa,
  weightedKappa,
  type KappaWeights,
} from "../stats/cohen-kappa.js";
import { confusionMatrix, type RatingPair } from "../stats/confusion-matrix.js";
import type { Annotation } from "./calibration-records.js";
import { ratingScales, type RatingScale } from "./judge-facets.js";

/**
 * How several annotators' labels become one: `majority` takes the label more than half of
 * them gave; `median` takes the median label (for an even count the two middle labels must
 * agree). An `adjudicated` label always wins. Examples the rule cannot settle are left out
 * and listed, never guessed.
 */
export type ConsensusRule = "majority" | "median";

export interface ConsensusLabel {
  readonly example_id: string;
  readonly label: number;
  readonly annotators: number;
  readonly by: "single" | "adjudicated" | ConsensusRule;
}

export interface AnnotatorPairAgreement {
  readonly first: string;
  readonly second: string;
  /** Examples both labelled. */
  readonly n: number;
  /** Cohen's kappa, or null where it is undefined (both gave one and the same label throughout). */
  readonly kappa: number | null;
}

/**
 * Human–human agreement: the ceiling a judge can be expected to reach. `kappa` pools every
 * pair of (non-adjudicated) annotations on the same example, in both orders, so the base
 * rates are the annotators' pooled ones (as in Fleiss' kappa); null where undefined.
 */
export interface InterAnnotatorAgreement {
  /** Examples with at least two annotations. */
  readonly examples: number;
  readonly pairs: number;
  readonly kappa: number | null;
  /** Weighted kappa (the configured weights) for ordinal facets, else null. */
  readonly weightedKappa: number | null;
  readonly byAnnotatorPair: readonly AnnotatorPairAgreement[];
}

export interface FacetLabels {
  readonly facet: string;
  readonly scale: RatingScale;
  /** Consensus labels in example-id order. */
  readonly labels: readonly ConsensusLabel[];
  readonly unresolved: readonly string[];
  readonly interAnnotator: InterAnnotatorAgreement | null;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function settle(labels: readonly number[], rule: ConsensusRule): number | null {
  if (rule === "majority") {
    const counts = new Map<number, number>();
    for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    for (const [label, count] of counts)
      if (count * 2 > labels.length) return label;
    return null;
  }
  const sorted = [...labels].sort((a, b) => a - b);
  const lo = sorted[Math.floor((sorted.length - 1) / 2)];
  const hi = sorted[Math.floor(sorted.length / 2)];
  return lo !== undefined && lo === hi ? lo : null;
}

/**
 * Groups one facet's annotations by example and settles each example's label. Returns the
 * labels plus warnings (`calibration-duplicate`, `calibration-unresolved`) for what it left out.
 */
export function resolveAnnotations(
  facet: string,
  scale: RatingScale,
  annotations: readonly Annotation[],
  rule: ConsensusRule,
  weights: KappaWeights,
): {
  readonly labels: FacetLabels;
  readonly diagnostics: readonly Diagnostic[];
} {
  const diagnostics: Diagnostic[] = [];
  const byExample = new Map<string, Annotation[]>();
  for (const a of annotations) {
    const list = byExample.get(a.example_id) ?? [];
    if (
      a.annotator !== undefined &&
      list.some(
        (b) => b.annotator === a.annotator && b.adjudicated === a.adjudicated,
      )
    ) {
      diagnostics.push({
        code: sdkCodes.calibrationDuplicate,
        severity: "warning",
        message: `${facet}: annotator ${JSON.stringify(a.annotator)} labelled example ${JSON.stringify(a.example_id)} twice; the first label is used`,
      });
      continue;
    }
    list.push(a);
    byExample.set(a.example_id, list);
  }
  const labels: ConsensusLabel[] = [];
  const unresolved: string[] = [];
  const pooled: RatingPair<number>[] = [];
  let examplesWithPairs = 0;
  const perAnnotator = new Map<string, Map<string, number>>();
  for (const id of [...byExample.keys()].sort(byCodeUnits)) {
    const list = byExample.get(id) ?? [];
    const adjudicated = [
      ...new Set(
        list.filter((a) => a.adjudicated === true).map((a) => a.label),
      ),
    ];
    const independent = list.filter((a) => a.adjudicated !== true);
    for (const a of independent)
      if (a.annotator !== undefined) {
        const mine = perAnnotator.get(a.annotator) ?? new Map<string, number>();
        mine.set(id, a.label);
        perAnnotator.set(a.annotator, mine);
      }
    if (independent.length >= 2) {
      examplesWithPairs++;
      for (let i = 0; i < independent.length; i++)
        for (let j = i + 1; j < independent.length; j++) {
          const x = independent[i]?.label ?? 0;
          const y = independent[j]?.label ?? 0;
          pooled.push([x, y], [y, x]);
        }
    }
    const unresolvedBecause = (reason: string): void => {
      unresolved.push(id);
      diagnostics.push({
        code: sdkCodes.calibrationUnresolved,
        severity: "warning",
        message: `${facet}: example ${JSON.stringify(id)} is left out: ${reason}`,
      });
    };
    if (adjudicated.length > 1) {
      unresolvedBecause(
        `adjudicated labels disagree (${adjudicated.join(", ")})`,
      );
      continue;
    }
    const settled = adjudicated[0];
    if (settled !== undefined) {
      labels.push({
        example_id: id,
        label: settled,
        annotators: list.length,
        by: "adjudicated",
      });
      continue;
    }
    const consensus = settle(
      independent.map((a) => a.label),
      rule,
    );
    if (consensus === null) {
      unresolvedBecause(
        `the ${rule} rule does not settle the labels ${independent.map((a) => a.label).join(", ")}`,
      );
      continue;
    }
    labels.push({
      example_id: id,
      label: consensus,
      annotators: list.length,
      by: independent.length === 1 ? "single" : rule,
    });
  }
  const scaleLabels = ratingScales[scale];
  const pooledMatrix = confusionMatrix<number>(pooled, scaleLabels);
  const pooledKappa = pooledMatrix.ok
    ? cohenKappa(pooledMatrix.value)
    : pooledMatrix;
  const pooledWeighted =
    scale === "ordinal_1_5" && pooledMatrix.ok
      ? weightedKappa(pooledMatrix.value, weights)
      : null;
  const names = [...perAnnotator.keys()].sort(byCodeUnits);
  const byAnnotatorPair: AnnotatorPairAgreement[] = [];
  for (let i = 0; i < names.length; i++)
    for (let j = i + 1; j < names.length; j++) {
      const first = names[i] ?? "";
      const second = names[j] ?? "";
      const a = perAnnotator.get(first) ?? new Map<string, number>();
      const b = perAnnotator.get(second) ?? new Map<string, number>();
      const pairs: RatingPair<number>[] = [...a]
        .filter(([id]) => b.has(id))
        .map(([id, label]) => [label, b.get(id) ?? 0]);
      if (pairs.length === 0) continue;
      const matrix = confusionMatrix<number>(pairs, scaleLabels);
      const kappa = matrix.ok ? cohenKappa(matrix.value) : matrix;
      byAnnotatorPair.push({
        first,
        second,
        n: pairs.length,
        kappa: kappa.ok ? kappa.value.kappa : null,
      });
    }
  return {
    labels: {
      facet,
      scale,
      labels,
      unresolved,
      interAnnotator:
        examplesWithPairs === 0
          ? null
          : {
              examples: examplesWithPairs,
              pairs: pooled.length / 2,
              kappa: pooledKappa.ok ? pooledKappa.value.kappa : null,
              weightedKappa:
                pooledWeighted?.ok === true ? pooledWeighted.value.kappa : null,
              byAnnotatorPair,
            },
    },
    diagnostics,
  };
}
