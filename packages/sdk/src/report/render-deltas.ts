import { LABEL, TOP, WIDTH, topAxis, whisker } from "./bar-chart-parts.js";
import { linearScale, px } from "./chart-scale.js";
import { escapeHtml, truncate } from "./escape-html.js";
import {
  formatCount,
  formatDelta,
  formatInterval,
  formatTick,
} from "./format-value.js";
import type { DeltasSection, PairedDelta } from "./report-model.js";
import {
  MAX_CHART_ROWS,
  shortName,
  byText,
  chartTable,
  dataTable,
  empty,
  finding,
  note,
  runLabel,
  svgChart,
  type SectionContext,
} from "./report-parts.js";

const RIGHT = 120;
const ROW = 24;

type Direction = "better" | "worse" | "same";

function direction(d: PairedDelta, higherIsBetter: boolean): Direction {
  const v = d.delta.value;
  if (!Number.isFinite(v) || v === 0) return "same";
  return v > 0 === higherIsBetter ? "better" : "worse";
}

export function renderDeltas(
  section: DeltasSection,
  context: SectionContext,
): string {
  if (section.deltas.length === 0) return empty("differences");
  const higher = section.higherIsBetter ?? true;
  // Worst change first, so the chart reads from the regressions down to the gains.
  const key = (d: PairedDelta): number =>
    Number.isFinite(d.delta.value)
      ? higher
        ? d.delta.value
        : -d.delta.value
      : Number.POSITIVE_INFINITY;
  const sorted = [...section.deltas].sort(
    (a, b) => key(a) - key(b) || byText(a.name, b.name),
  );
  const shown =
    sorted.length <= MAX_CHART_ROWS
      ? sorted
      : [...sorted]
          .sort(
            (a, b) =>
              (Number.isFinite(b.delta.value) ? Math.abs(b.delta.value) : -1) -
                (Number.isFinite(a.delta.value)
                  ? Math.abs(a.delta.value)
                  : -1) || byText(a.name, b.name),
          )
          .slice(0, MAX_CHART_ROWS)
          .sort((a, b) => key(a) - key(b) || byText(a.name, b.name));
  const extent = Math.max(
    ...shown.flatMap((d) =>
      [d.delta.value, d.delta.interval?.low ?? 0, d.delta.interval?.high ?? 0]
        .filter(Number.isFinite)
        .map(Math.abs),
    ),
    0,
  );
  const scale = linearScale([-extent, extent], [0], [LABEL, WIDTH - RIGHT]);
  const height = TOP + shown.length * ROW + 6;
  const zero = scale.at(0);
  const axis = topAxis(scale, TOP, height - 6, (t) =>
    formatTick(t, section.format, true),
  );
  const rows = shown.map((d, i) => {
    const y = TOP + i * ROW;
    const mid = y + 12;
    const dir = direction(d, higher);
    const v = d.delta.value;
    const iv = d.delta.interval;
    const text = `${formatDelta(v, section.format)}${d.significant ? " *" : ""}`;
    const end = Number.isFinite(v) ? scale.at(v) : zero;
    const bar = Number.isFinite(v)
      ? `<rect class="bar ${dir}${d.significant ? "" : " ns"}" x="${px(Math.min(zero, end))}" y="${y + 5}" width="${px(Math.max(1, Math.abs(end - zero)))}" height="14"/>`
      : "";
    const ci = whisker(scale, iv, mid);
    const describe = `${d.name}: ${formatDelta(v, section.format)}${iv === undefined ? "" : ` (${formatInterval(iv, section.format, true)})`}, ${d.significant ? "significant" : "not significant"}, ${dir}${d.count === undefined ? "" : `, n=${formatCount(d.count)}`}`;
    return `<g class="row"><title>${escapeHtml(describe)}</title><text class="label" x="${LABEL - 8}" y="${mid + 4}" text-anchor="end">${escapeHtml(truncate(d.name, 27))}</text>${bar}${ci}<text class="value${d.significant ? " strong" : ""}" x="${WIDTH - RIGHT + 10}" y="${mid + 4}">${escapeHtml(text)}</text></g>`;
  });
  const significant = sorted.filter((d) => d.significant);
  const better = significant.filter((d) => direction(d, higher) === "better");
  const worse = significant.filter((d) => direction(d, higher) === "worse");
  const worst = worse[0];
  const sentence = `${significant.length} of ${sorted.length} differences are significant: ${better.length} better, ${worse.length} worse.${worst === undefined ? "" : ` Largest significant drop: ${shortName(worst.name)} ${escapeHtml(formatDelta(worst.delta.value, section.format))}.`}`;
  const versus = `${runLabel(context, section.runId)} minus ${runLabel(context, section.baselineRunId)}`;
  const chart = svgChart(
    `${context.id}-chart`,
    WIDTH,
    height,
    `Paired differences in ${section.metric}: ${versus}`,
    `Diverging bars around zero with confidence-interval whiskers, worst first; solid bars are significant, pale ones are not.`,
    `${axis}<line class="zero" x1="${px(zero)}" x2="${px(zero)}" y1="${TOP - 4}" y2="${height - 6}"/>\n${rows.join("\n")}`,
  );
  const table = dataTable(
    `Paired differences in ${section.metric} (${versus})`,
    ["Name", "Difference", "Interval", "Significant", "n"],
    sorted.map((d) => [
      { text: d.name },
      { text: formatDelta(d.delta.value, section.format), sort: d.delta.value },
      {
        text:
          d.delta.interval === undefined
            ? ""
            : formatInterval(d.delta.interval, section.format, true),
      },
      { text: d.significant ? "yes" : "no" },
      d.count === undefined
        ? { text: "" }
        : { text: formatCount(d.count), sort: d.count },
    ]),
  );
  const key_ = `<ul class="legend"><li><span class="swatch better" aria-hidden="true"></span>better</li><li><span class="swatch worse" aria-hidden="true"></span>worse</li><li><span class="swatch ns-key" aria-hidden="true"></span>pale: not significant; * significant</li><li>${escapeHtml(versus)}</li></ul>`;
  const cut =
    sorted.length > shown.length
      ? note(
          `The chart shows the ${shown.length} largest of ${escapeHtml(formatCount(sorted.length))} differences; the data table lists all of them.`,
        )
      : "";
  return `${finding(sentence)}${key_}${cut}${chart}${chartTable(table, sorted.length)}`;
}
