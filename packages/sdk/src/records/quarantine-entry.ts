import { formatJsonPath } from "@flowpy/transpiler";
import type { RecordOutcome } from "./read-workflow-records.js";

/**
 * One line of the quarantine file for a bad record (no trailing newline): a JSON object
 * with fixed key order, `record` (the record number), `workflow_id` (when readable),
 * `codes` (distinct, in order), `diagnostics` (code, message, JSON path inside the record,
 * line and column for JSONL syntax), and `raw`, the record exactly as read, so it can be
 * fixed and fed back. Same outcome → same line.
 */
export function formatQuarantineEntry(
  outcome: Extract<RecordOutcome, { readonly ok: false }>,
): string {
  return JSON.stringify({
    record: outcome.index,
    ...(outcome.workflowId === undefined
      ? {}
      : { workflow_id: outcome.workflowId }),
    codes: [...new Set(outcome.diagnostics.map((d) => d.code))],
    diagnostics: outcome.diagnostics.map((d) => ({
      code: d.code,
      message: d.message,
      ...(d.path === undefined ? {} : { path: formatJsonPath(d.path) }),
      ...(d.span === undefined
        ? {}
        : { line: d.span.start.line, column: d.span.start.column }),
    })),
    raw: outcome.raw,
  });
}
