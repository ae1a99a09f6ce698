import type { JsonPath } from "../diagnostics/diagnostic.js";
import type { WorkflowSourceMap } from "../dialects/flow/from-python.js";
import type { FlowWorkflow } from "../dialects/flow/model.js";
import type { LineIndex } from "../source/line-index.js";
import type { Span } from "../source/span.js";

/**
 * Where in the Python a diagnostic found on the workflow belongs: its JSON path names a
 * step, a config value, a task or a link, and the source map says where the Python wrote
 * that. With a `focus` text (the path or Liquid the diagnostic is about) found inside that
 * span, the span narrows to it (its first occurrence, or the one `occurrence` counts), so
 * `order.totl` is underlined rather than the whole `if` test. Spans are in the extracted
 * code; the locator moves them onto the raw model output.
 */
export function pythonSpanFor(
  path: JsonPath,
  focus: string | undefined,
  workflow: FlowWorkflow,
  sourceMap: WorkflowSourceMap,
  python: string,
  lines: LineIndex,
  occurrence = 0,
): Span | undefined {
  const span = spanForPath(path, workflow, sourceMap);
  if (span === undefined || focus === undefined || focus === "") return span;
  const text = python.slice(span.start.offset, span.end.offset);
  let at = text.indexOf(focus);
  for (let n = 0; n < occurrence && at >= 0; n++) {
    const next = text.indexOf(focus, at + 1);
    if (next < 0) break;
    at = next;
  }
  if (at < 0) return span;
  const start = span.start.offset + at;
  return lines.span(start, start + focus.length);
}

function spanForPath(
  path: JsonPath,
  workflow: FlowWorkflow,
  sourceMap: WorkflowSourceMap,
): Span | undefined {
  if (path[0] !== "root") return sourceMap.header;
  const [, list, index, ...rest] = path;
  if (list === "steps" && typeof index === "number") {
    const spans = sourceMap.steps[index];
    if (spans === undefined) return sourceMap.header;
    const [part, entry, leaf] = rest;
    if (part === "config_field_values" && typeof entry === "number") {
      const fieldId = workflow.steps[index]?.config[entry]?.fieldId;
      const span =
        fieldId === undefined
          ? undefined
          : leaf === "config_field_id"
            ? (spans.keys.get(fieldId) ?? spans.config.get(fieldId))
            : spans.config.get(fieldId);
      return span ?? spans.statement ?? sourceMap.header;
    }
    if (part === "task_version" && spans.version !== undefined)
      return spans.version;
    if (part === "task_id" || part === "task_version" || part === "task_type")
      return spans.task ?? spans.statement ?? sourceMap.header;
    return spans.statement ?? sourceMap.header;
  }
  if (list === "links" && typeof index === "number") {
    const link = workflow.links[index];
    const target = workflow.steps.findIndex((s) => s.key === link?.to);
    return sourceMap.steps[target]?.statement ?? sourceMap.header;
  }
  return sourceMap.header;
}
