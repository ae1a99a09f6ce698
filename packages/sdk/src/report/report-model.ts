/**
 * The evaluation report as plain data: a header naming what was measured, an ordered list of
 * sections (one kind each), and footnotes. The statistics layer fills it; `renderHtmlReport`
 * draws it. Numbers arrive already computed (estimates, intervals, kappas): the report only
 * shows them, so it can never disagree with the numbers the gates used.
 */

/** How a number is shown. `percent` values are fractions (0.42 shows as 42.0%). */
export type ValueFormat =
  "percent" | "number" | "integer" | "milliseconds" | "seconds" | "usd";

/** A confidence interval; `level` is e.g. 0.95. */
export interface Interval {
  readonly low: number;
  readonly high: number;
  readonly level?: number;
}

export interface Estimate {
  readonly value: number;
  readonly interval?: Interval;
}

/** A run or model in the report; its position in `Report.runs` fixes its colour everywhere. */
export interface RunRef {
  readonly id: string;
  readonly label: string;
  readonly model?: string;
}

export interface ReportHeader {
  /** The report's headline; state the finding ("Email workflows drive a quarter of failures"). */
  readonly title: string;
  /** What one report covers: one benchmark run, or one flywheel week. */
  readonly scope:
    | { readonly kind: "run"; readonly runId: string }
    | { readonly kind: "week"; readonly week: string };
  readonly model: string;
  readonly judge?: {
    readonly model: string;
    readonly version: string;
    readonly promptHash: string;
  };
  readonly dataset?: { readonly name: string; readonly version: string };
  /** Shown only when given: the renderer never reads a clock. */
  readonly generatedAt?: string;
  /** Further identity lines (seed, commit, eval set size, …), in the given order. */
  readonly facts?: readonly {
    readonly label: string;
    readonly value: string;
  }[];
}

export interface HeadlineMetric {
  readonly label: string;
  readonly format: ValueFormat;
  readonly estimate: Estimate;
  readonly count?: number;
  readonly higherIsBetter?: boolean;
  /** The same metric for the comparison run, shown as a change. */
  readonly baseline?: { readonly runId: string; readonly value: number };
}

export interface HeadlineSection {
  readonly kind: "headline";
  readonly title: string;
  readonly metrics: readonly HeadlineMetric[];
}

/** One run's value on one slice. */
export interface SliceValue {
  readonly runId: string;
  readonly estimate: Estimate;
  readonly count: number;
}

export interface SliceBar {
  readonly name: string;
  /** One value per run of the section, in the section's run order (a missing run is omitted). */
  readonly values: readonly SliceValue[];
  /** Set by the comparison: this slice got significantly worse between the runs. */
  readonly regressed?: boolean;
}

export interface SliceBarsSection {
  readonly kind: "slice-bars";
  readonly title: string;
  readonly metric: string;
  readonly format: ValueFormat;
  /** One run, or two side by side (first = current, second = comparison). */
  readonly runIds: readonly string[];
  readonly slices: readonly SliceBar[];
  readonly higherIsBetter?: boolean;
}

export interface FailureShareSection {
  readonly kind: "failure-share";
  readonly title: string;
  readonly slices: readonly {
    readonly name: string;
    readonly failures: number;
  }[];
  /** All failures of the run; slices may overlap, so their sum may differ from this. */
  readonly totalFailures: number;
}

export interface ConfusionFacet {
  readonly facet: string;
  /** Class labels in scale order; rows are the human label, columns the judge's. */
  readonly labels: readonly string[];
  readonly counts: readonly (readonly number[])[];
  readonly kappa: Estimate;
  readonly weighted?: boolean;
  /** The agreement the facet must reach to gate. */
  readonly requiredKappa: number;
  /** Whether the facet is used to gate (false when the judge missed the bar). */
  readonly gating: boolean;
  readonly baseRate?: number;
}

export interface ConfusionMatricesSection {
  readonly kind: "confusion-matrices";
  readonly title: string;
  readonly facets: readonly ConfusionFacet[];
}

export interface PairedDelta {
  readonly name: string;
  /** Current minus comparison. */
  readonly delta: Estimate;
  readonly significant: boolean;
  readonly count?: number;
}

export interface DeltasSection {
  readonly kind: "deltas";
  readonly title: string;
  readonly metric: string;
  readonly format: ValueFormat;
  readonly runId: string;
  readonly baselineRunId: string;
  readonly deltas: readonly PairedDelta[];
  readonly higherIsBetter?: boolean;
}

export interface HistogramBin {
  readonly low: number;
  readonly high: number;
  readonly count: number;
}

export interface HistogramSection {
  readonly kind: "histogram";
  readonly title: string;
  readonly quantity: string;
  readonly format: ValueFormat;
  readonly series: readonly {
    readonly runId: string;
    readonly bins: readonly HistogramBin[];
  }[];
  /** Reference lines such as p50 and p95. */
  readonly markers?: readonly {
    readonly label: string;
    readonly value: number;
  }[];
}

export type TableCell = string | number | null;

export interface TableColumn {
  readonly label: string;
  /** Numbers in this column are formatted so; strings show as given. */
  readonly format?: ValueFormat;
}

export interface TableSection {
  readonly kind: "table";
  readonly title: string;
  readonly columns: readonly TableColumn[];
  readonly rows: readonly (readonly TableCell[])[];
}

export interface NotesSection {
  readonly kind: "notes";
  readonly title: string;
  readonly tone?: "info" | "warning";
  readonly paragraphs: readonly string[];
}

export type ReportSection =
  | HeadlineSection
  | SliceBarsSection
  | FailureShareSection
  | ConfusionMatricesSection
  | DeltasSection
  | HistogramSection
  | TableSection
  | NotesSection;

export type ReportSectionKind = ReportSection["kind"];

export interface Report {
  readonly header: ReportHeader;
  readonly runs: readonly RunRef[];
  readonly sections: readonly ReportSection[];
  readonly footnotes?: readonly string[];
}
