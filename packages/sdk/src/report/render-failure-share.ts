import { LABEL, TOP, WIDTH, topAxis } from "./bar-chart-parts.js";
import { linearScale, px } from "./chart-scale.js";
import { escapeHtml, truncate } from "./escape-html.js";
import { formatCount, formatTick, formatValue } from "./format-value.js";
import type { FailureShareSection } from "./report-model.js";
import {
  MAX_CHART_ROWS,
  shortName,
  byText,
  chartTable,
  dataTable,
  empty,
  finding,
  note,
  svgChart,
  type SectionContext,
} from "./report-parts.js";

const RIGHT = 150;
const ROW = 24;

/** A slice's share of all failures; NaN when there are no failures to share. */
function share(failures: number, total: number): number {
  return total > 0 ? failures / total : Number.NaN;
}

export function renderFailureShare(
  section: FailureShareSection,
  context: SectionContext,
): string {
  if (section.slices.length === 0) return empty("failures");
  const total = section.totalFailures;
  const sorted = [...section.slices].sort((a, b) => {
    const d =
      (Number.isFinite(b.failures) ? b.failures : -1) -
      (Number.isFinite(a.failures) ? a.failures : -1);
    return d !== 0 ? d : byText(a.name, b.name);
  });
  const shown = sorted.slice(0, MAX_CHART_ROWS);
  const height = TOP + shown.length * ROW + 6;
  const shares = shown.map((s) => share(s.failures, total));
  const scale = linearScale(
    shares,
    [0],
    [LABEL, WIDTH - RIGHT],
    [
      0,
      Math.min(
        1,
        Math.max(
          0.1,
          Math.ceil(Math.max(0, ...shares.filter(Number.isFinite)) * 10) / 10,
        ),
      ),
    ],
  );
  const axis = topAxis(scale, TOP, height - 6, (t) => formatTick(t, "percent"));
  const rows = shown.map((s, i) => {
    const y = TOP + i * ROW;
    const part = share(s.failures, total);
    const label = `${formatValue(part, "percent")} (${formatCount(s.failures)})`;
    const bar = Number.isFinite(part)
      ? `<rect class="bar share" x="${LABEL}" y="${y + 5}" width="${px(Math.max(1, scale.at(part) - LABEL))}" height="14"/>`
      : "";
    const end = Number.isFinite(part) ? scale.at(part) : LABEL;
    return `<g class="row"><title>${escapeHtml(`${s.name}: ${formatCount(s.failures)} of ${formatCount(total)} failures (${formatValue(part, "percent")})`)}</title><text class="label" x="${LABEL - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(truncate(s.name, 27))}</text>${bar}<text class="value" x="${px(end + 6)}" y="${y + 16}">${escapeHtml(label)}</text></g>`;
  });
  const top = sorted[0];
  const sentence =
    top === undefined
      ? ""
      : `${shortName(top.name)} accounts for ${escapeHtml(formatValue(share(top.failures, total), "percent"))} of all ${escapeHtml(formatCount(total))} failures.`;
  const chart = svgChart(
    `${context.id}-chart`,
    WIDTH,
    height,
    "Share of all failures by slice",
    `Horizontal bars, largest share first; ${section.slices.length} slices, ${formatCount(total)} failures in all.`,
    `${axis}\n${rows.join("\n")}`,
  );
  const table = dataTable(
    "Failures by slice",
    ["Slice", "Failures", "Share of all failures"],
    sorted.map((s) => {
      const part = share(s.failures, total);
      return [
        { text: s.name },
        { text: formatCount(s.failures), sort: s.failures },
        { text: formatValue(part, "percent"), sort: part },
      ];
    }),
  );
  const cut =
    sorted.length > shown.length
      ? note(
          `The chart shows the ${shown.length} largest of ${escapeHtml(formatCount(sorted.length))} slices; the data table lists all of them.`,
        )
      : "";
  return `${finding(sentence)}${note("Slices can overlap (a workflow can both send email and loop), so shares need not add up to 100%.")}${cut}${chart}${chartTable(table, sorted.length)}`;
}
