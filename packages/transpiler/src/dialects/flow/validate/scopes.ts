import type { Catalog } from "../catalog/load-catalog.js";
import type { CatalogTask } from "../catalog/catalog-schema.js";
import type { FlowGraph } from "../check-graph.js";
import { OUTPUT_PORTS, type FlowWorkflow } from "../model.js";
import { foreachItemName } from "../names.js";
import { createVariableNamer } from "../output-variables.js";
import { FOREACH_FIELD } from "../python-vocabulary.js";
import {
  createTypeEnvironment,
  kindOfType,
  resolveFields,
  UNKNOWN_TYPE,
  type FieldInfo,
  type TypeEnvironment,
} from "./environment.js";
import { catalogFacts } from "./catalog-facts.js";
import { readOutputSchema } from "./run-code-schema.js";

/** A name a path may start with. */
export interface Variable {
  readonly name: string;
  readonly type: string;
  readonly isList: boolean;
  readonly origin: VariableOrigin;
}

export type VariableOrigin =
  /** The trigger's objects, `shop`, and the trigger's own scalars (`scheduledAt`). */
  | { readonly kind: "root" }
  /** A step output (`getOrderData`, `runCode`); `fetched` when a Wait discards it. */
  | {
      readonly kind: "output";
      readonly step: number;
      readonly fetched: boolean;
    }
  /** A loop item (`lineItemsForeachitem`), visible only under the loop's `loop_body`. */
  | { readonly kind: "item"; readonly step: number }
  /** A name bound inside one value: a condition binder, a Liquid `assign`/`for` variable. */
  | { readonly kind: "local" };

export interface StepScope {
  /**
   * False where the names in scope cannot be known: steps no trigger reaches, steps after
   * a trigger the catalog does not know. Roots are then not checked at all.
   */
  readonly known: boolean;
  /**
   * A step whose output names or types the catalog does not know runs before this one:
   * an unknown root may be its output, so unknown roots are not reported.
   */
  readonly open: boolean;
  readonly visible: ReadonlyMap<string, Variable>;
  /** Fetched data a Wait on the way discarded (SPEC §c "Wait"). */
  readonly expired: ReadonlyMap<string, Variable>;
}

export interface WorkflowScopes {
  readonly env: TypeEnvironment;
  /** Per step, in `workflow.steps` order. */
  readonly steps: readonly StepScope[];
  /** Every step output and loop item of the workflow, to explain a name used out of scope. */
  readonly everywhere: ReadonlyMap<string, Variable>;
}

const UNKNOWN_SCOPE: StepScope = {
  known: false,
  open: true,
  visible: new Map(),
  expired: new Map(),
};

/**
 * Which names each step may use (SPEC §d): the trigger's roots and `shop` everywhere under
 * the trigger; a step's output in the steps reachable from its output port; a loop item
 * only under its loop's `loop_body`; Get data, Count and Sum results not after a Wait.
 * Where several paths meet (a merge), a name visible on any of them counts as visible, so
 * an uncertain case is never reported.
 */
export function computeScopes(
  workflow: FlowWorkflow,
  graph: FlowGraph,
  catalog: Catalog,
): WorkflowScopes {
  const steps = workflow.steps;
  const index = new Map(steps.map((s, i) => [s.key, i]));
  const tasks = steps.map(
    (s) => catalog.task(s.taskId, s.taskVersion) ?? catalog.task(s.taskId),
  );

  // Run code output schemas declare the types of their outputs.
  const types = new Map<string, readonly FieldInfo[]>();
  const outputTypeOf = new Map<number, string>();
  steps.forEach((step, i) => {
    const task = tasks[i];
    const ret = task?.return_fields[0];
    if (task === undefined || ret === undefined) return;
    const sdlField = task.config_fields.find((f) => f.type === "graphql_sdl");
    const sdl = step.config.find((c) => c.fieldId === sdlField?.id)?.value;
    if (sdl === undefined) return;
    const prefix = `step${i}:`;
    const declared = readOutputSchema(sdl, prefix);
    if (declared === undefined) return;
    for (const [name, fields] of declared) types.set(name, fields);
    if (declared.has(`${prefix}${ret.type}`))
      outputTypeOf.set(i, `${prefix}${ret.type}`);
  });
  const env = createTypeEnvironment(catalog, {
    patchedFields: workflow.patchedFields,
    types,
  });

  // Output variables, numbered in step order the way fromPython and toPython name them.
  const namer = createVariableNamer(catalogFacts(catalog).tasks);
  const outputs: (Variable | undefined)[] = [];
  const unknownProducer: boolean[] = [];
  steps.forEach((step, i) => {
    outputs.push(undefined);
    unknownProducer.push(false);
    if (step.taskType !== "ACTION" && step.taskType !== "WAIT") return;
    const name = namer.take(step.name, step.taskId);
    const task = tasks[i];
    if (task === undefined) {
      unknownProducer[i] = true;
      if (name !== undefined)
        outputs[i] = {
          name,
          type: UNKNOWN_TYPE,
          isList: false,
          origin: { kind: "output", step: i, fetched: false },
        };
      return;
    }
    const ret = task.return_fields[0];
    if (name === undefined || ret === undefined) return;
    outputs[i] = {
      name,
      type: outputTypeOf.get(i) ?? ret.type,
      isList: ret.is_list,
      origin: { kind: "output", step: i, fetched: isFetch(task) },
    };
  });

  const everywhere = new Map<string, Variable>();
  for (const v of outputs)
    if (v !== undefined && !everywhere.has(v.name)) everywhere.set(v.name, v);

  const scopes: (StepScope | undefined)[] = steps.map(() => undefined);
  const itemOf = new Map<number, Variable | undefined>();
  // Steps in topological order (the graph is acyclic once checkGraph passed; a cycle leaves
  // its steps unvisited, and they keep the unknown scope).
  const indegree = steps.map((s) => graph.indegree(s.key));
  const queue: number[] = [];
  indegree.forEach((d, i) => {
    if (d === 0) queue.push(i);
  });
  const incoming = new Map<number, StepScope[]>();
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q] ?? 0;
    const step = steps[i];
    if (step === undefined) continue;
    const task = tasks[i];
    let scope: StepScope;
    if (step.taskType === "TRIGGER") {
      scope = triggerScope(task, catalog);
    } else {
      const from = incoming.get(i);
      scope = from === undefined ? UNKNOWN_SCOPE : mergeScopes(from);
    }
    scopes[i] = scope;
    if (step.taskType === "FOREACH") {
      const item = loopItem(
        step.config.find((c) => c.fieldId === FOREACH_FIELD)?.value,
        scope,
        env,
        i,
      );
      itemOf.set(i, item);
      if (item !== undefined && !everywhere.has(item.name))
        everywhere.set(item.name, item);
    }
    for (const port of OUTPUT_PORTS[step.taskType]) {
      const targets = graph.targets(step.key, port);
      if (targets.length === 0) continue;
      const passed = transfer(
        scope,
        step.taskType,
        port,
        outputs[i],
        itemOf.get(i),
        unknownProducer[i] === true,
      );
      for (const t of targets) {
        const j = index.get(t);
        if (j === undefined) continue;
        const list = incoming.get(j);
        if (list === undefined) incoming.set(j, [passed]);
        else list.push(passed);
        indegree[j] = (indegree[j] ?? 1) - 1;
        if (indegree[j] === 0) queue.push(j);
      }
    }
  }
  return {
    env,
    steps: scopes.map((s) => s ?? UNKNOWN_SCOPE),
    everywhere,
  };
}

/**
 * Tasks whose results a Wait discards: Get data (`shopify::flow::fetch::*`), Count, Sum,
 * and Get analytics data, the other "Get … data" action (SPEC §c "Wait", §d.2).
 */
function isFetch(task: CatalogTask): boolean {
  return (
    task.id.startsWith("shopify::flow::fetch::") ||
    task.id === "shopify::flow::count" ||
    task.id === "shopify::flow::sum" ||
    task.id === "shopify::flow::execute_shopifyql"
  );
}

function triggerScope(
  task: CatalogTask | undefined,
  catalog: Catalog,
): StepScope {
  // A task the catalog does not list as a trigger provides no roots it knows of.
  if (task === undefined || task.task_type !== "TRIGGER") return UNKNOWN_SCOPE;
  const visible = new Map<string, Variable>();
  for (const v of catalog.environment.flow_variables)
    if (v.scope === "always" && !v.name.includes("<"))
      visible.set(v.name, {
        name: v.name,
        type: v.type,
        isList: false,
        origin: { kind: "root" },
      });
  for (const f of task.return_fields)
    visible.set(f.name, {
      name: f.name,
      type: f.type,
      isList: f.is_list,
      origin: { kind: "root" },
    });
  return { known: true, open: false, visible, expired: new Map() };
}

function transfer(
  scope: StepScope,
  taskType: FlowWorkflow["steps"][number]["taskType"],
  port: string,
  output: Variable | undefined,
  item: Variable | undefined,
  unknownProducer: boolean,
): StepScope {
  if (!scope.known) return scope;
  const add: Variable[] = [];
  if (output !== undefined && port === "output") add.push(output);
  if (item !== undefined && port === "loop_body") add.push(item);
  const open = scope.open || (unknownProducer && port === "output");
  if (taskType === "WAIT") {
    const visible = new Map<string, Variable>();
    const expired = new Map(scope.expired);
    for (const [name, v] of scope.visible) {
      if (v.origin.kind === "output" && v.origin.fetched) expired.set(name, v);
      else visible.set(name, v);
    }
    for (const v of add) visible.set(v.name, v);
    return { known: true, open, visible, expired };
  }
  if (add.length === 0 && open === scope.open) return scope;
  const visible = new Map(scope.visible);
  for (const v of add) visible.set(v.name, v);
  return { known: true, open, visible, expired: scope.expired };
}

function mergeScopes(from: readonly StepScope[]): StepScope {
  const [first] = from;
  if (from.length === 1 && first !== undefined) return first;
  if (from.some((s) => !s.known)) return UNKNOWN_SCOPE;
  const visible = new Map<string, Variable>();
  const expired = new Map<string, Variable>();
  for (const s of from)
    for (const [n, v] of s.visible) if (!visible.has(n)) visible.set(n, v);
  for (const s of from)
    for (const [n, v] of s.expired) if (!visible.has(n)) expired.set(n, v);
  return { known: true, open: from.some((s) => s.open), visible, expired };
}

/**
 * The list a path with connection plumbing means (`order.lineItems.edges` → `order.lineItems`).
 * The plumbing is reported once (flow-connection-path); naming and typing the loop item
 * after the list meant keeps its uses in the body from being reported a second time.
 */
function withoutPlumbing(path: string): string {
  const segments = path
    .replace(/\[[^\]]*\]/g, "")
    .split(".")
    .filter((s) => s !== "edges" && s !== "nodes" && s !== "node");
  return segments.length === 0 ? path : segments.join(".");
}

/** The loop's item variable, typed by the element type of its list when that is known. */
function loopItem(
  listPath: string | undefined,
  scope: StepScope,
  env: TypeEnvironment,
  step: number,
): Variable | undefined {
  if (listPath === undefined || listPath.trim() === "") return undefined;
  const meant = withoutPlumbing(listPath.trim());
  const name = foreachItemName(meant);
  const [root, ...rest] = meant.split(".");
  const start = root === undefined ? undefined : scope.visible.get(root);
  let type = UNKNOWN_TYPE;
  if (start !== undefined) {
    const r = resolveFields(env, start, rest);
    if (r.kind === "ok" && (r.endsInList || r.crossesList)) type = r.type;
  }
  return {
    name,
    type: kindOfType(env, type) === "unknown" ? UNKNOWN_TYPE : type,
    isList: false,
    origin: { kind: "item", step },
  };
}
