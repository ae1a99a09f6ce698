import {
  assertNever,
  type Diagnostic,
  type JsonPath,
} from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";
import type { Estimate, Report, ReportSection } from "./report-model.js";

/**
 * The problems in a report's data. The renderer draws any report regardless (bad numbers as
 * n/a), and lists these problems at the top, so nothing wrong is hidden from the reader.
 */
export function checkReport(report: Report): readonly Diagnostic[] {
  const found: Diagnostic[] = [];
  const problem = (code: string, message: string, path: JsonPath): void => {
    found.push({ code, severity: "warning", message, path });
  };
  const runs = new Set(report.runs.map((r) => r.id));
  const number = (n: number, path: JsonPath): void => {
    if (!Number.isFinite(n))
      problem(
        sdkCodes.reportNonFiniteNumber,
        `the value is ${spell(n)}; the report shows n/a`,
        path,
      );
  };
  const count = (n: number, path: JsonPath): void => {
    if (!Number.isFinite(n)) number(n, path);
    else if (n < 0 || !Number.isInteger(n))
      problem(
        sdkCodes.reportCountInvalid,
        `count ${spell(n)} is not a whole number of at least 0`,
        path,
      );
  };
  const estimate = (e: Estimate, path: JsonPath): void => {
    number(e.value, [...path, "value"]);
    const iv = e.interval;
    if (iv === undefined) return;
    number(iv.low, [...path, "interval", "low"]);
    number(iv.high, [...path, "interval", "high"]);
    if (iv.low > iv.high)
      problem(
        sdkCodes.reportIntervalInvalid,
        `interval low ${spell(iv.low)} is above its high ${spell(iv.high)}`,
        [...path, "interval"],
      );
  };
  const run = (id: string, path: JsonPath): void => {
    if (!runs.has(id))
      problem(
        sdkCodes.reportUnknownRun,
        `run ${JSON.stringify(id)} is not one of the report's runs`,
        path,
      );
  };
  const section = (s: ReportSection, at: JsonPath): void => {
    switch (s.kind) {
      case "headline":
        s.metrics.forEach((m, i) => {
          estimate(m.estimate, [...at, "metrics", i, "estimate"]);
          if (m.count !== undefined)
            count(m.count, [...at, "metrics", i, "count"]);
          if (m.baseline !== undefined) {
            run(m.baseline.runId, [...at, "metrics", i, "baseline", "runId"]);
            number(m.baseline.value, [
              ...at,
              "metrics",
              i,
              "baseline",
              "value",
            ]);
          }
        });
        return;
      case "slice-bars":
        s.runIds.forEach((id, i) => run(id, [...at, "runIds", i]));
        s.slices.forEach((slice, i) =>
          slice.values.forEach((v, j) => {
            const p = [...at, "slices", i, "values", j];
            run(v.runId, [...p, "runId"]);
            estimate(v.estimate, [...p, "estimate"]);
            count(v.count, [...p, "count"]);
          }),
        );
        return;
      case "failure-share":
        count(s.totalFailures, [...at, "totalFailures"]);
        s.slices.forEach((slice, i) =>
          count(slice.failures, [...at, "slices", i, "failures"]),
        );
        return;
      case "confusion-matrices":
        s.facets.forEach((f, i) => {
          const p = [...at, "facets", i];
          estimate(f.kappa, [...p, "kappa"]);
          number(f.requiredKappa, [...p, "requiredKappa"]);
          if (f.baseRate !== undefined) number(f.baseRate, [...p, "baseRate"]);
          const n = f.labels.length;
          if (f.counts.length !== n || f.counts.some((row) => row.length !== n))
            problem(
              sdkCodes.reportMatrixShape,
              `the matrix for ${JSON.stringify(f.facet)} is not ${spell(n)}×${spell(n)}`,
              [...p, "counts"],
            );
          f.counts.forEach((row, r) =>
            row.forEach((c, k) => count(c, [...p, "counts", r, k])),
          );
        });
        return;
      case "deltas":
        run(s.runId, [...at, "runId"]);
        run(s.baselineRunId, [...at, "baselineRunId"]);
        s.deltas.forEach((d, i) => {
          estimate(d.delta, [...at, "deltas", i, "delta"]);
          if (d.count !== undefined)
            count(d.count, [...at, "deltas", i, "count"]);
        });
        return;
      case "histogram":
        s.series.forEach((series, i) => {
          run(series.runId, [...at, "series", i, "runId"]);
          series.bins.forEach((b, j) => {
            const p = [...at, "series", i, "bins", j];
            number(b.low, [...p, "low"]);
            number(b.high, [...p, "high"]);
            if (b.low > b.high)
              problem(
                sdkCodes.reportIntervalInvalid,
                `bin low ${spell(b.low)} is above its high ${spell(b.high)}`,
                p,
              );
            count(b.count, [...p, "count"]);
          });
        });
        (s.markers ?? []).forEach((m, i) =>
          number(m.value, [...at, "markers", i, "value"]),
        );
        return;
      case "table":
        s.rows.forEach((row, i) =>
          row.forEach((c, j) => {
            if (typeof c === "number") number(c, [...at, "rows", i, j]);
          }),
        );
        return;
      case "notes":
        return;
      default:
        assertNever(s, "report section");
    }
  };
  report.sections.forEach((s, i) => section(s, ["sections", i]));
  return found;
}

/** A number for a message: `String` would print NaN and Infinity as if they were words of ours. */
function spell(n: number): string {
  return Number.isFinite(n)
    ? String(n)
    : Number.isNaN(n)
      ? "not a number"
      : n > 0
        ? "+∞"
        : "−∞";
}
