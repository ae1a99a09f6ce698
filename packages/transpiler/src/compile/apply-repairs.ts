import { configValueToPython } from "../dialects/flow/config-value.js";
import type { WorkflowSourceMap } from "../dialects/flow/from-python.js";
import type { FlowWorkflow } from "../dialects/flow/model.js";
import type { Repair } from "../dialects/flow/validate/repair-workflow.js";
import { printExpression } from "../python/print/print-python.js";

/**
 * The Python with each repaired value rewritten in place (`order_id="{{ order.id }}"` →
 * `order_id=order.id`), so the code returned by `compile` is the code of the workflow it
 * returns. A value whose new spelling would span lines is left as written (its note still
 * says what changed): re-indenting the surrounding code is not a mechanical fix.
 */
export function applyRepairsToPython(
  python: string,
  repairs: readonly Repair[],
  workflow: FlowWorkflow,
  sourceMap: WorkflowSourceMap,
): string {
  const edits: { start: number; end: number; text: string }[] = [];
  for (const r of repairs) {
    const fieldId = workflow.steps[r.step]?.config[r.entry]?.fieldId;
    const span =
      fieldId === undefined
        ? undefined
        : sourceMap.steps[r.step]?.config.get(fieldId);
    if (span === undefined) continue;
    const text = printExpression(configValueToPython(r.after));
    if (text.includes("\n")) continue;
    edits.push({ start: span.start.offset, end: span.end.offset, text });
  }
  edits.sort((a, b) => b.start - a.start);
  let out = python;
  let limit = Number.POSITIVE_INFINITY;
  for (const e of edits) {
    if (e.end > limit) continue; // overlapping edits cannot happen; keep the later one if they do
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}
