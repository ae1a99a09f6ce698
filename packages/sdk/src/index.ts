/**
 * @flowpy/sdk — turns real workflows into training data for tool-calling Flow agents.
 * This release carries only the boundary to the transpiler; the agent tools, trajectories,
 * datasets and evaluation are tracked as separate issues and land here.
 */
import { flowToPython } from "@flowpy/transpiler";

/** The Python form of a workflow as a training target, or the transpiler's diagnostics. */
export function workflowTarget(
  json: string,
): { readonly python: string } | { readonly errors: readonly string[] } {
  const result = flowToPython(json);
  return result.ok
    ? { python: result.value.python }
    : { errors: result.diagnostics.map((d) => `${d.code}: ${d.message}`) };
}

// Workflow simulator: run workflows on sample events, execution-based equivalence,
// verifiable test cases and rewards.
export {
  simulate,
  createSimulator,
  FOREACH_LIMIT,
  STEP_BUDGET,
} from "./simulator/simulate.js";
export type { SimulateOptions, Simulator } from "./simulator/simulate.js";
export { DEFAULT_NOW } from "./simulator/workflow-plan.js";
export { readWorkflow } from "./simulator/read-workflow.js";
export { observable } from "./simulator/trace.js";
export type {
  TriggerEvent,
  TraceEntry,
  TraceEntryKind,
  ActionEntry,
  BranchEntry,
  LoopEntry,
  IterationEntry,
  WaitEntry,
  FailureEntry,
  SimulationResult,
  ObservableEntry,
} from "./simulator/trace.js";
export type { SimValue, SimRecord } from "./simulator/sim-value.js";
export { generateEvents } from "./simulator/generate-events.js";
export type {
  GenerateEventsOptions,
  GeneratedEvents,
} from "./simulator/generate-events.js";
export { branchCoverage, conditionBranches } from "./simulator/coverage.js";
export type { Branch, BranchCoverage } from "./simulator/coverage.js";
export { equivalent, sameBehaviour } from "./simulator/equivalent.js";
export type {
  Equivalence,
  EquivalenceOptions,
  Difference,
  OrderMode,
  OrderPolicy,
} from "./simulator/equivalent.js";
export {
  testCaseSchema,
  parseTestCase,
  testCaseToJson,
  createTestCase,
  runTestCase,
} from "./simulator/test-case.js";
export type {
  TestCase,
  TestCaseReport,
  TestCaseMismatch,
} from "./simulator/test-case.js";
export { createReward, compileWithTranspiler } from "./simulator/reward.js";
export type {
  Compile,
  Reward,
  RewardOptions,
  RewardRequest,
  RewardResult,
} from "./simulator/reward.js";
export { simulatorCodes } from "./simulator/simulator-codes.js";
export type { SimulatorCode } from "./simulator/simulator-codes.js";
