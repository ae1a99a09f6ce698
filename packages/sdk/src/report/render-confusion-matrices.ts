import { px } from "./chart-scale.js";
import { escapeHtml, truncate } from "./escape-html.js";
import { formatCount, formatInterval, formatValue } from "./format-value.js";
import type {
  ConfusionFacet,
  ConfusionMatricesSection,
} from "./report-model.js";
import {
  bdi,
  chartTable,
  dataTable,
  empty,
  finding,
  nameList,
  note,
  svgChart,
  type SectionContext,
} from "./report-parts.js";

/** Past this many classes a heatmap's cells get too small to read; the table remains. */
const MAX_HEATMAP_CLASSES = 16;
const LEFT = 120;
const TOP = 64;

function cell(facet: ConfusionFacet, row: number, column: number): number {
  return facet.counts[row]?.[column] ?? Number.NaN;
}

function rowTotal(facet: ConfusionFacet, row: number): number {
  return facet.labels.reduce((sum, _, j) => {
    const c = cell(facet, row, j);
    return Number.isFinite(c) ? sum + c : sum;
  }, 0);
}

function kappaName(facet: ConfusionFacet): string {
  return facet.weighted === true ? "weighted κ" : "κ";
}

function heatmap(facet: ConfusionFacet, id: string): string {
  const n = facet.labels.length;
  const size = Math.max(28, Math.min(56, Math.floor(360 / Math.max(1, n))));
  const width = LEFT + n * size + 12;
  const height = TOP + n * size + 12;
  const roomy = size >= 40;
  const cells = facet.labels.flatMap((_, i) =>
    facet.labels.map((__, j) => {
      const count = cell(facet, i, j);
      const total = rowTotal(facet, i);
      const part = total > 0 && Number.isFinite(count) ? count / total : 0;
      const x = LEFT + j * size;
      const y = TOP + i * size;
      const countText = Number.isFinite(count) ? formatCount(count) : "n/a";
      const lines = roomy
        ? `<text class="cell-count" x="${px(x + size / 2)}" y="${px(y + size / 2 - 1)}" text-anchor="middle">${escapeHtml(countText)}</text><text class="cell-share" x="${px(x + size / 2)}" y="${px(y + size / 2 + 12)}" text-anchor="middle">${escapeHtml(formatValue(part, "percent"))}</text>`
        : `<text class="cell-count" x="${px(x + size / 2)}" y="${px(y + size / 2 + 4)}" text-anchor="middle">${escapeHtml(countText)}</text>`;
      return `<g class="cell${i === j ? " agree" : ""}"><title>${escapeHtml(`human ${facet.labels[i] ?? ""}, judge ${facet.labels[j] ?? ""}: ${countText} (${formatValue(part, "percent")} of the row)`)}</title><rect class="heat" x="${x}" y="${y}" width="${size}" height="${size}" fill-opacity="${(0.06 + part * 0.94).toFixed(3)}"/>${lines}</g>`;
    }),
  );
  const rowLabels = facet.labels.map(
    (l, i) =>
      `<text class="label" x="${LEFT - 6}" y="${px(TOP + i * size + size / 2 + 4)}" text-anchor="end">${escapeHtml(truncate(l, 14))}</text>`,
  );
  const columnLabels = facet.labels.map(
    (l, j) =>
      `<text class="label" x="${px(LEFT + j * size + size / 2)}" y="${TOP - 6}" text-anchor="middle">${escapeHtml(truncate(l, Math.max(3, Math.floor(size / 7))))}</text>`,
  );
  const axes = `<text class="axis-title" x="${px(LEFT + (n * size) / 2)}" y="16" text-anchor="middle">judge →</text><text class="axis-title" x="8" y="${TOP - 6}">human ↓</text>`;
  return svgChart(
    id,
    width,
    height,
    `Confusion matrix for ${facet.facet}`,
    `Rows are human labels, columns the judge's; shading is the share of the row; the diagonal is agreement.`,
    `${axes}${columnLabels.join("")}${rowLabels.join("")}\n${cells.join("\n")}`,
  );
}

function facetBlock(facet: ConfusionFacet, id: string): string {
  const k = facet.kappa;
  const passes = Number.isFinite(k.value) && k.value >= facet.requiredKappa;
  const status = facet.gating
    ? `<span class="badge good">gates</span>`
    : `<span class="badge bad">not used to gate</span>`;
  const facts = [
    `${kappaName(facet)} ${formatValue(k.value, "number")}${k.interval === undefined ? "" : ` (${formatInterval(k.interval, "number")})`}`,
    `${passes ? "meets" : "below"} the required ${formatValue(facet.requiredKappa, "number")}`,
    ...(facet.baseRate === undefined
      ? []
      : [`base rate ${formatValue(facet.baseRate, "percent")}`]),
    `n=${formatCount(facet.labels.reduce((s, _, i) => s + rowTotal(facet, i), 0))}`,
  ];
  const table = dataTable(
    `Confusion matrix for ${facet.facet} (rows: human, columns: judge)`,
    ["Human \\ judge", ...facet.labels],
    facet.labels.map((label, i) => [
      { text: label },
      ...facet.labels.map((_, j) => {
        const c = cell(facet, i, j);
        const total = rowTotal(facet, i);
        return {
          text: `${Number.isFinite(c) ? formatCount(c) : "n/a"} (${formatValue(total > 0 ? c / total : Number.NaN, "percent")})`,
          sort: c,
        };
      }),
    ]),
  );
  const chart =
    facet.labels.length === 0
      ? empty("labels")
      : facet.labels.length > MAX_HEATMAP_CLASSES
        ? note(
            `${facet.labels.length} classes are too many for a readable heatmap; see the data table.`,
          )
        : heatmap(facet, id);
  return `<div class="facet${facet.gating ? "" : " not-gating"}"><h3>${bdi(facet.facet)} ${status}</h3><p class="facet-facts">${escapeHtml(facts.join(" · "))}</p>${chart}${chartTable(table, facet.labels.length)}</div>`;
}

export function renderConfusionMatrices(
  section: ConfusionMatricesSection,
  context: SectionContext,
): string {
  if (section.facets.length === 0) return empty("facets");
  const dropped = section.facets.filter((f) => !f.gating).map((f) => f.facet);
  const sentence =
    dropped.length === 0
      ? `All ${section.facets.length} facets meet their agreement bar and gate.`
      : `${dropped.length} of ${section.facets.length} facets ${dropped.length === 1 ? "does" : "do"} not gate: ${nameList(dropped)}.`;
  const blocks = section.facets.map((f, i) =>
    facetBlock(f, `${context.id}-chart-${i}`),
  );
  return `${finding(sentence)}<div class="facets">${blocks.join("\n")}</div>`;
}
