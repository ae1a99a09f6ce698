/**
 * STAND-IN for `src/report/` (the report part, not yet on main): the week's report as a
 * self-contained HTML page (inline CSS and SVG, no scripts, no external resources).
 * Replaced by a `Report` model rendered with `renderHtmlReport` once that lands.
 */
import type { FlywheelWeek } from "./run-flywheel-week.js";
import { routes } from "./route-conversation.js";

function escape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function percent(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const head = headers.map((h) => `<th>${escape(h)}</th>`).join("");
  const body = rows
    .map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join("")}</tr>`)
    .join("\n");
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Horizontal bars of the judge pass rate per slice, with Wilson intervals as whiskers. */
function sliceBars(week: FlywheelWeek): string {
  const slices = week.slices.slices.filter(
    (s) => s.metrics["judge_pass"] !== undefined,
  );
  const rowHeight = 18;
  const label = 260;
  const width = 420;
  const height = slices.length * rowHeight + 10;
  const bars = slices
    .map((s, i) => {
      const m = s.metrics["judge_pass"];
      if (m === undefined) return "";
      const y = i * rowHeight + 5;
      const low = m.interval?.low ?? m.value;
      const high = m.interval?.high ?? m.value;
      return [
        `<text x="${label - 6}" y="${y + 12}" text-anchor="end">${escape(s.key)} (n=${m.n})</text>`,
        `<rect x="${label}" y="${y + 2}" width="${(m.value * width).toFixed(1)}" height="12" fill="#4a7bd0"><title>${escape(`${s.key}: ${percent(m.value)}`)}</title></rect>`,
        `<line x1="${(label + low * width).toFixed(1)}" x2="${(label + high * width).toFixed(1)}" y1="${y + 8}" y2="${y + 8}" stroke="#222"/>`,
      ].join("");
    })
    .join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${label + width + 20}" height="${height}" font-size="11" role="img" aria-label="judge pass rate per slice">\n${bars}\n</svg>`;
}

/** The week's report: routes, reasons, weak slices with suggested data, failure shares, decisions. */
export function renderFlywheelWeekHtml(week: FlywheelWeek): string {
  const reasons = new Map<string, number>();
  for (const d of week.decisions)
    reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1);
  const sections = [
    `<h1>Flywheel ${escape(week.week)}</h1>`,
    `<p>Dataset <b>${escape(week.datasetName)}</b> version ${week.datasetVersion} (parent ${week.parentVersion ?? "none"}): ${week.rowsAdded} rows added, ${week.rowCount} in all. Judge ${escape(week.judge.model ?? week.judge.id)} ${escape(week.judge.promptVersion ?? "")} ${escape((week.judge.promptSha256 ?? "").slice(0, 12))}; gating facets: ${escape(week.gatingFacets.join(", ") || "none")}.</p>`,
    "<h2>Routes</h2>",
    table(
      ["route", "conversations"],
      routes.map((r) => [r, String(week.routeCounts[r])]),
    ),
    table(
      ["reason", "conversations"],
      [...reasons]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([r, n]) => [r, String(n)]),
    ),
    "<h2>Gaps: add data like this</h2>",
    week.gaps.length === 0
      ? "<p>No slice is significantly below the week's pass rate.</p>"
      : table(
          ["slice", "n", "pass rate", "overall", "suggested examples"],
          week.gaps.map((g) => [
            g.slice,
            String(g.n),
            percent(g.metricValue),
            percent(g.overall),
            String(g.suggestedExamples),
          ]),
        ),
    "<h2>Judge pass rate per slice</h2>",
    sliceBars(week),
    "<h2>Share of judge failures</h2>",
    "<p>A conversation in several slices counts in each, so shares add up to more than 100% across dimensions.</p>",
    table(
      ["slice", "failures", "share"],
      week.failureShares.map((f) => [
        f.slice,
        String(f.failures),
        percent(f.share),
      ]),
    ),
    "<h2>Decisions</h2>",
    table(
      ["line", "conversation", "kind", "route", "reason", "detail"],
      week.decisions.map((d) => [
        String(d.line),
        d.conversationId ?? "",
        d.requestKind ?? "",
        d.route,
        d.reason,
        d.message,
      ]),
    ),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Flywheel ${escape(week.week)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;font-size:.85rem}</style>
</head><body>
${sections.join("\n")}
</body></html>
`;
}
