/**
 * Report data for the tests and the checked-in golden page: a realistic weekly comparison, a
 * report whose every string is hostile, a huge one and an empty one. Deterministic: the huge
 * report's numbers come from a fixed formula, not a random source.
 */
import type {
  Report,
  ReportSection,
  ReportSectionKind,
  SliceValue,
} from "../../src/index.js";

const current = "run-2026-11-20";
const previous = "run-2026-11-13";

/** A pass rate with a ±5 point interval, as the statistics layer would hand it over. */
function sliceValue(runId: string, value: number, count: number): SliceValue {
  return {
    runId,
    estimate: {
      value,
      interval: {
        low: value - 0.05,
        high: Math.min(1, value + 0.05),
        level: 0.95,
      },
    },
    count,
  };
}

export const sampleReport: Report = {
  header: {
    title:
      "Fine-tuned v7 beats v6 overall, but email workflows still cause a quarter of failures",
    scope: { kind: "run", runId: current },
    model: "flowpy-qwen3-8b-sft-v7",
    judge: {
      model: "judge-qwen3-32b",
      version: "facets-v3",
      promptHash:
        "9f2c4e1ab07d53c6e8a1f4b2d9c07e6a5b3f1d8c2e4a6b9d0f7c5e3a1b2d4c6e",
    },
    dataset: { name: "flow-eval", version: "2026.11.2" },
    generatedAt: "2026-11-20T06:00:00Z",
    facts: [
      { label: "Eval set", value: "1,200 conversations" },
      { label: "Seed", value: "17" },
    ],
  },
  runs: [
    { id: current, label: "v7 (this run)", model: "flowpy-qwen3-8b-sft-v7" },
    { id: previous, label: "v6 (last week)", model: "flowpy-qwen3-8b-sft-v6" },
  ],
  sections: [
    {
      kind: "headline",
      title: "Execution equivalence rose 4.1 points; latency is flat",
      metrics: [
        {
          label: "Compiles with zero diagnostics",
          format: "percent",
          estimate: {
            value: 0.914,
            interval: { low: 0.897, high: 0.929, level: 0.95 },
          },
          count: 1200,
          baseline: { runId: previous, value: 0.902 },
        },
        {
          label: "Execution-equivalent to reference",
          format: "percent",
          estimate: {
            value: 0.781,
            interval: { low: 0.757, high: 0.804, level: 0.95 },
          },
          count: 1200,
          baseline: { runId: previous, value: 0.74 },
        },
        {
          label: "Median end-to-end latency",
          format: "milliseconds",
          estimate: {
            value: 2840,
            interval: { low: 2710, high: 2990, level: 0.95 },
          },
          higherIsBetter: false,
          baseline: { runId: previous, value: 2810 },
        },
        {
          label: "Cost per conversation",
          format: "usd",
          estimate: { value: 0.0042 },
          higherIsBetter: false,
        },
      ],
    },
    {
      kind: "slice-bars",
      title: "Email and editing are the weakest slices; email regressed",
      metric: "execution equivalence",
      format: "percent",
      runIds: [current, previous],
      slices: [
        ["create", 0.84, 0.8, 610, false],
        ["edit", 0.58, 0.55, 220, false],
        ["question", 0.93, 0.94, 140, false],
        ["email", 0.52, 0.61, 180, true],
        ["condition patterns", 0.69, 0.64, 260, false],
        ["loops (for each)", 0.74, 0.7, 90, false],
        ["third-party: Klaviyo", 0.66, 0.67, 45, false],
        ["Liquid templates", 0.71, 0.66, 300, false],
      ].map(([name, a, b, n, regressed]) => ({
        name: name as string,
        values: [
          sliceValue(current, a as number, n as number),
          sliceValue(previous, b as number, n as number),
        ],
        regressed: regressed as boolean,
      })),
    },
    {
      kind: "failure-share",
      title: "Email workflows are 25% of all failures, condition patterns 16%",
      totalFailures: 263,
      slices: [
        { name: "email", failures: 66 },
        { name: "condition patterns", failures: 42 },
        { name: "edit", failures: 92 },
        { name: "Liquid templates", failures: 87 },
        { name: "third-party: Klaviyo", failures: 15 },
        { name: "question", failures: 10 },
      ],
    },
    {
      kind: "confusion-matrices",
      title:
        "The judge agrees with people on four facets; 'configured correctly' does not gate",
      facets: [
        {
          facet: "understood the intent",
          labels: ["fail", "pass"],
          counts: [
            [41, 9],
            [6, 144],
          ],
          kappa: {
            value: 0.79,
            interval: { low: 0.69, high: 0.87, level: 0.95 },
          },
          requiredKappa: 0.6,
          gating: true,
          baseRate: 0.75,
        },
        {
          facet: "configured correctly",
          labels: ["fail", "pass"],
          counts: [
            [30, 28],
            [22, 120],
          ],
          kappa: {
            value: 0.41,
            interval: { low: 0.28, high: 0.54, level: 0.95 },
          },
          requiredKappa: 0.6,
          gating: false,
          baseRate: 0.71,
        },
        {
          facet: "next steps are clear",
          labels: ["poor", "fair", "good"],
          counts: [
            [18, 6, 1],
            [5, 40, 12],
            [1, 9, 108],
          ],
          kappa: {
            value: 0.74,
            interval: { low: 0.66, high: 0.81, level: 0.95 },
          },
          weighted: true,
          requiredKappa: 0.6,
          gating: true,
        },
      ],
    },
    {
      kind: "deltas",
      title:
        "v7 is significantly better on create and Liquid, significantly worse on email",
      metric: "execution equivalence",
      format: "percent",
      runId: current,
      baselineRunId: previous,
      deltas: [
        {
          name: "create",
          delta: { value: 0.04, interval: { low: 0.012, high: 0.068 } },
          significant: true,
          count: 610,
        },
        {
          name: "edit",
          delta: { value: 0.03, interval: { low: -0.02, high: 0.08 } },
          significant: false,
          count: 220,
        },
        {
          name: "email",
          delta: { value: -0.09, interval: { low: -0.15, high: -0.03 } },
          significant: true,
          count: 180,
        },
        {
          name: "question",
          delta: { value: -0.01, interval: { low: -0.04, high: 0.02 } },
          significant: false,
          count: 140,
        },
        {
          name: "Liquid templates",
          delta: { value: 0.05, interval: { low: 0.01, high: 0.09 } },
          significant: true,
          count: 300,
        },
      ],
    },
    {
      kind: "histogram",
      title:
        "Most conversations finish in 2–4 seconds; a tail passes 8 seconds",
      quantity: "end-to-end latency",
      format: "milliseconds",
      series: [
        {
          runId: current,
          bins: [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000].map(
            (low, i) => ({
              low,
              high: low + 1000,
              count: [12, 140, 420, 380, 130, 60, 25, 15, 12, 6][i] ?? 0,
            }),
          ),
        },
        {
          runId: previous,
          bins: [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000].map(
            (low, i) => ({
              low,
              high: low + 1000,
              count: [10, 150, 400, 390, 140, 55, 28, 14, 9, 4][i] ?? 0,
            }),
          ),
        },
      ],
      markers: [
        { label: "p50", value: 2840 },
        { label: "p95", value: 6900 },
      ],
    },
    {
      kind: "table",
      title: "Turns per conversation",
      columns: [
        { label: "Request kind" },
        { label: "Conversations", format: "integer" },
        { label: "Mean turns", format: "number" },
        { label: "Share ending in a submitted workflow", format: "percent" },
      ],
      rows: [
        ["create", 610, 4.2, 0.91],
        ["edit", 220, 5.6, 0.78],
        ["question", 140, 1.3, null],
        ["email", 180, 5.1, 0.72],
      ],
    },
    {
      kind: "notes",
      title: "What to add next week",
      tone: "warning",
      paragraphs: [
        "Add about 150 email set-up conversations (subject and body Liquid with order fields); the email slice regressed by 9 points.",
        "The judge's 'configured correctly' facet is below the agreement bar (κ 0.41 < 0.60); it is reported but does not gate routing until its prompt is revised.",
      ],
    },
  ],
  footnotes: [
    "Intervals are 95% percentile bootstrap intervals over conversations (2,000 resamples, seed 17).",
    "A slice regressed when its paired difference is significant and negative after Holm correction.",
  ],
};

/** One section of each kind with every string replaced by `hostile` (kinds in handler order). */
export function hostileReport(hostile: string): Report {
  const runA = `${hostile}-a`;
  const runB = `${hostile}-b`;
  const sections: {
    readonly [K in ReportSectionKind]: Extract<ReportSection, { kind: K }>;
  } = {
    headline: {
      kind: "headline",
      title: hostile,
      metrics: [
        {
          label: hostile,
          format: "percent",
          estimate: { value: 0.5, interval: { low: 0.4, high: 0.6 } },
          baseline: { runId: runB, value: 0.45 },
        },
      ],
    },
    "slice-bars": {
      kind: "slice-bars",
      title: hostile,
      metric: hostile,
      format: "number",
      runIds: [runA, runB],
      slices: [
        {
          name: hostile,
          values: [
            {
              runId: runA,
              estimate: { value: 2, interval: { low: 1, high: 3 } },
              count: 5,
            },
            { runId: runB, estimate: { value: 3 }, count: 5 },
          ],
          regressed: true,
        },
        {
          name: `${hostile}${hostile}`,
          values: [{ runId: runA, estimate: { value: 1 }, count: 1 }],
        },
      ],
    },
    "failure-share": {
      kind: "failure-share",
      title: hostile,
      totalFailures: 10,
      slices: [{ name: hostile, failures: 4 }],
    },
    "confusion-matrices": {
      kind: "confusion-matrices",
      title: hostile,
      facets: [
        {
          facet: hostile,
          labels: [hostile, `${hostile}2`],
          counts: [
            [3, 1],
            [2, 4],
          ],
          kappa: { value: 0.4 },
          requiredKappa: 0.6,
          gating: false,
        },
      ],
    },
    deltas: {
      kind: "deltas",
      title: hostile,
      metric: hostile,
      format: "percent",
      runId: runA,
      baselineRunId: runB,
      deltas: [
        {
          name: hostile,
          delta: { value: -0.1, interval: { low: -0.2, high: 0 } },
          significant: true,
        },
      ],
    },
    histogram: {
      kind: "histogram",
      title: hostile,
      quantity: hostile,
      format: "number",
      series: [{ runId: runA, bins: [{ low: 0, high: 1, count: 3 }] }],
      markers: [{ label: hostile, value: 0.5 }],
    },
    table: {
      kind: "table",
      title: hostile,
      columns: [{ label: hostile }, { label: hostile, format: "percent" }],
      rows: [[hostile, 0.5]],
    },
    notes: { kind: "notes", title: hostile, paragraphs: [hostile] },
  };
  return {
    header: {
      title: hostile,
      scope: { kind: "week", week: hostile },
      model: hostile,
      judge: { model: hostile, version: hostile, promptHash: hostile },
      dataset: { name: hostile, version: hostile },
      generatedAt: hostile,
      facts: [{ label: hostile, value: hostile }],
    },
    runs: [
      { id: runA, label: hostile, model: hostile },
      { id: runB, label: `${hostile} (b)` },
    ],
    sections: Object.values(sections),
    footnotes: [hostile],
  };
}

/** A report at the scale of a real slice analysis: 1,000 slices in every list-like section. */
export function hugeReport(size = 1000): Report {
  const at = (i: number, salt: number): number =>
    ((i * 7919 + salt * 104729) % 1000) / 1000;
  const names = Array.from(
    { length: size },
    (_, i) => `slice ${String(i).padStart(4, "0")} ${"x".repeat(i % 40)}`,
  );
  return {
    header: {
      title: `${size} slices`,
      scope: { kind: "run", runId: "huge" },
      model: "m",
    },
    runs: [
      { id: "a", label: "A" },
      { id: "b", label: "B" },
    ],
    sections: [
      {
        kind: "slice-bars",
        title: "Slices",
        metric: "pass rate",
        format: "percent",
        runIds: ["a", "b"],
        slices: names.map((name, i) => ({
          name,
          values: [
            {
              runId: "a",
              estimate: {
                value: at(i, 1),
                interval: {
                  low: at(i, 1) * 0.9,
                  high: Math.min(1, at(i, 1) * 1.1),
                },
              },
              count: 10 + (i % 90),
            },
            { runId: "b", estimate: { value: at(i, 2) }, count: 10 + (i % 90) },
          ],
          regressed: i % 97 === 0,
        })),
      },
      {
        kind: "failure-share",
        title: "Failures",
        totalFailures: size * 50,
        slices: names.map((name, i) => ({
          name,
          failures: Math.round(at(i, 3) * 100),
        })),
      },
      {
        kind: "deltas",
        title: "Deltas",
        metric: "pass rate",
        format: "percent",
        runId: "a",
        baselineRunId: "b",
        deltas: names.map((name, i) => ({
          name,
          delta: {
            value: at(i, 4) - 0.5,
            interval: { low: at(i, 4) - 0.6, high: at(i, 4) - 0.4 },
          },
          significant: i % 3 === 0,
        })),
      },
      {
        kind: "histogram",
        title: "Turns",
        quantity: "turns",
        format: "integer",
        series: [
          {
            runId: "a",
            bins: names.map((_, i) => ({
              low: i,
              high: i + 1,
              count: Math.round(at(i, 5) * 50),
            })),
          },
        ],
      },
      {
        kind: "table",
        title: "All slices",
        columns: [
          { label: "Slice" },
          { label: "Pass rate", format: "percent" },
        ],
        rows: names.map((name, i) => [name, at(i, 1)]),
      },
    ],
  };
}

/** A report whose sections all have nothing in them. */
export const emptyReport: Report = {
  header: {
    title: "Nothing measured yet",
    scope: { kind: "week", week: "2026-W48" },
    model: "m",
  },
  runs: [
    { id: "a", label: "A" },
    { id: "b", label: "B" },
  ],
  sections: [
    { kind: "headline", title: "Headline", metrics: [] },
    {
      kind: "slice-bars",
      title: "Slices",
      metric: "pass rate",
      format: "percent",
      runIds: [],
      slices: [],
    },
    { kind: "failure-share", title: "Failures", totalFailures: 0, slices: [] },
    { kind: "confusion-matrices", title: "Calibration", facets: [] },
    {
      kind: "deltas",
      title: "Deltas",
      metric: "pass rate",
      format: "percent",
      runId: "a",
      baselineRunId: "b",
      deltas: [],
    },
    {
      kind: "histogram",
      title: "Latency",
      quantity: "latency",
      format: "milliseconds",
      series: [],
    },
    { kind: "table", title: "Table", columns: [], rows: [] },
    { kind: "notes", title: "Notes", paragraphs: [] },
  ],
};
