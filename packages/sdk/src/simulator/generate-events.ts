import fc from "fast-check";
import type { Catalog, FlowWorkflow, StepKey } from "@flowpy/transpiler";
import { witnesses, type WitnessScope } from "./condition-witness.js";
import {
  conditionBranches,
  coverageOf,
  type BranchCoverage,
} from "./coverage.js";
import { isOutputVariable } from "./path-types.js";
import {
  applyNode,
  EMPTY_OBJECT,
  mergePatches,
  patchAt,
  type Materializer,
  type Patch,
} from "./patch.js";
import { payloadArbitrary } from "./random-events.js";
import { canonicalJson, type SimRecord, type SimValue } from "./sim-value.js";
import { simulatorOf } from "./simulate.js";
import type { SimulationResult, TriggerEvent } from "./trace.js";
import { createArbitraryContext } from "./value-arbitrary.js";
import { planWorkflow, type WorkflowPlan } from "./workflow-plan.js";

export interface GenerateEventsOptions {
  readonly catalog: Catalog;
  readonly seed: number;
  /** Random events (catalog-typed payloads); targeted events come on top of these. */
  readonly count: number;
  /** Targeted events per condition and direction (boundary variants); default 4, 0 for none. */
  readonly perBranch?: number;
  readonly now?: string;
}

export interface GeneratedEvents {
  /** Targeted events first (each verified to take its branch), then random ones. */
  readonly events: readonly TriggerEvent[];
  readonly coverage: BranchCoverage;
}

/** Simulated runs one branch may spend on finding its events before it is given up. */
const RUNS_PER_BRANCH = 40;
const MAX_ROUTES = 6;

/**
 * Sample trigger events for `workflow`, deterministic per seed: realistic random payloads
 * from the catalog's environment types, plus targeted payloads that drive every condition
 * both ways. A targeted event combines the witnesses of the branches on one route from the
 * trigger to the condition (and a non-empty list for every ForEach on it) with the
 * condition's own witness, over a random base; it is kept only if running it really takes
 * that branch.
 */
export function generateEvents(
  workflow: FlowWorkflow,
  options: GenerateEventsOptions,
): GeneratedEvents {
  const plan = planWorkflow(workflow, options.catalog, options.now);
  const arbitraries = createArbitraryContext(plan.types, plan.now.getTime());
  const simulator = simulatorOf(plan);
  const base = payloadArbitrary(plan, arbitraries);
  const random = fc
    .sample(base, { seed: options.seed, numRuns: Math.max(options.count, 1) })
    .slice(0, Math.max(options.count, 0))
    .map((payload): TriggerEvent => ({ payload }));
  const targeted: TriggerEvent[] = [];
  const perBranch = options.perBranch ?? 4;
  if (plan.problems.length === 0 && perBranch > 0) {
    const seen = new Set<string>();
    const materializer: Materializer = {
      plan,
      arbitraries,
      seed: options.seed,
    };
    let attempt = 0;
    const scope = witnessScope(plan);
    for (const { step, port } of conditionBranches(workflow)) {
      const condition = plan.conditions.get(step);
      if (condition === undefined) continue;
      const own = witnesses(condition, port === "true", scope);
      let found = 0;
      let runs = 0;
      for (const route of routesTo(plan, step)) {
        for (const start of own) {
          if (found >= perBranch || runs >= RUNS_PER_BRANCH) break;
          // Repair loop: run, find the first decision on the route that went the other
          // way, add one of its witnesses, run again.
          let patch: Patch = start;
          for (
            let round = 0;
            round <= route.length && runs < RUNS_PER_BRANCH;
            round++
          ) {
            runs++;
            const payload =
              fc.sample(base, {
                seed: options.seed + 7919 * ++attempt,
                numRuns: 1,
              })[0] ?? {};
            const event = materialize(materializer, payload, patch);
            const result = simulator(event);
            if (takes(result, step, port)) {
              const key = canonicalJson(event as unknown as SimValue);
              if (!seen.has(key)) {
                seen.add(key);
                targeted.push(event);
                found++;
              }
              break;
            }
            const hop = divergence(route, result);
            if (hop === undefined) break;
            const repaired = hopWitnesses(plan, scope, hop)
              .map((w) => mergePatches(patch, w))
              .find((m): m is Patch => m !== undefined);
            if (repaired === undefined) break;
            patch = repaired;
          }
        }
      }
    }
  }
  const events = [...targeted, ...random];
  return { events, coverage: coverageOf(simulator, workflow, events) };
}

function takes(result: SimulationResult, step: StepKey, port: string): boolean {
  return result.trace.some(
    (e) => e.kind === "branch" && e.stepKey === step && e.port === port,
  );
}

function witnessScope(plan: WorkflowPlan): WitnessScope {
  const aliases = new Map<string, readonly string[]>();
  for (const f of plan.foreach.values())
    aliases.set(f.variable, f.listPath.split("."));
  return { plan, aliases, binders: new Map() };
}

function hopWitnesses(
  plan: WorkflowPlan,
  scope: WitnessScope,
  hop: Hop,
): Patch[] {
  if (hop.kind === "loop")
    return [
      patchAt(plan, hop.listPath.split("."), {
        kind: "list",
        items: [EMPTY_OBJECT],
      }),
    ];
  const c = plan.conditions.get(hop.step);
  return c === undefined ? [] : witnesses(c, hop.port === "true", scope);
}

/** The first decision on the route the run did not take (undefined: it took them all). */
function divergence(
  route: readonly Hop[],
  result: SimulationResult,
): Hop | undefined {
  for (const hop of route) {
    const ok =
      hop.kind === "loop"
        ? result.trace.some(
            (e) => e.kind === "loop" && e.stepKey === hop.step && e.items > 0,
          )
        : result.trace.some(
            (e) =>
              e.kind === "branch" &&
              e.stepKey === hop.step &&
              e.port === hop.port,
          );
    if (!ok) return hop;
  }
  return undefined;
}

type Hop =
  | {
      readonly kind: "condition";
      readonly step: StepKey;
      readonly port: string;
    }
  | {
      readonly kind: "loop";
      readonly step: StepKey;
      readonly listPath: string;
    };

/** Up to MAX_ROUTES routes from the trigger to `target`, as the decisions they need. */
function routesTo(plan: WorkflowPlan, target: StepKey): Hop[][] {
  const out: Hop[][] = [];
  const trigger = plan.triggers[0];
  if (trigger === undefined) return out;
  const stack: { key: StepKey; hops: Hop[] }[] = [
    { key: trigger.key, hops: [] },
  ];
  let visits = 0;
  while (stack.length > 0 && out.length < MAX_ROUTES && visits++ < 10_000) {
    const { key, hops } = stack.pop() ?? { key: "", hops: [] };
    if (key === target) {
      out.push(hops);
      continue;
    }
    const step = plan.graph.steps.get(key);
    if (step === undefined) continue;
    const ports =
      step.taskType === "CONDITION"
        ? ["true", "false"]
        : step.taskType === "FOREACH"
          ? ["loop_body", "after"]
          : ["output"];
    for (const port of ports) {
      const hop: Hop | undefined =
        step.taskType === "CONDITION"
          ? { kind: "condition", step: key, port }
          : step.taskType === "FOREACH" && port === "loop_body"
            ? {
                kind: "loop",
                step: key,
                listPath: plan.foreach.get(key)?.listPath ?? "",
              }
            : undefined;
      for (const t of plan.graph.targets(key, port))
        stack.push({ key: t, hops: hop === undefined ? hops : [...hops, hop] });
    }
  }
  return out;
}

/** The base payload with the patch applied; patches on step outputs become stubs. */
function materialize(
  m: Materializer,
  payload: SimRecord,
  patch: Patch,
): TriggerEvent {
  const out: Record<string, SimValue> = { ...payload };
  const stubs: Record<string, SimValue> = {};
  for (const [root, node] of patch) {
    if (isOutputVariable(m.plan, root) && !(root in payload))
      stubs[root] = applyNode(m, undefined, node, [root]);
    else out[root] = applyNode(m, out[root], node, [root]);
  }
  return Object.keys(stubs).length === 0
    ? { payload: out }
    : { payload: out, stubs };
}
