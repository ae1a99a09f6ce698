import {
  error,
  type Diagnostic,
  type JsonPath,
} from "../../../diagnostics/diagnostic.js";
import type { Catalog } from "../catalog/load-catalog.js";
import type { FlowWorkflow } from "../model.js";
import type { WorkflowScopes } from "./scopes.js";

/**
 * A validation diagnostic plus the text it is about (`order.totl`, `| json`) when that is
 * narrower than its JSON path: the compile path uses it to point at the exact words in
 * the Python, and drops it afterwards.
 */
export interface Finding {
  readonly diagnostic: Diagnostic;
  readonly focus?: string;
  /** Which occurrence of `focus` in the value it is about (0: the first), when it repeats. */
  readonly focusOccurrence?: number;
}

export interface ValidationContext {
  readonly catalog: Catalog;
  readonly workflow: FlowWorkflow;
  readonly scopes: WorkflowScopes;
  readonly findings: Finding[];
}

export function report(
  ctx: ValidationContext,
  code: string,
  message: string,
  path: JsonPath,
  extra: {
    readonly hint?: string | undefined;
    readonly focus?: string | undefined;
    readonly focusOccurrence?: number | undefined;
  } = {},
): void {
  const diagnostic = error(code, message, {
    path,
    ...(extra.hint === undefined ? {} : { hint: extra.hint }),
  });
  ctx.findings.push({
    diagnostic,
    ...(extra.focus === undefined ? {} : { focus: extra.focus }),
    ...(extra.focusOccurrence === undefined || extra.focusOccurrence === 0
      ? {}
      : { focusOccurrence: extra.focusOccurrence }),
  });
}

/** Where step `index` sits in the document: its own path, or its place in the agent form Python maps to. */
export function stepPath(workflow: FlowWorkflow, index: number): JsonPath {
  const step = workflow.steps[index];
  return step !== undefined && step.path.length > 0
    ? step.path
    : ["root", "steps", index];
}

export function configValuePath(
  workflow: FlowWorkflow,
  index: number,
  entry: number,
): JsonPath {
  return [...stepPath(workflow, index), "config_field_values", entry, "value"];
}
