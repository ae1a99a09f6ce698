import {
  InternalError,
  decodeConditionValue,
  flowToPython,
  loadWorkflow,
  readDocument,
  type Catalog,
  type CatalogTask,
  type Condition,
  type Diagnostic,
  type FlowStep,
  type FlowWorkflow,
  type Result,
} from "@flowpy/transpiler";
import type { EnvironmentPathIndex } from "../tools/environment-paths.js";
import { sdkCodes } from "../sdk-codes.js";
import type { PathCategory } from "../tools/tool-set-definition.js";
import { liquidReads } from "./liquid-paths.js";

type Loaded = Extract<ReturnType<typeof loadWorkflow>, { ok: true }>["value"];
export type FlowGraph = Loaded["graph"];

/** An environment path a workflow reads, resolved to where path search finds it. */
export interface UsedPath {
  /** As written in the workflow: `lineItemsForeachitem.product.id`. */
  readonly written: string;
  readonly rootType: string;
  /** Where path search lists it: `order.lineItems.product.id`. */
  readonly path: string;
  readonly segments: readonly string[];
  readonly category: PathCategory;
}

/** One step in reading order (trigger first, then along the links). */
export interface StepFact {
  readonly step: FlowStep;
  readonly task: CatalogTask;
  /** The port of the previous step that leads here (`output` for the trigger). */
  readonly via: string;
  /** Nesting under conditions and loops, 0 for the trigger and its direct chain. */
  readonly depth: number;
  readonly condition?: Condition;
}

/** What a trajectory needs to know about a workflow. */
export interface WorkflowFacts {
  readonly json: string;
  readonly workflow: FlowWorkflow;
  readonly graph: FlowGraph;
  readonly python: string;
  /** Distinct tasks in reading order. */
  readonly tasks: readonly CatalogTask[];
  readonly steps: readonly StepFact[];
  /** Distinct environment paths that path search can show, in reading order. */
  readonly paths: readonly UsedPath[];
  /** Paths the workflow reads that the catalog's environment sketch does not hold. */
  readonly unresolvedPaths: readonly string[];
}

/** Config value types whose text may hold Liquid (`{{ … }}`) reading the environment. */
const liquidTypes: ReadonlySet<string> = new Set([
  "liquid",
  "liquid_wrapper",
  "string",
  "search_query",
  "headers",
  "api_call",
  "list",
  "resource_ref",
  "metafield_ref",
  "number",
]);

export function workflowFacts(
  json: string,
  catalog: Catalog,
  paths: EnvironmentPathIndex,
): Result<WorkflowFacts> {
  const read = readDocument(json);
  if (!read.ok) return invalid(read.diagnostics);
  const loaded = loadWorkflow(read.value.node);
  if (!loaded.ok) return invalid(loaded.diagnostics);
  const printed = flowToPython(json);
  if (!printed.ok) return invalid(printed.diagnostics);
  const { workflow, graph } = loaded.value;

  const missing = workflow.steps.filter(
    (s) => catalog.task(s.taskId, s.taskVersion) === undefined,
  );
  if (missing.length > 0)
    return {
      ok: false,
      diagnostics: missing.map((s) => ({
        code: sdkCodes.trajectoryTaskNotInCatalog,
        severity: "error",
        message: `task ${s.taskId} version ${s.taskVersion} is not in the catalog, so no search can find it`,
        path: s.path,
      })),
    };
  const taskOf = (s: FlowStep): CatalogTask => {
    const t = catalog.task(s.taskId, s.taskVersion);
    // Checked above for every step.
    if (t === undefined) throw new InternalError(`task ${s.taskId} vanished`);
    return t;
  };

  const steps = readingOrder(workflow, graph, taskOf);
  const tasks: CatalogTask[] = [];
  for (const { task } of steps) if (!tasks.includes(task)) tasks.push(task);

  const reader = createPathReader(steps, paths);
  return {
    ok: true,
    diagnostics: [],
    value: {
      json,
      workflow,
      graph,
      python: printed.value.python,
      tasks,
      steps,
      paths: reader.used,
      unresolvedPaths: reader.unresolved,
    },
  };
}

function invalid<T>(diagnostics: readonly Diagnostic[]): Result<T> {
  return {
    ok: false,
    diagnostics: [
      {
        code: sdkCodes.trajectoryWorkflowInvalid,
        severity: "error",
        message: `the workflow does not load: ${diagnostics
          .slice(0, 3)
          .map((d) => `${d.code}: ${d.message}`)
          .join("; ")}`,
      },
    ],
  };
}

/**
 * Triggers first, then depth-first along links in port order (true before false, loop body
 * before after), each step once: the order the Python program reads in.
 */
function readingOrder(
  workflow: FlowWorkflow,
  graph: FlowGraph,
  taskOf: (s: FlowStep) => CatalogTask,
): readonly StepFact[] {
  const out: StepFact[] = [];
  const seen = new Set<string>();
  const roots = workflow.steps
    .filter((s) => graph.indegree(s.key) === 0)
    .sort(
      (a, b) =>
        Number(b.taskType === "TRIGGER") - Number(a.taskType === "TRIGGER"),
    );
  const stack: { key: string; via: string; depth: number }[] = roots
    .map((s) => ({ key: s.key, via: "output", depth: 0 }))
    .reverse();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const step = graph.steps.get(item.key);
    if (step === undefined || seen.has(item.key)) continue;
    seen.add(item.key);
    const task = taskOf(step);
    const conditionText = step.config.find(
      (c) => c.fieldId === "condition",
    )?.value;
    const condition =
      step.taskType === "CONDITION" && conditionText !== undefined
        ? decodeConditionValue(conditionText)
        : undefined;
    out.push({
      step,
      task,
      via: item.via,
      depth: item.depth,
      ...(condition === undefined ? {} : { condition }),
    });
    const nested = step.taskType === "CONDITION" || step.taskType === "FOREACH";
    const next = task.output_port_ids.flatMap((port) =>
      graph.targets(item.key, port).map((target) => ({
        key: target,
        via: port,
        depth: item.depth + (nested && port !== "after" ? 1 : 0),
      })),
    );
    stack.push(...next.reverse());
  }
  // Steps not reachable from a root (none in a checked graph) keep document order.
  for (const step of workflow.steps)
    if (!seen.has(step.key))
      out.push({ step, task: taskOf(step), via: "output", depth: 0 });
  return out;
}

interface PathReader {
  readonly used: readonly UsedPath[];
  readonly unresolved: readonly string[];
}

function createPathReader(
  steps: readonly StepFact[],
  index: EnvironmentPathIndex,
): PathReader {
  // Variables every step may read: trigger roots, step outputs, ForEach items.
  const roots = new Map<string, string>();
  const foreachItems = new Map<string, string>();
  for (const { step, task } of steps) {
    if (task.task_type === "TRIGGER")
      for (const f of task.return_fields) roots.set(f.name, f.type);
    else if (task.output_variable !== undefined) {
      const type = task.return_fields[0]?.type;
      if (type !== undefined) roots.set(task.output_variable, type);
    }
    if (task.task_type === "FOREACH") {
      const list = step.config.find((c) => c.fieldId === "listpath")?.value;
      if (list !== undefined) {
        const last = list.split(".").at(-1) ?? "";
        foreachItems.set(`${last}Foreachitem`, list);
      }
    }
  }

  const used: UsedPath[] = [];
  const unresolved: string[] = [];
  const resolve = (
    written: string,
    bindings: ReadonlyMap<string, string>,
    hops = 0,
  ): { rootType: string; segments: readonly string[] } | undefined => {
    const [head = "", ...rest] = written.split(".");
    const bound = bindings.get(head) ?? foreachItems.get(head);
    if (bound !== undefined && hops < 8) {
      const base = resolve(bound, bindings, hops + 1);
      return (
        base && {
          rootType: base.rootType,
          segments: [...base.segments, ...rest],
        }
      );
    }
    const rootType = roots.get(head) ?? roots.get(head.replace(/\d+$/, ""));
    return rootType === undefined ? undefined : { rootType, segments: rest };
  };
  const note = (
    written: string,
    bindings: ReadonlyMap<string, string>,
  ): void => {
    if (used.some((u) => u.written === written) || unresolved.includes(written))
      return;
    const r = resolve(written, bindings);
    const variable = r && index.rootVariable(r.rootType);
    const path =
      r && variable !== undefined && r.segments.length > 0
        ? `${variable}.${r.segments.join(".")}`
        : undefined;
    const found =
      r && path !== undefined
        ? index.paths(r.rootType)?.find((p) => p.path === path)
        : undefined;
    if (r === undefined || found === undefined) {
      unresolved.push(written);
      return;
    }
    if (!used.some((u) => u.path === found.path && u.rootType === r.rootType))
      used.push({
        written,
        rootType: r.rootType,
        path: found.path,
        segments: found.segments,
        category: found.category,
      });
  };

  for (const { step, task } of steps) {
    for (const entry of step.config) {
      const field = task.config_fields.find((f) => f.id === entry.fieldId);
      const type = field?.type;
      if (type === "condition") {
        const condition = decodeConditionValue(entry.value);
        if (condition !== undefined) conditionPaths(condition, new Map(), note);
      } else if (type === "env_path") {
        note(entry.value.trim(), new Map());
      } else if (type !== undefined && liquidTypes.has(type)) {
        const reads = liquidReads(entry.value);
        for (const p of reads.paths) note(p, reads.bindings);
        if (type === "liquid_wrapper") {
          const fallback = defaultValuePath(entry.value);
          if (fallback !== undefined) note(fallback, new Map());
        }
      }
    }
  }
  return { used, unresolved };
}

function conditionPaths(
  c: Condition,
  bindings: ReadonlyMap<string, string>,
  note: (written: string, bindings: ReadonlyMap<string, string>) => void,
): void {
  switch (c.kind) {
    case "Logical":
      for (const o of c.operands) conditionPaths(o, bindings, note);
      return;
    case "Comparison":
      for (const o of [c.lhs, c.rhs])
        if (o.kind === "Path") note(o.path, bindings);
      return;
    case "Unary":
      note(c.operand.path, bindings);
      return;
    case "Quantified": {
      note(c.path, bindings);
      const inner = new Map(bindings);
      inner.set(c.binder, c.path);
      conditionPaths(c.body, inner, note);
      return;
    }
  }
}

/** `{"value": …, "default_value": "order.id"}` → `order.id`. */
function defaultValuePath(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value === "object" &&
      value !== null &&
      "default_value" in value
    ) {
      const d = (value as { default_value: unknown }).default_value;
      return typeof d === "string" && /^[A-Za-z_][\w.]*$/.test(d)
        ? d
        : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
