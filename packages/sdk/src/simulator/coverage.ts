import type { Catalog, FlowWorkflow, StepKey } from "@flowpy/transpiler";
import { createSimulator, type Simulator } from "./simulate.js";
import type { TriggerEvent } from "./trace.js";

export interface Branch {
  readonly step: StepKey;
  readonly port: "true" | "false";
}

/** Condition branches reached by a set of events. */
export interface BranchCoverage {
  readonly reached: number;
  /** Two per CONDITION step (its true and false outcomes), whether or not they have links. */
  readonly total: number;
  readonly missing: readonly Branch[];
}

/** Every outcome of every CONDITION step, in step order. */
export function conditionBranches(workflow: FlowWorkflow): Branch[] {
  return workflow.steps
    .filter((s) => s.taskType === "CONDITION")
    .flatMap((s) => [
      { step: s.key, port: "true" as const },
      { step: s.key, port: "false" as const },
    ]);
}

export function branchCoverage(
  workflow: FlowWorkflow,
  events: readonly TriggerEvent[],
  options: { readonly catalog: Catalog; readonly now?: string },
): BranchCoverage {
  return coverageOf(createSimulator(workflow, options), workflow, events);
}

export function coverageOf(
  simulator: Simulator,
  workflow: FlowWorkflow,
  events: readonly TriggerEvent[],
): BranchCoverage {
  const reached = new Set<string>();
  for (const event of events)
    for (const e of simulator(event).trace)
      if (e.kind === "branch") reached.add(`${e.port}|${e.stepKey}`);
  const all = conditionBranches(workflow);
  const missing = all.filter((b) => !reached.has(`${b.port}|${b.step}`));
  return { reached: all.length - missing.length, total: all.length, missing };
}
