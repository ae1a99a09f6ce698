import { LABEL, TOP, WIDTH, topAxis, whisker } from "./bar-chart-parts.js";
import { linearScale, px } from "./chart-scale.js";
import { escapeHtml, truncate } from "./escape-html.js";
import {
  formatCount,
  formatInterval,
  formatTick,
  formatValue,
} from "./format-value.js";
import type { SliceBar, SliceBarsSection } from "./report-model.js";
import {
  MAX_CHART_ROWS,
  shortName,
  byText,
  chartTable,
  dataTable,
  empty,
  finding,
  legend,
  nameList,
  note,
  runLabel,
  runSlot,
  svgChart,
  type SectionContext,
  type TableCellOut,
} from "./report-parts.js";

const RIGHT = 150;

/** The first run's value of a slice, or NaN when it has none. */
function primary(section: SliceBarsSection, slice: SliceBar): number {
  const first = section.runIds[0];
  return (
    slice.values.find((v) => v.runId === first)?.estimate.value ?? Number.NaN
  );
}

/** Worst first: the reader's eye lands on the weak slices. Missing values go last. */
export function sortedSlices(section: SliceBarsSection): readonly SliceBar[] {
  const higher = section.higherIsBetter ?? true;
  return [...section.slices].sort((a, b) => {
    const x = primary(section, a);
    const y = primary(section, b);
    if (Number.isNaN(x) !== Number.isNaN(y)) return Number.isNaN(x) ? 1 : -1;
    const d = Number.isNaN(x) ? 0 : higher ? x - y : y - x;
    return d !== 0 ? d : byText(a.name, b.name);
  });
}

export function renderSliceBars(
  section: SliceBarsSection,
  context: SectionContext,
): string {
  if (section.slices.length === 0) return empty("slices");
  const sorted = sortedSlices(section);
  const shown = sorted.slice(0, MAX_CHART_ROWS);
  const runIds = section.runIds;
  const barsPerRow = Math.max(1, runIds.length);
  const barHeight = barsPerRow === 1 ? 14 : 10;
  const rowHeight = barsPerRow * (barHeight + 2) + 10;
  const height = TOP + shown.length * rowHeight + 6;
  const values = shown.flatMap((s) =>
    s.values.flatMap((v) => [
      v.estimate.value,
      v.estimate.interval?.low ?? Number.NaN,
      v.estimate.interval?.high ?? Number.NaN,
    ]),
  );
  const scale = linearScale(
    values,
    [0],
    [LABEL, WIDTH - RIGHT],
    section.format === "percent" ? [0, 1] : undefined,
  );
  const zero = scale.at(0);
  const axis = topAxis(scale, TOP, height - 6, (t) =>
    formatTick(t, section.format),
  );
  const rows = shown.map((slice, i) => {
    const y0 = TOP + i * rowHeight;
    const regressed = slice.regressed === true;
    const describe = runIds
      .map((id) => {
        const v = slice.values.find((x) => x.runId === id);
        return v === undefined
          ? `${runLabel(context, id)}: no data`
          : `${runLabel(context, id)}: ${formatValue(v.estimate.value, section.format)}${v.estimate.interval === undefined ? "" : ` (${formatInterval(v.estimate.interval, section.format)})`}, n=${formatCount(v.count)}`;
      })
      .join("; ");
    const bars = runIds.map((id, k) => {
      const v = slice.values.find((x) => x.runId === id);
      const y = y0 + 5 + k * (barHeight + 2);
      const mid = y + barHeight / 2;
      if (v === undefined || !Number.isFinite(v.estimate.value))
        return `<text class="value muted" x="${px(zero + 4)}" y="${px(mid + 4)}">n/a</text>`;
      const end = scale.at(v.estimate.value);
      const x = Math.min(zero, end);
      const w = Math.max(Math.abs(end - zero), 1);
      const iv = v.estimate.interval;
      const ci = whisker(scale, iv, mid);
      const labelX =
        Math.max(
          end,
          iv === undefined || !Number.isFinite(iv.high)
            ? end
            : scale.at(iv.high),
        ) + 6;
      return `<rect class="bar ${runSlot(context, id)}" x="${px(x)}" y="${px(y)}" width="${px(w)}" height="${barHeight}"/>${ci}<text class="value" x="${px(labelX)}" y="${px(mid + 4)}">${escapeHtml(formatValue(v.estimate.value, section.format))}<tspan class="muted"> n=${escapeHtml(formatCount(v.count))}</tspan></text>`;
    });
    const mark = regressed ? "▼ " : "";
    return `<g class="row${regressed ? " regressed" : ""}"><title>${escapeHtml(`${slice.name}${regressed ? " (regressed)" : ""}: ${describe}`)}</title>${regressed ? `<rect class="highlight" x="0" y="${px(y0 + 1)}" width="${WIDTH}" height="${px(rowHeight - 2)}"/>` : ""}<text class="label" x="${LABEL - 8}" y="${px(y0 + rowHeight / 2 + 4)}" text-anchor="end">${escapeHtml(mark + truncate(slice.name, regressed ? 25 : 27))}</text>${bars.join("")}</g>`;
  });
  const regressed = sorted.filter((s) => s.regressed === true);
  const worst = sorted[0];
  const worstValue =
    worst === undefined
      ? undefined
      : worst.values.find((v) => v.runId === runIds[0]);
  const sentences = [
    worst !== undefined && worstValue !== undefined
      ? `Weakest: ${shortName(worst.name)} at ${escapeHtml(formatValue(worstValue.estimate.value, section.format))} (n=${escapeHtml(formatCount(worstValue.count))}).`
      : "",
    regressed.length === 0
      ? runIds.length > 1
        ? "No slice regressed."
        : ""
      : `${regressed.length} ${regressed.length === 1 ? "slice" : "slices"} regressed: ${nameList(regressed.map((s) => s.name))}.`,
  ].filter((s) => s !== "");
  const chart = svgChart(
    `${context.id}-chart`,
    WIDTH,
    height,
    `${section.metric} by slice`,
    `Horizontal bars, worst first, with confidence-interval whiskers; ${section.slices.length} slices, ${regressed.length} regressed.`,
    `${axis}\n${rows.join("\n")}`,
  );
  const table = dataTable(
    `${section.metric} by slice`,
    [
      "Slice",
      ...runIds.flatMap((id) => {
        const l = runLabel(context, id);
        return [`${l}: ${section.metric}`, `${l}: interval`, `${l}: n`];
      }),
      "Regressed",
    ],
    sorted.map((s) => [
      { text: s.name },
      ...runIds.flatMap((id): TableCellOut[] => {
        const v = s.values.find((x) => x.runId === id);
        return v === undefined
          ? [{ text: "n/a" }, { text: "" }, { text: "" }]
          : [
              {
                text: formatValue(v.estimate.value, section.format),
                sort: v.estimate.value,
              },
              {
                text:
                  v.estimate.interval === undefined
                    ? ""
                    : formatInterval(v.estimate.interval, section.format),
              },
              { text: formatCount(v.count), sort: v.count },
            ];
      }),
      { text: s.regressed === true ? "yes" : "no" },
    ]),
  );
  const cut =
    sorted.length > shown.length
      ? note(
          `The chart shows the ${shown.length} weakest of ${escapeHtml(formatCount(sorted.length))} slices; the data table lists all of them.`,
        )
      : "";
  const regressedKey =
    regressed.length > 0
      ? `<li><span class="swatch regressed-key" aria-hidden="true"></span>▼ regressed</li>`
      : "";
  return `${finding(sentences.join(" "))}${legend(context, runIds, regressedKey)}${cut}${chart}${chartTable(table, sorted.length)}`;
}
