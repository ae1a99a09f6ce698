import fc from "fast-check";
import type { SimRecord, SimValue } from "./sim-value.js";
import type { TriggerEvent } from "./trace.js";
import {
  unknownArbitrary,
  valueArbitrary,
  type ArbitraryContext,
} from "./value-arbitrary.js";
import type { WorkflowPlan } from "./workflow-plan.js";

/** The arbitrary of a trigger payload: every root the trigger provides, typed by the catalog. */
export function payloadArbitrary(
  plan: WorkflowPlan,
  arbitraries: ArbitraryContext,
): fc.Arbitrary<SimRecord> {
  const entries: Record<string, fc.Arbitrary<SimValue>> = {};
  for (const [root, type] of plan.roots)
    entries[root] = valueArbitrary(type, plan.usage.get(root), arbitraries);
  // Roots the workflow reads that nothing else provides (an unknown trigger's objects).
  const provided = new Set<string>([
    ...[...plan.outputs.values()].map((o) => o.variable),
    ...[...plan.foreach.values()].map((f) => f.variable),
  ]);
  for (const [root, usage] of plan.usage)
    if (!(root in entries) && !provided.has(root))
      entries[root] = unknownArbitrary(usage, arbitraries, 0, root);
  return fc.record(entries) as fc.Arbitrary<SimRecord>;
}

export function randomEvents(
  plan: WorkflowPlan,
  arbitraries: ArbitraryContext,
  seed: number,
  count: number,
): TriggerEvent[] {
  if (count <= 0) return [];
  return fc
    .sample(payloadArbitrary(plan, arbitraries), { seed, numRuns: count })
    .map((payload) => ({ payload }));
}
