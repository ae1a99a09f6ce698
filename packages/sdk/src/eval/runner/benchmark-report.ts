import type {
  HeadlineMetric,
  PairedDelta,
  Report,
  ReportSection,
  RunRef,
  TableCell,
  ValueFormat,
} from "../../report/report-model.js";
import type { RunComparison } from "./compare-runs.js";
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

function sliceBars(
  runs: readonly BenchmarkRun[],
  metric: string,
): ReportSection {
  const ids = runs.map((r) => r.runId.slice(0, 12));
  const names = [
    ...new Set(runs.flatMap((r) => r.summary.slices.map((s) => s.slice))),
  ];
  return {
    kind: "slice-bars",
    title: `${metricLabel(metric)}, by request kind`,
    metric: metricLabel(metric),
    format: "percent",
    runIds: ids,
    higherIsBetter: true,
    slices: names.map((name) => ({
      name,
      values: runs.flatMap((run, i) => {
        const rate = run.summary.slices
          .find((s) => s.slice === name)
          ?.rates.find((r) => r.metric === metric);
        return rate === undefined
          ? []
          : [
              {
                runId: ids[i] ?? "",
                estimate: { value: rate.rate, interval: rate.interval },
                count: rate.n,
              },
            ];
      }),
    })),
  };
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

function deltas(
  cmp: RunComparison,
  current: string,
  baseline: string,
): ReportSection[] {
  const delta = (
    m: RunComparison["metrics"][number],
    name: string,
  ): PairedDelta => {
    const c = m.comparison;
    // Reported as current (B) minus baseline (A), which is what comparePaired measures.
    return {
      name,
      delta: { value: c.meanDifference, interval: c.bootstrap },
      significant: c.bootstrap.low > 0 || c.bootstrap.high < 0,
      count: c.n,
    };
  };
  const binary = cmp.metrics.filter((m) => m.higherIsBetter);
  const sections: ReportSection[] = [
    {
      kind: "deltas",
      title: "Paired differences per metric",
      metric: "rate difference",
      format: "percent",
      runId: current,
      baselineRunId: baseline,
      higherIsBetter: true,
      deltas: binary.map((m) => delta(m, metricLabel(m.metric))),
    },
  ];
  const equivalence = cmp.slices.filter((s) => s.metric === "equivalent");
  if (equivalence.length > 0)
    sections.push({
      kind: "deltas",
      title: "Equivalence, paired differences by request kind",
      metric: "rate difference",
      format: "percent",
      runId: current,
      baselineRunId: baseline,
      higherIsBetter: true,
      deltas: equivalence.map((m) => delta(m, m.slice ?? "all")),
    });
  return sections;
}

/**
 * The report of one benchmark run, or of run B against run A when a comparison is given:
 * headline rates and means with intervals, per-slice bars, paired deltas, every example.
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
  const title =
    against === undefined
      ? equivalence === undefined
        ? `${run.model} on ${run.summary.examples} examples`
        : `${run.model} builds an equivalent workflow for ${Math.round(equivalence.rate * 100)}% of requests`
      : `${run.model} against ${against.baseline.model} on ${against.comparison.metrics[0]?.comparison.n ?? 0} paired examples`;
  const sections: ReportSection[] = [
    {
      kind: "headline",
      title: "Headline metrics",
      metrics: headline(run, against?.baseline),
    },
    sliceBars(
      against === undefined ? [run] : [run, against.baseline],
      "equivalent",
    ),
    ...(against === undefined
      ? []
      : deltas(against.comparison, current.id, base?.id ?? "")),
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
