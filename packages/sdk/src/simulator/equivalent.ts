import type { Catalog, FlowWorkflow } from "@flowpy/transpiler";
import { createSimulator } from "./simulate.js";
import type { SimRecord } from "./sim-value.js";
import {
  observable,
  observableKey,
  type ObservableEntry,
  type SimulationResult,
  type TraceEntry,
  type TriggerEvent,
} from "./trace.js";

/** How actions of one kind compare: in the order they ran, or as a multiset. */
export type OrderMode = "ordered" | "multiset";

/** One mode for every kind, or modes by kind (task id; `wait`/`failure` entries use their task id too). */
export type OrderPolicy = OrderMode | Readonly<Record<string, OrderMode>>;

export interface EquivalenceOptions {
  readonly events: readonly TriggerEvent[];
  readonly catalog: Catalog;
  /** Default "ordered": the canonical execution order (see `SimulationResult.trace`) must agree. */
  readonly order?: OrderPolicy;
  readonly now?: string;
  readonly stubs?: SimRecord;
}

export interface Difference {
  readonly event: TriggerEvent;
  readonly candidateTrace: readonly TraceEntry[];
  readonly referenceTrace: readonly TraceEntry[];
}

export interface Equivalence {
  /** Share of events on which both workflows behave the same (1 when there are no events). */
  readonly score: number;
  readonly equal: number;
  readonly total: number;
  readonly firstDifference?: Difference;
}

/**
 * Execution-based equivalence: runs both workflows on the same events and compares what
 * an observer sees (actions with their rendered arguments, waits, failures).
 */
export function equivalent(
  candidate: FlowWorkflow,
  reference: FlowWorkflow,
  options: EquivalenceOptions,
): Equivalence {
  const simOptions = {
    catalog: options.catalog,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.stubs === undefined ? {} : { stubs: options.stubs }),
  };
  const runCandidate = createSimulator(candidate, simOptions);
  const runReference = createSimulator(reference, simOptions);
  let equal = 0;
  let firstDifference: Difference | undefined;
  for (const event of options.events) {
    const c = runCandidate(event);
    const r = runReference(event);
    if (sameBehaviour(c, r, options.order ?? "ordered")) equal++;
    else
      firstDifference ??= {
        event,
        candidateTrace: c.trace,
        referenceTrace: r.trace,
      };
  }
  const total = options.events.length;
  return {
    score: total === 0 ? 1 : equal / total,
    equal,
    total,
    ...(firstDifference === undefined ? {} : { firstDifference }),
  };
}

export function sameBehaviour(
  a: SimulationResult,
  b: SimulationResult,
  order: OrderPolicy = "ordered",
): boolean {
  return observableEqual(observable(a.trace), observable(b.trace), order);
}

export function observableEqual(
  a: readonly ObservableEntry[],
  b: readonly ObservableEntry[],
  order: OrderPolicy,
): boolean {
  if (a.length !== b.length) return false;
  const mode = (e: ObservableEntry): OrderMode =>
    typeof order === "string" ? order : (order[e.taskId] ?? "ordered");
  const split = (entries: readonly ObservableEntry[]) => {
    const ordered: string[] = [];
    const multiset: string[] = [];
    for (const e of entries)
      (mode(e) === "ordered" ? ordered : multiset).push(observableKey(e));
    multiset.sort();
    return [...ordered, "\u0000", ...multiset];
  };
  const x = split(a);
  const y = split(b);
  return x.length === y.length && x.every((k, i) => k === y[i]);
}
