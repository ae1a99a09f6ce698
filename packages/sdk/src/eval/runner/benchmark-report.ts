import type {
  Estimate,
  HeadlineMetric,
  PairedDelta,
  Report,
  ReportSection,
  RunRef,
  SliceBar,
  SliceBarsSection,
  TableCell,
  ValueFormat,
} from "../../report/report-model.js";
import type { SliceRegression } from "../slices/regressed-slices.js";
import type { SliceMetric } from "../slices/slice-metrics.js";
import type { MetricComparison, RunComparison } from "./compare-runs.js";
import { quantityMetrics, type QuantityMetric } from "./example-result.js";
import type { BenchmarkRun } from "./run-benchmark.js";
import type { RateSummary } from "./run-summary.js";

/** How each metric is named and shown in reports and the CLI's summary table. */
export const metricLabels: Readonly<Record<string, string>> = {
  syntactic: "Compiles with zero diagnostics",
  equivalent: "Equivalent to the reference",
  declinedCorrectly: "Declined correctly",
  withinTurnLimit: "Finished within the turn limit",
  turns: "Turns",
  latencyMs: "Latency (end to end)",
  inputTokens: "Input tokens",
  outputTokens: "Output tokens",
  costUsd: "Cost",
};

const quantityFormats = {
  turns: "number",
  latencyMs: "milliseconds",
  inputTokens: "number",
  outputTokens: "number",
  costUsd: "usd",
} as const satisfies Record<QuantityMetric, ValueFormat>;

export function metricLabel(metric: string): string {
  return metricLabels[metric] ?? `Judge: ${metric}`;
}

function runRef(run: BenchmarkRun, label: string): RunRef {
  return { id: run.runId.slice(0, 12), label, model: run.model };
}

function headline(
  run: BenchmarkRun,
  baseline: BenchmarkRun | undefined,
): HeadlineMetric[] {
  const baseId = baseline === undefined ? "" : runRef(baseline, "").id;
  const rate = (r: RateSummary): HeadlineMetric => {
    const base = baseline?.summary.rates.find((b) => b.metric === r.metric);
    return {
      label: metricLabel(r.metric),
      format: "percent",
      estimate: { value: r.rate, interval: r.interval },
      count: r.n,
      higherIsBetter: true,
      ...(base === undefined
        ? {}
        : { baseline: { runId: baseId, value: base.rate } }),
    };
  };
  return [
    ...run.summary.rates.map(rate),
    ...run.summary.means.map((m): HeadlineMetric => {
      const base = baseline?.summary.means.find((b) => b.metric === m.metric);
      return {
        label: metricLabel(m.metric),
        format: (quantityMetrics as readonly string[]).includes(m.metric)
          ? quantityFormats[m.metric as QuantityMetric]
          : "number",
        estimate: { value: m.mean, interval: m.interval },
        count: m.n,
        higherIsBetter: false,
        ...(base === undefined
          ? {}
          : { baseline: { runId: baseId, value: base.mean } }),
      };
    }),
  ];
}

/** A slice metric as a report estimate (a mean of fewer than two values has no interval). */
function estimateOf(m: SliceMetric): Estimate {
  return {
    value: m.value,
    ...(m.interval === null ? {} : { interval: m.interval }),
  };
}

/** One pass/fail metric per slice, one bar per run (current first); `regressed` from the comparison. */
function sliceBars(
  runs: readonly BenchmarkRun[],
  metric: string,
  regressions: readonly SliceRegression[],
): SliceBarsSection {
  const ids = runs.map((r) => r.runId.slice(0, 12));
  const keys = [
    ...new Set(
      runs.flatMap((r) =>
        r.summary.slices.flatMap((s) =>
          s.metrics[metric] === undefined ? [] : [s.key],
        ),
      ),
    ),
  ];
  const regressed = new Set(
    regressions.filter((r) => r.metric === metric).map((r) => r.slice),
  );
  return {
    kind: "slice-bars",
    title: `${metricLabel(metric)}, by slice`,
    metric: metricLabel(metric),
    format: "percent",
    runIds: ids,
    higherIsBetter: true,
    slices: keys.map((key): SliceBar => ({
      name: key,
      values: runs.flatMap((run, i) => {
        const m = run.summary.slices.find((s) => s.key === key)?.metrics[
          metric
        ];
        return m === undefined
          ? []
          : [{ runId: ids[i] ?? "", estimate: estimateOf(m), count: m.n }];
      }),
      ...(regressed.has(key) ? { regressed: true } : {}),
    })),
  };
}

/**
 * A slice of absence (`email=no`, `apps=none`): in the failure-share charts it mostly holds
 * nearly every failure and says nothing about where they are, so the charts leave it out
 * (the run's summary keeps it).
 */
function isAbsence(slice: string): boolean {
  return /=(?:no|none)$/.test(slice);
}

/** Paired differences B − A as a chart: current minus baseline, which is what comparePaired measures. */
function deltaSection(
  title: string,
  comparisons: readonly MetricComparison[],
  name: (m: MetricComparison) => string,
  runIds: { readonly current: string; readonly baseline: string },
): ReportSection {
  return {
    kind: "deltas",
    title,
    metric: "rate difference",
    format: "percent",
    runId: runIds.current,
    baselineRunId: runIds.baseline,
    higherIsBetter: true,
    deltas: comparisons.map((m): PairedDelta => {
      const c = m.comparison;
      return {
        name: name(m),
        delta: { value: c.meanDifference, interval: c.bootstrap },
        significant: c.bootstrap.low > 0 || c.bootstrap.high < 0,
        count: c.n,
      };
    }),
  };
}

/** The regressed slices as a table (or a note that none regressed), and what was tested. */
function regressionSections(cmp: RunComparison): ReportSection[] {
  const { minSliceN, alpha } = cmp.regressionTest;
  const tested = `Tested: every slice with at least ${minSliceN} examples in both runs, McNemar's exact test on the examples both runs put in the slice (a two-proportion z-test when fewer than ${minSliceN} are shared), two-sided p < ${alpha}.`;
  if (cmp.regressions.length === 0)
    return [
      {
        kind: "notes",
        title: "Regressed slices",
        paragraphs: ["No slice regressed.", tested],
      },
    ];
  return [
    {
      kind: "table",
      title: `Regressed slices (${new Set(cmp.regressions.map((r) => r.slice)).size} slices, ${cmp.regressions.length} slice metrics)`,
      columns: [
        { label: "Slice" },
        { label: "Metric" },
        { label: "A", format: "percent" },
        { label: "B", format: "percent" },
        { label: "Drop", format: "percent" },
        { label: "n (A)", format: "integer" },
        { label: "n (B)", format: "integer" },
        { label: "Test" },
        { label: "p", format: "number" },
        { label: "Extra failures in B", format: "number" },
      ],
      rows: cmp.regressions.map((r) => [
        r.slice,
        metricLabel(r.metric),
        r.before,
        r.after,
        r.drop,
        r.nA,
        r.nB,
        r.test,
        r.pValue,
        r.impact,
      ]),
    },
    {
      kind: "notes",
      title: "How regressions are tested",
      paragraphs: [tested],
    },
  ];
}

function exampleTable(run: BenchmarkRun): ReportSection {
  const flag = (v: 0 | 1 | null): TableCell =>
    v === null ? null : v === 1 ? "yes" : "no";
  return {
    kind: "table",
    title: "Examples",
    columns: [
      { label: "Example" },
      { label: "Kind" },
      { label: "Trigger" },
      { label: "Actions" },
      { label: "Status" },
      { label: "Compiles" },
      { label: "Equivalent" },
      { label: "Declined correctly" },
      { label: "Turns", format: "integer" },
      { label: "Latency", format: "milliseconds" },
      { label: "Cost", format: "usd" },
    ],
    rows: run.examples.map((e) => [
      e.exampleId,
      e.kind,
      e.sliceTags.triggerResource,
      e.sliceTags.actionFamilies.join(", ") || "none",
      e.status === "error" ? "error" : e.stop,
      flag(e.metrics.syntactic),
      flag(e.metrics.equivalent),
      flag(e.metrics.declinedCorrectly),
      e.metrics.turns,
      e.metrics.latencyMs,
      e.metrics.costUsd,
    ]),
  };
}

/**
 * The report of one benchmark run, or of run B against run A when a comparison is given:
 * headline rates and means with intervals; per pass/fail metric the slice bars (both runs,
 * regressed slices marked) and where the failures are; for a comparison the paired
 * differences overall and per slice and the regressed slices; every example.
 */
export function benchmarkReport(
  run: BenchmarkRun,
  against?: {
    readonly baseline: BenchmarkRun;
    readonly comparison: RunComparison;
  },
): Report {
  const current = runRef(
    run,
    against === undefined ? run.model : `B: ${run.model}`,
  );
  const base =
    against === undefined
      ? undefined
      : runRef(against.baseline, `A: ${against.baseline.model}`);
  const rates = run.summary.rates;
  const equivalence = rates.find((r) => r.metric === "equivalent");
  const regressions = against?.comparison.regressions ?? [];
  // A slice can regress on several metrics; the title counts slices.
  const regressedSliceCount = new Set(regressions.map((r) => r.slice)).size;
  const title =
    against === undefined
      ? equivalence === undefined
        ? `${run.model} on ${run.summary.examples} examples`
        : `${run.model} builds an equivalent workflow for ${Math.round(equivalence.rate * 100)}% of requests`
      : `${run.model} against ${against.baseline.model} on ${against.comparison.metrics[0]?.comparison.n ?? 0} paired examples: ${regressedSliceCount === 0 ? "no slice regressed" : `${regressedSliceCount} ${regressedSliceCount === 1 ? "slice" : "slices"} regressed`}`;
  const runs = against === undefined ? [run] : [run, against.baseline];
  const ids = { current: current.id, baseline: base?.id ?? "" };
  const cmp = against?.comparison;
  // Per pass/fail metric: its slice bars, B − A by slice, then where the current run's failures are.
  const perMetric = rates.flatMap((r): ReportSection[] => {
    const bySlice = cmp?.slices.filter((s) => s.metric === r.metric) ?? [];
    const shares = run.summary.failureShares.find((f) => f.metric === r.metric);
    return [
      sliceBars(runs, r.metric, regressions),
      ...(bySlice.length === 0
        ? []
        : [
            deltaSection(
              `${metricLabel(r.metric)}: paired differences by slice`,
              bySlice,
              (m) => m.slice ?? "all",
              ids,
            ),
          ]),
      ...(shares === undefined || shares.failures === 0
        ? []
        : [
            {
              kind: "failure-share" as const,
              title: `${metricLabel(r.metric)}: where the ${shares.failures} failures are`,
              slices: shares.shares.flatMap((s) =>
                isAbsence(s.slice)
                  ? []
                  : [{ name: s.slice, failures: s.failures }],
              ),
              totalFailures: shares.failures,
            },
          ]),
    ];
  });
  const sections: ReportSection[] = [
    {
      kind: "headline",
      title: "Headline metrics",
      metrics: headline(run, against?.baseline),
    },
    ...(cmp === undefined
      ? []
      : [
          deltaSection(
            "Paired differences per metric",
            cmp.metrics.filter((m) => m.higherIsBetter),
            (m) => metricLabel(m.metric),
            ids,
          ),
          ...regressionSections(cmp),
        ]),
    ...perMetric,
    {
      kind: "notes",
      title: "Reading the slices",
      paragraphs: [
        "An example is in every slice its tags put it in: the request kind the eval set states, and the tags of its reference workflow (of the model's submission for a question with no reference). So an email workflow with a condition counts for email and for its condition pattern, and failure shares across slices add up to more than 100%.",
        "The failure-share charts leave out slices of absence (email=no, apps=none, …), which hold most failures and locate none; run.json and summary.md list every slice.",
        "Intervals are 95% Wilson intervals for rates and seeded bootstrap intervals for differences.",
      ],
    },
    exampleTable(run),
  ];
  if (run.summary.errors > 0)
    sections.push({
      kind: "notes",
      title: "Failed examples",
      tone: "warning",
      paragraphs: [
        `${run.summary.errors} examples got no answer from the model after retries; they count as wrong in every metric.`,
      ],
    });
  return {
    header: {
      title,
      scope: { kind: "run", runId: run.runId },
      model: run.model,
      facts: [
        { label: "Examples", value: String(run.summary.examples) },
        { label: "Turn limit", value: String(run.turnLimit) },
        { label: "System prompt", value: run.systemPromptVersion },
        { label: "Tool set", value: run.toolSetHash.slice(0, 12) },
        { label: "Eval set", value: run.evalSetSha256.slice(0, 12) },
        ...(run.judge === undefined
          ? []
          : [{ label: "Judge", value: run.judge }]),
      ],
    },
    runs: base === undefined ? [current] : [current, base],
    sections,
  };
}
