import { createHash } from "node:crypto";
import { formatJsonPath } from "@flowpy/transpiler";
import { checkReport } from "./check-report.js";
import { escapeHtml } from "./escape-html.js";
import type {
  Report,
  ReportHeader,
  ReportSection,
  ReportSectionKind,
} from "./report-model.js";
import { bdi, legend, type SectionContext } from "./report-parts.js";
import { reportCss, reportScript } from "./report-style.js";
import { renderConfusionMatrices } from "./render-confusion-matrices.js";
import { renderDeltas } from "./render-deltas.js";
import { renderFailureShare } from "./render-failure-share.js";
import { renderHeadline } from "./render-headline.js";
import { renderHistogram } from "./render-histogram.js";
import { renderNotes } from "./render-notes.js";
import { renderSliceBars } from "./render-slice-bars.js";
import { renderTable } from "./render-table.js";

type SectionRenderers = {
  readonly [K in ReportSectionKind]: (
    section: Extract<ReportSection, { kind: K }>,
    context: SectionContext,
  ) => string;
};

const sectionRenderers: SectionRenderers = {
  headline: renderHeadline,
  "slice-bars": renderSliceBars,
  "failure-share": renderFailureShare,
  "confusion-matrices": renderConfusionMatrices,
  deltas: renderDeltas,
  histogram: renderHistogram,
  table: renderTable,
  notes: renderNotes,
};

/** Every section kind the renderer draws (the keys of its exhaustive handler table). */
export const reportSectionKinds = Object.keys(
  sectionRenderers,
) as readonly ReportSectionKind[];

function base64Sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("base64");
}

function renderSection(
  section: ReportSection,
  index: number,
  report: Report,
): string {
  const context: SectionContext = { id: `s${index + 1}`, runs: report.runs };
  // The table is keyed by kind, so this lookup always pairs a section with its own renderer.
  const render = sectionRenderers[section.kind] as (
    s: ReportSection,
    c: SectionContext,
  ) => string;
  return `<section id="${context.id}" class="kind-${section.kind}" data-kind="${section.kind}" aria-labelledby="${context.id}-h">\n<h2 id="${context.id}-h">${escapeHtml(section.title)}</h2>\n${render(section, context)}\n</section>`;
}

function renderHeader(header: ReportHeader, report: Report): string {
  const scope =
    header.scope.kind === "run"
      ? `Benchmark run ${header.scope.runId}`
      : `Flywheel week ${header.scope.week}`;
  const facts: (readonly [string, string])[] = [
    ["Model", header.model],
    ...(header.judge === undefined
      ? []
      : ([
          ["Judge", `${header.judge.model} · ${header.judge.version}`],
          ["Judge prompt", `sha256 ${header.judge.promptHash}`],
        ] as const)),
    ...(header.dataset === undefined
      ? []
      : ([
          ["Dataset", `${header.dataset.name} ${header.dataset.version}`],
        ] as const)),
    ...(header.generatedAt === undefined
      ? []
      : ([["Generated", header.generatedAt]] as const)),
    ...(header.facts ?? []).map((f) => [f.label, f.value] as const),
  ];
  const identity = facts
    .map(
      ([label, value]) =>
        `<div><dt>${escapeHtml(label)}</dt><dd>${bdi(value)}</dd></div>`,
    )
    .join("");
  const context: SectionContext = { id: "header", runs: report.runs };
  const runs =
    report.runs.length === 0
      ? ""
      : `<p class="muted">Runs in this report (each keeps its colour in every chart):</p>${legend(
          context,
          report.runs.map((r) => r.id),
        )}`;
  return `<header>\n<p class="eyebrow">${escapeHtml(scope)}</p>\n<h1>${escapeHtml(header.title)}</h1>\n<dl class="identity">${identity}</dl>\n${runs}\n</header>`;
}

function renderProblems(report: Report): string {
  const problems = checkReport(report);
  if (problems.length === 0) return "";
  const items = problems
    .map(
      (d) =>
        `<li><code>${escapeHtml(d.code)}</code> at <code>${escapeHtml(formatJsonPath(d.path ?? []))}</code>: ${escapeHtml(d.message)}</li>`,
    )
    .join("\n");
  return `<div class="problems" role="note"><p><strong>The data behind this report has ${problems.length} ${problems.length === 1 ? "problem" : "problems"}.</strong> Affected values show as n/a or in a neutral colour.</p><ul>\n${items}\n</ul></div>`;
}

function renderContents(report: Report): string {
  if (report.sections.length < 4) return "";
  const items = report.sections
    .map((s, i) => `<li><a href="#s${i + 1}">${escapeHtml(s.title)}</a></li>`)
    .join("");
  return `<nav class="contents" aria-label="Contents"><ol>${items}</ol></nav>`;
}

function renderFootnotes(report: Report): string {
  const notes = report.footnotes ?? [];
  const list =
    notes.length === 0
      ? ""
      : `<ol>${notes.map((n) => `<li dir="auto">${escapeHtml(n)}</li>`).join("")}</ol>`;
  return `<footer>${list}<p>Rendered by @flowpy/sdk from the report data alone; intervals are as computed by the statistics layer.</p></footer>`;
}

/**
 * One self-contained HTML page for a report: inline CSS and SVG, a few lines of inline script
 * for sortable tables, nothing fetched. The same report always gives the same bytes.
 */
export function renderHtmlReport(report: Report): string {
  const policy = [
    "default-src 'none'",
    `style-src 'sha256-${base64Sha256(reportCss)}'`,
    `script-src 'sha256-${base64Sha256(reportScript)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    `<title>${escapeHtml(report.header.title)}</title>`,
    `<style>${reportCss}</style>`,
    "</head>",
    "<body>",
    renderHeader(report.header, report),
    "<main>",
    renderProblems(report),
    renderContents(report),
    ...report.sections.map((s, i) => renderSection(s, i, report)),
    "</main>",
    renderFootnotes(report),
    `<script>${reportScript}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
