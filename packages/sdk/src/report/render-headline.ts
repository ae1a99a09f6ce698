import { escapeHtml } from "./escape-html.js";
import {
  formatCount,
  formatDelta,
  formatInterval,
  formatValue,
} from "./format-value.js";
import type { HeadlineMetric, HeadlineSection } from "./report-model.js";
import { bdi, empty, runLabel, type SectionContext } from "./report-parts.js";

function change(metric: HeadlineMetric, context: SectionContext): string {
  const base = metric.baseline;
  if (base === undefined) return "";
  const d = metric.estimate.value - base.value;
  const higher = metric.higherIsBetter ?? true;
  const tone =
    !Number.isFinite(d) || d === 0
      ? "same"
      : d > 0 === higher
        ? "better"
        : "worse";
  const arrow = tone === "same" ? "■" : d > 0 ? "▲" : "▼";
  return `<p class="change ${tone}"><span aria-hidden="true">${arrow} </span>${escapeHtml(formatDelta(d, metric.format))} vs ${bdi(runLabel(context, base.runId))} <span class="muted">(${escapeHtml(formatValue(base.value, metric.format))})</span></p>`;
}

export function renderHeadline(
  section: HeadlineSection,
  context: SectionContext,
): string {
  if (section.metrics.length === 0) return empty("metrics");
  const cards = section.metrics.map((m) => {
    const iv = m.estimate.interval;
    return `<div class="card"><p class="card-label">${bdi(m.label)}</p><p class="card-value">${escapeHtml(formatValue(m.estimate.value, m.format))}</p>${iv === undefined ? "" : `<p class="card-interval">${escapeHtml(formatInterval(iv, m.format))}</p>`}${m.count === undefined ? "" : `<p class="card-count">n=${escapeHtml(formatCount(m.count))}</p>`}${change(m, context)}</div>`;
  });
  return `<div class="cards">${cards.join("\n")}</div>`;
}
