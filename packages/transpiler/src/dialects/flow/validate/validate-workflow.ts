import type { Diagnostic, JsonPath } from "../../../diagnostics/diagnostic.js";
import type { Catalog } from "../catalog/load-catalog.js";
import { checkGraph } from "../check-graph.js";
import type { FlowWorkflow } from "../model.js";
import { checkStepConfig } from "./check-config.js";
import {
  checkLinkPorts,
  checkStepKinds,
  checkStepTask,
} from "./check-tasks.js";
import { createTypeEnvironment } from "./environment.js";
import { withFlowBucket } from "./flow-buckets.js";
import { computeScopes, type WorkflowScopes } from "./scopes.js";
import type { Finding, ValidationContext } from "./validation-context.js";

export interface ValidateOptions {
  /** The task catalog to check against (`bundledCatalog()` or a user's `loadCatalog(...)`). */
  readonly catalog: Catalog;
}

/**
 * Checks a workflow against a task catalog and Flow's static rules (SPEC §g "Static
 * checks", §b–§f): tasks, ports, config fields and their encodings, environment paths and
 * their scopes, condition operators, Liquid. Works on the semantic model, so it serves
 * JSON documents (`loadWorkflow`) and Python (`pythonToWorkflow`) alike; every diagnostic
 * carries the JSON path of what it is about (for Python, the path in the agent-form
 * document `compile` writes) and its Flow bucket. Sorted by path, then code; never throws
 * on any workflow. What the catalog does not know is not reported as wrong.
 */
export function validateWorkflow(
  workflow: FlowWorkflow,
  options: ValidateOptions,
): readonly Diagnostic[] {
  return validateWorkflowFindings(workflow, options.catalog).map(
    (f) => f.diagnostic,
  );
}

/** `validateWorkflow` with the focus text of each diagnostic (for locating it in Python). */
export function validateWorkflowFindings(
  read: FlowWorkflow,
  catalog: Catalog,
): readonly Finding[] {
  const workflow = withDocumentPaths(read);
  const graph = checkGraph(workflow);
  const findings: Finding[] = graph.diagnostics.map((diagnostic) => ({
    diagnostic,
  }));
  // With duplicate ids, dangling links or a cycle the reachability below is meaningless:
  // those are reported, and paths are only checked against nothing.
  const scopes: WorkflowScopes =
    graph.diagnostics.length === 0
      ? computeScopes(workflow, graph.graph, catalog)
      : {
          env: createTypeEnvironment(catalog, {
            patchedFields: workflow.patchedFields,
            types: new Map(),
          }),
          steps: workflow.steps.map(() => ({
            known: false,
            open: true,
            visible: new Map(),
            expired: new Map(),
          })),
          everywhere: new Map(),
        };
  const ctx: ValidationContext = {
    catalog,
    workflow,
    scopes,
    findings,
    valueChecks: new Map(),
  };
  checkStepKinds(ctx);
  const tasks = workflow.steps.map((step, i) => checkStepTask(ctx, i, step));
  checkLinkPorts(ctx, tasks);
  workflow.steps.forEach((step, i) => {
    const scope = scopes.steps[i];
    if (scope !== undefined) checkStepConfig(ctx, i, step, tasks[i], scope);
  });
  return sortFindings(dedupe(findings)).map((f) => ({
    ...f,
    diagnostic: withFlowBucket(f.diagnostic),
  }));
}

/**
 * A workflow read from Python has no document paths (its steps and links sit nowhere yet);
 * they get their place in the agent form `compile` writes, so the graph checks, which
 * locate by `step.path` and `link.path`, point at a step or link rather than at `$`.
 */
function withDocumentPaths(workflow: FlowWorkflow): FlowWorkflow {
  if (
    workflow.steps.every((s) => s.path.length > 0) &&
    workflow.links.every((l) => l.path.length > 0)
  )
    return workflow;
  return {
    ...workflow,
    steps: workflow.steps.map((s, i) =>
      s.path.length > 0 ? s : { ...s, path: ["root", "steps", i] },
    ),
    links: workflow.links.map((l, k) =>
      l.path.length > 0 ? l : { ...l, path: ["root", "links", k] },
    ),
  };
}

function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const d = f.diagnostic;
    const key = JSON.stringify([
      d.code,
      d.path ?? null,
      d.message,
      f.focus ?? null,
      f.focusOccurrence ?? 0,
    ]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      comparePaths(a.diagnostic.path ?? [], b.diagnostic.path ?? []) ||
      compareText(a.diagnostic.code, b.diagnostic.code) ||
      compareText(a.diagnostic.message, b.diagnostic.message),
  );
}

/** Document order: numbers by value, keys as text, a path before the paths inside it. */
export function comparePaths(a: JsonPath, b: JsonPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x - y;
    if (typeof x === "number") return -1;
    if (typeof y === "number") return 1;
    return compareText(String(x), String(y));
  }
  return a.length - b.length;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
