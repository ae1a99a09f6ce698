import type {
  FacetCalibration,
  JudgeCalibration,
} from "../calibration/calibrate-judge.js";
import type {
  ConfusionFacet,
  Report,
  ReportSection,
  TableCell,
} from "../../report/report-model.js";

/** The labels of a binary facet's matrix, as a reader says them. */
const binaryNames: Readonly<Record<number, string>> = {
  0: "not met",
  1: "met",
};

/**
 * The HTML report model of a judge calibration: one confusion matrix per facet with its
 * kappa, interval and whether it gates; a table of every facet's figures and the reason
 * it gates or not; and the calibration's notes. Numbers are the calibration's, unchanged.
 */
export function calibrationReport(
  calibration: JudgeCalibration,
  meta: {
    readonly promptVersion?: string;
    readonly notes?: readonly string[];
  } = {},
): Report {
  const judgeModel = calibration.judge?.judge_model ?? "(no judge scores)";
  const matrices: ConfusionFacet[] = calibration.facets.flatMap((f) =>
    confusionFacet(f),
  );
  const gating = calibration.gatingFacets;
  const sections: ReportSection[] = [
    {
      kind: "notes",
      title: "Gating",
      tone: gating.length === calibration.facets.length ? "info" : "warning",
      paragraphs: [
        gating.length === 0
          ? "No facet agrees well enough with the human labels to gate."
          : `Facets that may gate: ${gating.join(", ")}.`,
        ...calibration.facets
          .filter((f) => !f.gating.usable)
          .map((f) => `${f.facet} does not gate: ${f.gating.reason}.`),
      ],
    },
    ...(matrices.length === 0
      ? []
      : [
          {
            kind: "confusion-matrices" as const,
            title:
              "Judge against human consensus (rows: human, columns: judge)",
            facets: matrices,
          },
        ]),
    {
      kind: "table",
      title: "Agreement per facet",
      columns: [
        { label: "facet" },
        { label: "scale" },
        { label: "examples", format: "integer" },
        { label: "judged by" },
        { label: "kappa", format: "number" },
        { label: "interval low", format: "number" },
        { label: "interval high", format: "number" },
        { label: "accuracy", format: "percent" },
        { label: "Spearman", format: "number" },
        { label: "gates" },
        { label: "reason" },
      ],
      rows: calibration.facets.map((f) => facetRow(f)),
    },
    ...(meta.notes === undefined || meta.notes.length === 0
      ? []
      : [
          {
            kind: "notes" as const,
            title: "Notes",
            tone: "warning" as const,
            paragraphs: meta.notes,
          },
        ]),
  ];
  return {
    header: {
      title:
        gating.length === calibration.facets.length
          ? `Judge calibration: every facet may gate`
          : `Judge calibration: ${gating.length} of ${calibration.facets.length} facets may gate`,
      scope: { kind: "run", runId: "calibration" },
      model: judgeModel,
      ...(calibration.judge === null
        ? {}
        : {
            judge: {
              model: calibration.judge.judge_model,
              version: meta.promptVersion ?? "(not recorded)",
              promptHash: calibration.judge.prompt_sha256,
            },
          }),
    },
    runs: [{ id: "calibration", label: "judge", model: judgeModel }],
    sections,
  };
}

function statistic(f: FacetCalibration): {
  readonly value: number;
  readonly low?: number;
  readonly high?: number;
  readonly level?: number;
  readonly weighted: boolean;
} | null {
  const a = f.agreement;
  if (a === null) return null;
  const weighted = f.gating.statistic === "weighted_kappa";
  const k = weighted ? a.weightedKappa : a.kappa;
  if (k === null) return null;
  return {
    value: k.kappa,
    ...(k.interval === null
      ? {}
      : {
          low: k.interval.low,
          high: k.interval.high,
          level: k.interval.level,
        }),
    weighted,
  };
}

function confusionFacet(f: FacetCalibration): ConfusionFacet[] {
  const a = f.agreement;
  const k = statistic(f);
  if (a === null || k === null) return [];
  const named = f.scale === "binary" || a.judgedBy === "threshold";
  return [
    {
      facet: f.facet,
      labels: a.confusion.labels.map((l) =>
        named ? (binaryNames[l] ?? String(l)) : String(l),
      ),
      counts: a.confusion.counts,
      kappa: {
        value: k.value,
        ...(k.low === undefined || k.high === undefined
          ? {}
          : {
              interval: {
                low: k.low,
                high: k.high,
                ...(k.level === undefined ? {} : { level: k.level }),
              },
            }),
      },
      weighted: k.weighted,
      requiredKappa: f.gating.minimum,
      gating: f.gating.usable,
    },
  ];
}

function facetRow(f: FacetCalibration): readonly TableCell[] {
  const k = statistic(f);
  return [
    f.facet,
    f.scale,
    f.n,
    f.agreement?.judgedBy ?? null,
    k?.value ?? null,
    k?.low ?? null,
    k?.high ?? null,
    f.agreement?.accuracy?.rate ?? null,
    f.agreement?.spearman ?? null,
    f.gating.usable ? "yes" : "no",
    f.gating.reason,
  ];
}
