import { px, type LinearScale } from "./chart-scale.js";
import { escapeHtml } from "./escape-html.js";
import type { Interval } from "./report-model.js";

/** The layout all horizontal bar charts share, so their bars line up down the page. */
export const WIDTH = 760;
/** The column for the row labels, left of the bars. */
export const LABEL = 210;
/** Room above the first row for the axis labels. */
export const TOP = 26;

/** The value axis above a horizontal bar chart: a labelled grid line per tick. */
export function topAxis(
  scale: LinearScale,
  top: number,
  bottom: number,
  label: (tick: number) => string,
): string {
  return scale.ticks
    .map((t) => {
      const x = px(scale.at(t));
      return `<line class="grid" x1="${x}" x2="${x}" y1="${top - 4}" y2="${bottom}"/><text class="tick" x="${x}" y="${top - 10}" text-anchor="middle">${escapeHtml(label(t))}</text>`;
    })
    .join("");
}

/** A confidence interval drawn across a bar at height `mid`; nothing when it is unusable. */
export function whisker(
  scale: LinearScale,
  interval: Interval | undefined,
  mid: number,
): string {
  if (
    interval === undefined ||
    !Number.isFinite(interval.low) ||
    !Number.isFinite(interval.high)
  )
    return "";
  const low = px(scale.at(interval.low));
  const high = px(scale.at(interval.high));
  return `<path class="whisker" d="M${low} ${px(mid)}H${high}M${low} ${px(mid - 4)}v8M${high} ${px(mid - 4)}v8"/>`;
}
