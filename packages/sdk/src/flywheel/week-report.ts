import { renderHtmlReport } from "../report/render-html-report.js";
import type {
  HeadlineMetric,
  Report,
  SliceBar,
} from "../report/report-model.js";
import type { FlywheelAttention } from "./flywheel-dataset.js";
import { routes } from "./route-conversation.js";
import type { FlywheelWeek } from "./run-flywheel-week.js";

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/**
 * The week's report as data: where the conversations went and why, which facets gated and
 * why the others did not, the judge pass rate per slice, each slice's share of the
 * failures, the gaps with the data to add, and the lines a person should look at (the
 * first of them; `flywheelWeekAttention`). Same summary and lines → same report (no clock is read).
 */
export function flywheelWeekReport(
  week: FlywheelWeek,
  attention: FlywheelAttention = { lines: [], more: 0 },
): Report {
  const all = week.slices.slices.find((s) => s.key === "all");
  const pass = all?.metrics["judge_pass"];
  const activated = all?.metrics["activated"];
  const judged = all?.n ?? 0;
  const gap = week.gaps[0];
  const headline: HeadlineMetric[] = [
    ...(pass === undefined
      ? []
      : [
          {
            label: "judge pass (gating facets)",
            format: "percent" as const,
            estimate: {
              value: pass.value,
              ...(pass.interval === null ? {} : { interval: pass.interval }),
            },
            count: pass.n,
            higherIsBetter: true,
          },
        ]),
    ...(activated === undefined
      ? []
      : [
          {
            label: "activated (conversations with a workflow)",
            format: "percent" as const,
            estimate: {
              value: activated.value,
              ...(activated.interval === null
                ? {}
                : { interval: activated.interval }),
            },
            count: activated.n,
            higherIsBetter: true,
          },
        ]),
    {
      label: "rows added to training",
      format: "integer",
      estimate: { value: week.rowsAdded },
    },
    {
      label: "quarantined lines",
      format: "integer",
      estimate: { value: week.routeCounts.quarantine },
      higherIsBetter: false,
    },
  ];
  const reasons = Object.entries(week.reasonCounts).filter(([, n]) => n > 0);
  const flagged = week.gating.gates.filter(
    (g) => g.basis === "flagged" || g.basis === "not-calibrated",
  );
  const bars: SliceBar[] = week.slices.slices.flatMap((s) => {
    const m = s.metrics["judge_pass"];
    return m === undefined
      ? []
      : [
          {
            name: s.key,
            values: [
              {
                runId: week.week,
                estimate: {
                  value: m.value,
                  ...(m.interval === null ? {} : { interval: m.interval }),
                },
                count: m.n,
              },
            ],
          },
        ];
  });
  const totalFailures = pass?.failures ?? 0;
  return {
    header: {
      title:
        gap === undefined
          ? `${week.week}: ${week.rowsAdded} conversations added to training, no weak slice`
          : `${week.week}: ${gap.slice} is the weakest slice (${percent(gap.metricValue)} judge pass against ${percent(gap.overall)} overall)`,
      scope: { kind: "week", week: week.week },
      model: "production assistant",
      judge: {
        model: week.judge.model,
        version: week.judge.promptVersion,
        promptHash: week.judge.promptSha256,
      },
      dataset: {
        name: week.datasetName,
        version: String(week.datasetVersion),
      },
      facts: [
        {
          label: "parent version",
          value:
            week.parentVersion === null ? "none" : String(week.parentVersion),
        },
        { label: "rows in the version", value: String(week.rowCount) },
        { label: "conversations judged", value: String(judged) },
        {
          label: "gating facets",
          value: week.gating.facets.join(", ") || "none",
        },
        {
          label: "judge samples per conversation",
          value: String(week.judge.samples ?? 1),
        },
        { label: "input sha256", value: week.inputSha256 },
      ],
    },
    runs: [{ id: week.week, label: week.week }],
    sections: [
      { kind: "headline", title: "The week", metrics: headline },
      {
        kind: "notes",
        title: "Which judge facets gate routing",
        tone: flagged.length > 0 ? "warning" : "info",
        paragraphs: [
          week.gating.calibratedJudge === null
            ? "No calibration was given: the facets chosen to gate were not checked against human labels."
            : `Calibrated against human labels for ${week.gating.calibratedJudge.model} (prompt sha256 ${week.gating.calibratedJudge.promptSha256}). A facet the calibration flags does not gate: its verdicts are recorded but do not move a conversation.`,
          ...week.gating.gates.map(
            (g) =>
              `${g.facet}: ${g.gates ? "gates" : "does not gate"} — ${g.reason}.`,
          ),
        ],
      },
      {
        kind: "table",
        title: "Routes",
        columns: [{ label: "route" }, { label: "lines", format: "integer" }],
        rows: routes.map((r) => [r, week.routeCounts[r]]),
      },
      {
        kind: "table",
        title: "Reasons",
        columns: [
          { label: "reason code" },
          { label: "lines", format: "integer" },
        ],
        rows: reasons
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([r, n]) => [r, n]),
      },
      {
        kind: "table",
        title: "Gaps: add data like this",
        columns: [
          { label: "slice (the tag to collect)" },
          { label: "conversations", format: "integer" },
          { label: "judge pass", format: "percent" },
          { label: "overall", format: "percent" },
          { label: "examples to add", format: "integer" },
        ],
        rows: week.gaps.map((g) => [
          g.slice,
          g.n,
          g.metricValue,
          g.overall,
          g.suggestedExamples,
        ]),
      },
      {
        kind: "slice-bars",
        title: "Judge pass per slice",
        metric: "judge pass",
        format: "percent",
        runIds: [week.week],
        slices: bars,
        higherIsBetter: true,
      },
      {
        kind: "failure-share",
        title: "Share of the judge failures",
        slices: week.failureShares.map((f) => ({
          name: f.slice,
          failures: f.failures,
        })),
        totalFailures,
      },
      {
        kind: "notes",
        title: "Reading the shares",
        paragraphs: [
          "A conversation is in every slice its tags put it in, so a failed email workflow with a condition counts for email and for its condition pattern: shares across slices add up to more than 100%.",
        ],
      },
      {
        kind: "table",
        title:
          attention.more === 0
            ? "Lines to look at (human review and quarantine)"
            : `Lines to look at (human review and quarantine): the first ${attention.lines.length}, ${attention.more} more in decisions.jsonl`,
        columns: [
          { label: "line", format: "integer" },
          { label: "conversation" },
          { label: "request" },
          { label: "route" },
          { label: "reason" },
          { label: "detail" },
        ],
        rows: attention.lines.map((d) => [
          d.line,
          d.conversationId,
          d.requestKind,
          d.route,
          d.reason,
          d.message,
        ]),
      },
    ],
  };
}

/** The week's report as one self-contained HTML page. */
export function renderFlywheelWeekHtml(
  week: FlywheelWeek,
  attention?: FlywheelAttention,
): string {
  return renderHtmlReport(flywheelWeekReport(week, attention));
}
