import { linearScale, px } from "./chart-scale.js";
import { escapeHtml, truncate } from "./escape-html.js";
import { formatCount, formatTick, formatValue } from "./format-value.js";
import type { HistogramSection } from "./report-model.js";
import {
  chartTable,
  dataTable,
  empty,
  finding,
  legend,
  runLabel,
  runSlot,
  svgChart,
  type SectionContext,
} from "./report-parts.js";

const WIDTH = 760;
const HEIGHT = 260;
const LEFT = 56;
const RIGHT = 16;
const TOP = 28;
const BOTTOM = 40;

function finite(n: number): boolean {
  return Number.isFinite(n);
}

export function renderHistogram(
  section: HistogramSection,
  context: SectionContext,
): string {
  const bins = section.series.flatMap((s) =>
    s.bins.filter((b) => finite(b.low) && finite(b.high)),
  );
  if (bins.length === 0) return empty("values");
  const x = linearScale(
    bins.flatMap((b) => [b.low, b.high]),
    [],
    [LEFT, WIDTH - RIGHT],
  );
  const y = linearScale(
    bins.map((b) => b.count),
    [0],
    [HEIGHT - BOTTOM, TOP],
  );
  const seriesCount = Math.max(1, section.series.length);
  const labelled = bins.length <= 40;
  const bars = section.series.flatMap((s, k) =>
    s.bins
      .filter((b) => finite(b.low) && finite(b.high))
      .map((b) => {
        const x0 = x.at(Math.min(b.low, b.high));
        const x1 = x.at(Math.max(b.low, b.high));
        const w = Math.max(1, (x1 - x0 - 1) / seriesCount);
        const bx = x0 + 0.5 + k * w;
        const count = finite(b.count) ? Math.max(0, b.count) : 0;
        const top = y.at(count);
        const h = Math.max(count > 0 ? 1 : 0, HEIGHT - BOTTOM - top);
        const range = `${formatValue(b.low, section.format)} to ${formatValue(b.high, section.format)}`;
        const countText = finite(b.count) ? formatCount(b.count) : "n/a";
        const label =
          labelled && count > 0
            ? `<text class="value small" x="${px(bx + w / 2)}" y="${px(top - 3)}" text-anchor="middle">${escapeHtml(countText)}</text>`
            : "";
        return `<g><title>${escapeHtml(`${runLabel(context, s.runId)}, ${range}: ${countText}`)}</title><rect class="bar ${runSlot(context, s.runId)}" x="${px(bx)}" y="${px(top)}" width="${px(w)}" height="${px(h)}"/>${label}</g>`;
      }),
  );
  const xAxis = x.ticks
    .map(
      (t) =>
        `<line class="tickmark" x1="${px(x.at(t))}" x2="${px(x.at(t))}" y1="${HEIGHT - BOTTOM}" y2="${HEIGHT - BOTTOM + 4}"/><text class="tick" x="${px(x.at(t))}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${escapeHtml(formatTick(t, section.format))}</text>`,
    )
    .join("");
  const yAxis = y.ticks
    .map(
      (t) =>
        `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${px(y.at(t))}" y2="${px(y.at(t))}"/><text class="tick" x="${LEFT - 6}" y="${px(y.at(t) + 4)}" text-anchor="end">${escapeHtml(formatTick(t, "integer"))}</text>`,
    )
    .join("");
  const markers = (section.markers ?? [])
    .filter((m) => finite(m.value))
    .map(
      (m, i) =>
        `<g class="marker"><title>${escapeHtml(`${m.label}: ${formatValue(m.value, section.format)}`)}</title><line x1="${px(x.at(m.value))}" x2="${px(x.at(m.value))}" y1="${TOP - 6}" y2="${HEIGHT - BOTTOM}"/><text class="marker-label" x="${px(x.at(m.value) + 4)}" y="${TOP - 8 + (i % 2) * 12}">${escapeHtml(`${truncate(m.label, 16)} ${formatValue(m.value, section.format)}`)}</text></g>`,
    )
    .join("");
  const total = bins.reduce((s, b) => s + (finite(b.count) ? b.count : 0), 0);
  const peak = section.series[0]?.bins.reduce<
    (typeof bins)[number] | undefined
  >(
    (best, b) => (best === undefined || b.count > best.count ? b : best),
    undefined,
  );
  const sentence =
    peak === undefined
      ? ""
      : `Most common ${escapeHtml(section.quantity)}: ${escapeHtml(formatValue(peak.low, section.format))} to ${escapeHtml(formatValue(peak.high, section.format))} (${escapeHtml(formatCount(peak.count))} of ${escapeHtml(formatCount(section.series[0]?.bins.reduce((s, b) => s + (finite(b.count) ? b.count : 0), 0) ?? 0))}).`;
  const chart = svgChart(
    `${context.id}-chart`,
    WIDTH,
    HEIGHT,
    `Distribution of ${section.quantity}`,
    `Histogram with ${bins.length} bins over ${section.series.length} runs, ${formatCount(total)} values in all.`,
    `${yAxis}${xAxis}<text class="axis-title" x="${px((LEFT + WIDTH - RIGHT) / 2)}" y="${HEIGHT - 6}" text-anchor="middle">${escapeHtml(section.quantity)}</text>\n${bars.join("\n")}\n${markers}`,
  );
  const table = dataTable(
    `Distribution of ${section.quantity}`,
    ["Run", "From", "To", "Count"],
    section.series.flatMap((s) =>
      s.bins.map((b) => [
        { text: runLabel(context, s.runId) },
        { text: formatValue(b.low, section.format), sort: b.low },
        { text: formatValue(b.high, section.format), sort: b.high },
        { text: formatCount(b.count), sort: b.count },
      ]),
    ),
  );
  return `${finding(sentence)}${legend(
    context,
    section.series.map((s) => s.runId),
  )}${chart}${chartTable(
    table,
    section.series.reduce((n, s) => n + s.bins.length, 0),
  )}`;
}
