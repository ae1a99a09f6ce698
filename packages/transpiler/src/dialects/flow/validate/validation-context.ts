import {
  error,
  type Diagnostic,
  type JsonPath,
} from "../../../diagnostics/diagnostic.js";
import type { ConfigField } from "../catalog/catalog-schema.js";
import type { Catalog } from "../catalog/load-catalog.js";
import type { FlowWorkflow } from "../model.js";
import type { StepScope, WorkflowScopes } from "./scopes.js";

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
  /**
   * The findings of each config value already checked, by scope, value and how it was
   * read (`checkStepConfig`): a value repeated in one scope (the same template in many
   * steps) is checked once. It lives for one validation, and scopes are immutable, so a
   * hit is what a check would find.
   */
  readonly valueChecks: Map<StepScope, Map<string, CheckedValue[]>>;
}

/** How a value was read (its field, or the type it was read as) and what was found. */
export interface CheckedValue {
  readonly key: ConfigField | string;
  readonly findings: readonly Finding[];
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
