import { createHash } from "node:crypto";
import type { Dialect, DialectFacts } from "../../core/dialect.js";
import type { ReconcilePolicy } from "../../core/reconcile.js";
import {
  fail,
  ok,
  type JsonPath,
  type Result,
} from "../../diagnostics/diagnostic.js";
import type { JsonNode, JsonObject } from "../../json/json-node.js";
import { jsonToValue } from "../../json/to-value.js";
import type { KnownStepId } from "./align-ids.js";
import { checkGraph, type FlowGraph } from "./check-graph.js";
import {
  conditionEquals,
  normalizeCondition,
} from "./condition/condition-ast.js";
import { canonicalConfigValue } from "./config-value.js";
import { decodeConditionValue } from "./condition-value.js";
import {
  CONFIG_ENTRY_KEYS as DECODED_CONFIG_ENTRY_KEYS,
  decodeDocument,
  LINK_KEYS as DECODED_LINK_KEYS,
  STEP_KEYS as DECODED_STEP_KEYS,
} from "./decode-document.js";
import { encodeDocument } from "./encode-document.js";
import { pythonToWorkflow } from "./from-python.js";
import { field } from "./json-access.js";
import { bundledTaskLookup, type TaskLookup } from "./known-tasks.js";
import {
  OUTPUT_PORTS,
  stepKeyOf,
  type FlowStep,
  type FlowWorkflow,
  type StepKey,
} from "./model.js";
import { CONDITION_FIELD } from "./python-vocabulary.js";
import { workflowToPython } from "./to-python.js";

export interface FlowOptions {
  /** Task facts (default version, type, output variable, trigger roots); defaults to the bundled table. */
  readonly tasks: TaskLookup;
}

interface FlowFacts extends DialectFacts {
  readonly steps: readonly KnownStepId[];
  readonly conditionTypes: { readonly [path: string]: string };
}

/** Reads and checks a Flow document: the shared first stage of every Flow operation. */
export function loadWorkflow(
  document: JsonNode,
): Result<{ workflow: FlowWorkflow; graph: FlowGraph }> {
  const decoded = decodeDocument(document);
  if (!decoded.ok) return decoded;
  const { graph, diagnostics } = checkGraph(decoded.value);
  if (diagnostics.length > 0) return fail(diagnostics);
  return ok({ workflow: decoded.value, graph });
}

export { decodeConditionValue };

export const flowDialect: Dialect<FlowOptions> = {
  name: "shopify-flow",
  defaultOptions: { tasks: bundledTaskLookup },
  toPython(document, options) {
    const loaded = loadWorkflow(document);
    if (!loaded.ok) return loaded;
    const { workflow, graph } = loaded.value;
    const printed = workflowToPython(workflow, graph, options.tasks);
    if (!printed.ok) return printed;
    const steps: KnownStepId[] = printed.value.order.map((key) => {
      const step = graph.steps.get(key);
      const spellings = printed.value.spellings.get(key);
      return {
        id: step?.id ?? { kind: "null" },
        taskId: step?.taskId ?? "",
        ...(spellings === undefined ? {} : { spellings }),
      };
    });
    const facts: FlowFacts = {
      steps,
      conditionTypes: Object.fromEntries(printed.value.conditionTypes),
    };
    return ok({ module: printed.value.module, facts });
  },
  fromPython(module, options, facts) {
    const known = facts as FlowFacts | undefined;
    const types = known?.conditionTypes ?? {};
    const workflow = pythonToWorkflow(module, {
      tasks: options.tasks,
      ...(known === undefined ? {} : { original: known.steps }),
      // Method shorthand: under esbuild's keepNames (tsx) a named arrow function costs a
      // `defineProperty` each time it is created.
      conditionTypeOf(path) {
        return Object.hasOwn(types, path) ? types[path] : undefined;
      },
    });
    if (!workflow.ok) return workflow;
    return ok(encodeDocument(workflow.value), workflow.diagnostics);
  },
  reconcile: createReconcilePolicy(),
  canonicalize(document) {
    const loaded = loadWorkflow(document);
    if (!loaded.ok) return loaded;
    return canonicalWorkflow(loaded.value.workflow, loaded.value.graph);
  },
};

// ------------------------------------------------------------------ formatting rules

const STEP_KEYS: ReadonlySet<string> = new Set(DECODED_STEP_KEYS);
const ROOT_KEYS: ReadonlySet<string> = new Set([
  "workflow_name",
  "steps",
  "links",
  "patched_fields",
  "note",
  "variables",
]);
const LINK_KEYS: ReadonlySet<string> = new Set(DECODED_LINK_KEYS);
const CONFIG_ENTRY_KEYS: ReadonlySet<string> = new Set(
  DECODED_CONFIG_ENTRY_KEYS,
);

function isStepPath(path: JsonPath): boolean {
  return (
    path.length === 3 &&
    path[0] === "root" &&
    path[1] === "steps" &&
    typeof path[2] === "number"
  );
}

function linkPart(link: JsonObject, key: string): string {
  const v = field(link, key);
  return v === undefined
    ? "?"
    : v.kind === "string"
      ? `s:${v.value}`
      : (stepKeyOf(v) ?? "?");
}

function createReconcilePolicy(): ReconcilePolicy {
  return {
    identity(path, item) {
      if (item.kind !== "object") return undefined;
      if (isStepPath(path)) {
        const id = field(item, "step_id");
        return id === undefined ? undefined : stepKeyOf(id);
      }
      if (path.length === 3 && path[0] === "root" && path[1] === "links") {
        return `${linkPart(item, "from_step_id")}|${linkPart(item, "from_port_id")}|${linkPart(item, "to_step_id")}|${linkPart(item, "to_port_id")}`;
      }
      if (
        path.length === 5 &&
        path[1] === "steps" &&
        path[3] === "config_field_values"
      ) {
        const id = field(item, "config_field_id");
        return id?.kind === "string" ? id.value : undefined;
      }
      return undefined;
    },
    equivalent(path, original, fresh) {
      // Layout is formatting: an original position always wins over the generated one.
      if (
        path.length === 4 &&
        path[1] === "steps" &&
        path[3] === "step_position"
      )
        return true;
      if (original.kind !== "object" || fresh.kind !== "object") return false;
      if (
        path.length === 5 &&
        path[1] === "steps" &&
        path[3] === "config_field_values"
      )
        return sameConfigEntry(original, fresh);
      if (
        path.length === 3 &&
        path[0] === "root" &&
        path[1] === "patched_fields"
      ) {
        return canonicalPatchedField(original) === canonicalPatchedField(fresh);
      }
      return false;
    },
    keepMissing(path, entry) {
      const key = entry.key;
      const emptyish =
        entry.value.kind === "null" ||
        (entry.value.kind === "array" && entry.value.items.length === 0);
      if (path.length === 1) return key !== "root";
      if (path.length === 2 && path[0] === "root")
        return !ROOT_KEYS.has(key) || emptyish;
      if (path.length === 4 && path[1] === "steps")
        return !STEP_KEYS.has(key) || entry.value.kind === "null";
      if (path.length === 4 && path[1] === "links") return !LINK_KEYS.has(key);
      if (path.length === 4 && path[1] === "patched_fields")
        return key === "id";
      if (path.length === 6 && path[3] === "config_field_values")
        return !CONFIG_ENTRY_KEYS.has(key);
      return false;
    },
    dropAdded(path, entry) {
      if (path.length === 1) return entry.key === "__metadata";
      return (
        path.length === 4 &&
        path[1] === "steps" &&
        entry.key === "step_position"
      );
    },
  };
}

function sameConfigEntry(a: JsonObject, b: JsonObject): boolean {
  const ida = field(a, "config_field_id");
  const idb = field(b, "config_field_id");
  const va = field(a, "value");
  const vb = field(b, "value");
  if (
    ida?.kind !== "string" ||
    idb?.kind !== "string" ||
    ida.value !== idb.value
  )
    return false;
  if (va?.kind !== "string" || vb?.kind !== "string") return false;
  if (va.value === vb.value) return true;
  if (ida.value === CONDITION_FIELD) {
    const ca = decodeConditionValue(va.value);
    const cb = decodeConditionValue(vb.value);
    if (ca !== undefined && cb !== undefined) return conditionEquals(ca, cb);
  }
  return canonicalConfigValue(va.value) === canonicalConfigValue(vb.value);
}

function canonicalPatchedField(obj: JsonObject): string {
  const entries = obj.entries.filter((e) => e.key !== "id");
  return JSON.stringify(
    sortDeep(
      Object.fromEntries(
        entries.map((e) => [
          e.key,
          e.key === "arguments"
            ? decodeArguments(e.value)
            : jsonToValue(e.value),
        ]),
      ),
    ),
  );
}

function decodeArguments(node: JsonNode): unknown {
  if (node.kind === "string") {
    try {
      return JSON.parse(node.value) as unknown;
    } catch {
      return node.value;
    }
  }
  return jsonToValue(node);
}

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, sortDeep(x)]),
    );
  }
  return v;
}

// ------------------------------------------------------------------ canonical form

/**
 * A value equal for two workflows exactly when they mean the same: the same header and the
 * same graph up to renaming step ids, in any step, link, fan-out or key order, with config
 * values compared by meaning (JSON layout, condition encoding). Each step is summarised by
 * a hash of its own content, its in-degree and its children's hashes per port, computed in
 * reverse topological order (no recursion, so long chains are fine).
 */
export function canonicalWorkflow(
  workflow: FlowWorkflow,
  graph: FlowGraph,
): Result<unknown> {
  const hashes = new Map<StepKey, string>();
  const order = topologicalOrder(graph);
  for (let i = order.length - 1; i >= 0; i--) {
    const key = order[i];
    const step = key === undefined ? undefined : graph.steps.get(key);
    if (step === undefined || key === undefined) continue;
    const ports = OUTPUT_PORTS[step.taskType].map((port) => [
      port,
      graph
        .targets(key, port)
        .map((t) => hashes.get(t) ?? "")
        .sort(),
    ]);
    hashes.set(
      key,
      hash(JSON.stringify([stepContent(step), graph.indegree(key), ports])),
    );
  }
  const roots = [...graph.steps.keys()]
    .filter((k) => graph.indegree(k) === 0)
    .map((k) => hashes.get(k) ?? "")
    .sort();
  return ok({
    name: workflow.name,
    note: workflow.note,
    variables: workflow.variables.map((v) => sortDeep(jsonToValue(v))),
    patchedFields: workflow.patchedFields
      .map((p) =>
        canonicalPatchedField({
          kind: "object",
          entries: p.entries.map(([key, value]) => ({
            key,
            keyRaw: JSON.stringify(key),
            value,
          })),
        }),
      )
      .sort(),
    roots,
    steps: graph.steps.size,
  });
}

function stepContent(step: FlowStep): unknown {
  const config = [...step.config]
    .map((c) => {
      if (c.fieldId === CONDITION_FIELD) {
        const condition = decodeConditionValue(c.value);
        if (condition !== undefined)
          return [c.fieldId, JSON.stringify(normalizeCondition(condition))];
      }
      return [c.fieldId, canonicalConfigValue(c.value)];
    })
    .sort(([a], [b]) =>
      (a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0,
    );
  return [
    step.taskId,
    step.taskVersion,
    step.taskType,
    step.name,
    step.description,
    step.note,
    config,
  ];
}

function topologicalOrder(graph: FlowGraph): StepKey[] {
  const indegree = new Map<StepKey, number>();
  for (const k of graph.steps.keys()) indegree.set(k, graph.indegree(k));
  const queue = [...graph.steps.keys()].filter(
    (k) => (indegree.get(k) ?? 0) === 0,
  );
  const out: StepKey[] = [];
  for (let i = 0; i < queue.length; i++) {
    const k = queue[i];
    if (k === undefined) continue;
    out.push(k);
    const step = graph.steps.get(k);
    if (step === undefined) continue;
    for (const port of OUTPUT_PORTS[step.taskType]) {
      for (const t of graph.targets(k, port)) {
        const d = (indegree.get(t) ?? 0) - 1;
        indegree.set(t, d);
        if (d === 0) queue.push(t);
      }
    }
  }
  return out;
}

function hash(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}
