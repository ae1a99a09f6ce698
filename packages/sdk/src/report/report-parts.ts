import { escapeHtml, truncate } from "./escape-html.js";
import type { RunRef } from "./report-model.js";

/** What every section renderer may know besides its own data. */
export interface SectionContext {
  /** A unique, deterministic id prefix for the section's elements (`s3`). */
  readonly id: string;
  readonly runs: readonly RunRef[];
}

/** Charts draw at most this many rows; the data table below a chart always has every row. */
export const MAX_CHART_ROWS = 40;

/** The colour slot of a run: its place in `Report.runs`; unknown runs share a neutral slot. */
export function runSlot(context: SectionContext, runId: string): string {
  const i = context.runs.findIndex((r) => r.id === runId);
  return i < 0 ? "run-x" : `run-${i % 6}`;
}

export function runLabel(context: SectionContext, runId: string): string {
  return context.runs.find((r) => r.id === runId)?.label ?? runId;
}

/** A name inside running text, isolated so right-to-left marks in it cannot reorder the rest. */
export function bdi(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

export function legend(
  context: SectionContext,
  runIds: readonly string[],
  extra = "",
): string {
  const items = runIds.map(
    (id) =>
      `<li><span class="swatch ${runSlot(context, id)}" aria-hidden="true"></span>${bdi(runLabel(context, id))}</li>`,
  );
  return `<ul class="legend">${items.join("")}${extra}</ul>`;
}

export interface TableCellOut {
  readonly text: string;
  /** A numeric sort key; cells without one sort after those with one, by text. */
  readonly sort?: number;
  readonly className?: string;
}

/** An accessible, sortable table (the inline script adds sorting on the header buttons). */
export function dataTable(
  caption: string,
  headers: readonly string[],
  rows: readonly (readonly TableCellOut[])[],
): string {
  const head = headers
    .map(
      (h) =>
        `<th scope="col"><button type="button">${escapeHtml(h)}</button></th>`,
    )
    .join("");
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((c) => {
            const sort =
              c.sort !== undefined && Number.isFinite(c.sort)
                ? ` data-sort="${c.sort}"`
                : "";
            const cls =
              c.className === undefined ? "" : ` class="${c.className}"`;
            return `<td${cls}${sort}>${escapeHtml(c.text)}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("\n");
  return `<div class="table-wrap"><table class="sortable"><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

/** The table behind a chart, folded away on screen and printed after the chart. */
export function chartTable(table: string, rows: number): string {
  return `<details class="chart-data"><summary>Data table (${rows} ${rows === 1 ? "row" : "rows"})</summary>${table}</details>`;
}

export function svgChart(
  id: string,
  width: number,
  height: number,
  title: string,
  description: string,
  body: string,
): string {
  return `<svg class="chart" id="${id}" role="img" aria-labelledby="${id}-t ${id}-d" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title id="${id}-t">${escapeHtml(title)}</title><desc id="${id}-d">${escapeHtml(description)}</desc>\n${body}\n</svg>`;
}

export function finding(text: string): string {
  return text === "" ? "" : `<p class="finding">${text}</p>`;
}

export function empty(what: string): string {
  return `<p class="empty">No ${escapeHtml(what)} to show.</p>`;
}

export function note(html: string): string {
  return `<p class="note">${html}</p>`;
}

/** A name inside a sentence: isolated, and shortened (the data table has it in full). */
export function shortName(text: string): string {
  return bdi(truncate(text, 60));
}

/** Names joined for a sentence: at most `max`, then how many more. */
export function nameList(names: readonly string[], max = 5): string {
  const shown = names.slice(0, max).map(shortName).join(", ");
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

/** Code-point order, not `localeCompare`: ties must break the same way on every machine. */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
