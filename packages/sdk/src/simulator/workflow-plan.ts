import {
  catalogTaskLookup,
  checkGraph,
  createVariableNamer,
  decodeConditionValue,
  foreachItemName,
  workflowToPython,
  type Catalog,
  type CatalogTask,
  type Condition,
  type Diagnostic,
  type FlowGraph,
  type FlowStep,
  type FlowWorkflow,
  type StepKey,
} from "@flowpy/transpiler";
import { createFlowLiquid, hasLiquid, type FlowLiquid } from "./flow-liquid.js";
import { sdkCodes } from "../sdk-codes.js";
import {
  buildTypeUniverse,
  RUN_CODE_TASK,
  runCodeTypeName,
  type TypeRef,
  type TypeUniverse,
} from "./type-universe.js";
import {
  createUsageBuilder,
  recordConditionUsage,
  usageNodeAt,
  type Usage,
  type UsageBuilder,
} from "./usage.js";

/** What a step's output variable holds and how long it lives. */
export interface StepOutput {
  readonly variable: string;
  readonly type: TypeRef;
  readonly kind: OutputKind;
  /** Get data, Count and Sum results do not survive a Wait (SPEC §c). */
  readonly expiresOnWait: boolean;
}

export type OutputKind = "fetch" | "count" | "sum" | "run-code" | "other";

export interface ForeachPlan {
  readonly variable: string;
  readonly listPath: string;
}

/** A workflow prepared once for many simulated runs. */
export interface WorkflowPlan {
  readonly workflow: FlowWorkflow;
  readonly graph: FlowGraph;
  readonly catalog: Catalog;
  readonly types: TypeUniverse;
  readonly triggers: readonly FlowStep[];
  /** The trigger's root variables (with `shop`) and their types. */
  readonly roots: ReadonlyMap<string, TypeRef>;
  readonly outputs: ReadonlyMap<StepKey, StepOutput>;
  readonly foreach: ReadonlyMap<StepKey, ForeachPlan>;
  readonly conditions: ReadonlyMap<StepKey, Condition | undefined>;
  readonly tasks: ReadonlyMap<StepKey, CatalogTask | undefined>;
  readonly usage: Usage;
  readonly liquid: FlowLiquid;
  /** Problems that stop the workflow from running at all (graph errors, no trigger). */
  readonly problems: readonly Diagnostic[];
  readonly now: Date;
}

export const DEFAULT_NOW = "2025-01-15T12:00:00Z";

export function planWorkflow(
  workflow: FlowWorkflow,
  catalog: Catalog,
  now: string = DEFAULT_NOW,
): WorkflowPlan {
  const { graph, diagnostics } = checkGraph(workflow);
  const problems: Diagnostic[] = [...diagnostics];
  const clock = new Date(Number.isNaN(Date.parse(now)) ? DEFAULT_NOW : now);
  const liquid = createFlowLiquid(clock);
  const types = buildTypeUniverse(workflow, catalog);
  const steps = [...graph.steps.values()];
  const triggers = steps.filter((s) => s.taskType === "TRIGGER");
  if (triggers.length === 0)
    problems.push({
      code: sdkCodes.simNoTrigger,
      severity: "error",
      message: "the workflow has no TRIGGER step, so nothing can run",
      path: ["root", "steps"],
    });
  const tasks = new Map<StepKey, CatalogTask | undefined>(
    steps.map((s) => [
      s.key,
      catalog.task(s.taskId, s.taskVersion) ?? catalog.task(s.taskId),
    ]),
  );
  const roots = new Map<string, TypeRef>();
  const trigger = triggers[0];
  for (const f of trigger === undefined
    ? []
    : (tasks.get(trigger.key)?.return_fields ?? []))
    roots.set(f.name, { name: f.type, list: f.is_list });
  if (!roots.has("shop")) roots.set("shop", { name: "Shop", list: false });

  const outputs = new Map<StepKey, StepOutput>();
  const namer = createVariableNamer(catalogTaskLookup(catalog));
  for (const key of namingOrder(workflow, graph, catalog)) {
    const step = graph.steps.get(key);
    if (
      step === undefined ||
      (step.taskType !== "ACTION" && step.taskType !== "WAIT")
    )
      continue;
    const variable = namer.take(step.name, step.taskId);
    if (variable === undefined) continue;
    const kind = outputKind(step.taskId);
    const returned = tasks.get(key)?.return_fields[0];
    const type: TypeRef =
      kind === "run-code"
        ? { name: runCodeTypeName(key, "Output"), list: false }
        : returned === undefined
          ? { name: "", list: false }
          : { name: returned.type, list: returned.is_list };
    outputs.set(key, {
      variable,
      type,
      kind,
      expiresOnWait: kind === "fetch" || kind === "count" || kind === "sum",
    });
  }

  const foreach = new Map<StepKey, ForeachPlan>();
  const conditions = new Map<StepKey, Condition | undefined>();
  const usage = createUsageBuilder();
  for (const step of steps) {
    if (step.taskType === "FOREACH") {
      const listPath = (
        step.config.find((c) => c.fieldId === "listpath")?.value ?? ""
      ).trim();
      const variable = foreachItemName(listPath);
      foreach.set(step.key, { variable, listPath });
      const node = usageNodeAt(usage, listPath.split("."));
      if (node !== undefined) node.list = true;
      usage.aliases.set(variable, listPath.split("."));
    }
  }
  for (const step of steps) {
    if (step.taskType === "CONDITION") {
      const text = step.config.find((c) => c.fieldId === "condition")?.value;
      const condition =
        text === undefined ? undefined : decodeConditionValue(text);
      conditions.set(step.key, condition);
      if (condition !== undefined) recordConditionUsage(usage, condition);
    } else recordConfigUsage(step, tasks.get(step.key), usage, liquid);
  }
  return {
    workflow,
    graph,
    catalog,
    types,
    triggers,
    roots,
    outputs,
    foreach,
    conditions,
    tasks,
    usage: usage.usage,
    liquid,
    problems,
    now: clock,
  };
}

function outputKind(taskId: string): OutputKind {
  if (
    taskId.startsWith("shopify::flow::fetch::") ||
    taskId === "shopify::flow::execute_shopifyql"
  )
    return "fetch";
  if (taskId === "shopify::flow::count") return "count";
  if (taskId === "shopify::flow::sum") return "sum";
  if (taskId === RUN_CODE_TASK) return "run-code";
  return "other";
}

/**
 * Output variables are numbered in the order the Python form creates the steps, the same
 * order the transpiler uses both ways; a workflow it cannot print falls back to step order.
 */
function namingOrder(
  workflow: FlowWorkflow,
  graph: FlowGraph,
  catalog: Catalog,
): readonly StepKey[] {
  const printed = workflowToPython(workflow, graph, catalogTaskLookup(catalog));
  return printed.ok ? printed.value.order : workflow.steps.map((s) => s.key);
}

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

function recordConfigUsage(
  step: FlowStep,
  task: CatalogTask | undefined,
  usage: UsageBuilder,
  liquid: FlowLiquid,
): void {
  for (const entry of step.config) {
    const field = task?.config_fields.find((f) => f.id === entry.fieldId);
    const t = entry.value.trim();
    if (
      (field?.type === "env_path" || field?.type === "liquid_wrapper") &&
      PATH.test(t)
    )
      usageNodeAt(usage, t.split("."));
    for (const text of liquidTexts(entry.value))
      for (const path of liquid.analyze(text).globals) usageNodeAt(usage, path);
    for (const text of wrapperDefaults(entry.value))
      usageNodeAt(usage, text.split("."));
  }
}

/** Every string holding Liquid in a config value, inside JSON (and JSON in JSON) too. */
export function liquidTexts(value: string): string[] {
  const out: string[] = [];
  const visit = (v: unknown, depth: number): void => {
    if (depth > 40) return;
    if (typeof v === "string") {
      const t = v.trim();
      if ((t.startsWith("{") || t.startsWith("[")) && depth < 40) {
        const parsed = tryJson(t);
        if (parsed !== undefined) {
          visit(parsed, depth + 1);
          return;
        }
      }
      if (hasLiquid(v)) out.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => visit(x, depth + 1));
    else if (typeof v === "object" && v !== null)
      Object.values(v).forEach((x) => visit(x, depth + 1));
  };
  visit(value, 0);
  return out;
}

function wrapperDefaults(value: string): string[] {
  const parsed = value.trim().startsWith("{") ? tryJson(value) : undefined;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    return [];
  const d = (parsed as Record<string, unknown>)["default_value"];
  return typeof d === "string" && PATH.test(d) ? [d] : [];
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
