import { codes } from "../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import {
  OUTPUT_PORTS,
  type FlowStep,
  type FlowWorkflow,
  type StepKey,
} from "./model.js";

/** The workflow graph indexed for printing: targets per (step, port) in link order. */
export interface FlowGraph {
  readonly steps: ReadonlyMap<StepKey, FlowStep>;
  readonly targets: (step: StepKey, port: string) => readonly StepKey[];
  readonly indegree: (step: StepKey) => number;
}

/**
 * Checks the graph rules a transpiler relies on (SPEC §a.5–a.7, §g): unique ids, links
 * between existing steps, ports valid for the source task type, `to_port_id == "input"`,
 * no links into triggers, and no cycles. Merges (several incoming links) are allowed.
 */
export function checkGraph(workflow: FlowWorkflow): {
  graph: FlowGraph;
  diagnostics: readonly Diagnostic[];
} {
  const problems: Diagnostic[] = [];
  const steps = new Map<StepKey, FlowStep>();
  for (const step of workflow.steps) {
    if (steps.has(step.key)) {
      problems.push(
        error(
          codes.flowDuplicateStepId,
          `step_id ${describeKey(step.key)} is used by more than one step`,
          {
            path: [...step.path, "step_id"],
            hint: "Step ids must be unique within a workflow.",
          },
        ),
      );
      continue;
    }
    steps.set(step.key, step);
  }
  const out = new Map<StepKey, Map<string, StepKey[]>>();
  const indegree = new Map<StepKey, number>();
  for (const link of workflow.links) {
    const from = steps.get(link.from);
    const to = steps.get(link.to);
    if (from === undefined) {
      problems.push(dangling(link.path, "from_step_id", link.from));
    }
    if (to === undefined) {
      problems.push(dangling(link.path, "to_step_id", link.to));
    }
    if (from !== undefined) {
      const ports: readonly string[] = OUTPUT_PORTS[from.taskType];
      if (!ports.includes(link.fromPort)) {
        problems.push(
          error(
            codes.flowUnknownPort,
            `a ${from.taskType} step has no output port ${JSON.stringify(link.fromPort)}`,
            {
              path: [...link.path, "from_port_id"],
              hint: `${from.taskType} output ports: ${ports.map((p) => JSON.stringify(p)).join(", ")}`,
            },
          ),
        );
      }
    }
    if (link.toPort !== "input") {
      problems.push(
        error(
          codes.flowBadTargetPort,
          `to_port_id must be "input", found ${JSON.stringify(link.toPort)}`,
          {
            path: [...link.path, "to_port_id"],
          },
        ),
      );
    }
    if (to !== undefined && to.taskType === "TRIGGER") {
      problems.push(
        error(
          codes.flowBadTargetPort,
          "a link points into a TRIGGER step, which has no input port",
          {
            path: [...link.path, "to_step_id"],
            hint: "Triggers start the workflow; nothing can link into them.",
          },
        ),
      );
    }
    // The step's own key string (equal text) where there is one: its hash is computed once
    // per step, where a link's key is a fresh string per link and would be hashed anew.
    const fromKey = from === undefined ? link.from : from.key;
    const toKey = to === undefined ? link.to : to.key;
    let ports = out.get(fromKey);
    if (ports === undefined) out.set(fromKey, (ports = new Map()));
    const list = ports.get(link.fromPort);
    if (list === undefined) ports.set(link.fromPort, [toKey]);
    else list.push(toKey);
    indegree.set(toKey, (indegree.get(toKey) ?? 0) + 1);
  }
  if (problems.length === 0) {
    const cycle = findCycle(steps, out);
    if (cycle !== undefined) {
      const first = steps.get(cycle[0] ?? "");
      problems.push(
        error(
          codes.flowCycle,
          `the links form a cycle: ${cycle.map(describeKey).join(" → ")}`,
          {
            path: first === undefined ? [] : [...first.path, "step_id"],
            hint: "A workflow is a directed acyclic graph; remove one of the links in the cycle.",
          },
        ),
      );
    }
  }
  const empty: readonly StepKey[] = [];
  return {
    graph: {
      steps,
      // Method shorthand: under esbuild's keepNames (tsx) a named arrow function costs a
      // `defineProperty` each time it is created.
      targets(step, port) {
        return out.get(step)?.get(port) ?? empty;
      },
      indegree(step) {
        return indegree.get(step) ?? 0;
      },
    },
    diagnostics: problems,
  };
}

/** Iterative three-colour DFS, so a 100k-step chain cannot overflow the stack. */
function findCycle(
  steps: ReadonlyMap<StepKey, FlowStep>,
  out: ReadonlyMap<StepKey, ReadonlyMap<string, readonly StepKey[]>>,
): StepKey[] | undefined {
  const state = new Map<StepKey, 1 | 2>();
  for (const start of steps.keys()) {
    if (state.has(start)) continue;
    const stack: DfsFrame[] = [];
    pushFrame(stack, state, out, start);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top === undefined) break;
      const child = top.next[top.i++];
      if (child === undefined) {
        state.set(top.key, 2);
        stack.pop();
        continue;
      }
      const s = state.get(child);
      if (s === 1) {
        const from = stack.findIndex((f) => f.key === child);
        return [...stack.slice(from).map((f) => f.key), child];
      }
      if (s === undefined && steps.has(child))
        pushFrame(stack, state, out, child);
    }
  }
  return undefined;
}

interface DfsFrame {
  readonly key: StepKey;
  readonly next: readonly StepKey[];
  i: number;
}

function pushFrame(
  stack: DfsFrame[],
  state: Map<StepKey, 1 | 2>,
  out: ReadonlyMap<StepKey, ReadonlyMap<string, readonly StepKey[]>>,
  key: StepKey,
): void {
  state.set(key, 1);
  // The targets of every port, ports in the order their first link came.
  const next: StepKey[] = [];
  for (const targets of out.get(key)?.values() ?? []) next.push(...targets);
  stack.push({ key, next, i: 0 });
}

function dangling(
  path: readonly (string | number)[],
  key: string,
  id: StepKey,
): Diagnostic {
  return error(
    codes.flowDanglingLink,
    `${key} ${describeKey(id)} does not match any step`,
    {
      path: [...path, key],
      hint: "Link endpoints must use a step's step_id with the same value and JSON type.",
    },
  );
}

export function describeKey(key: StepKey): string {
  return key.startsWith("s:") ? JSON.stringify(key.slice(2)) : key.slice(2);
}
