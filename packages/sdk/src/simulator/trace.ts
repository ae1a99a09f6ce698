import type { Diagnostic, StepKey } from "@flowpy/transpiler";
import { canonicalJson, type SimRecord, type SimValue } from "./sim-value.js";

/** The trigger payload of one run: root variables such as `{ order, shop }`. */
export interface TriggerEvent {
  readonly payload: SimRecord;
  /** Step outputs by variable name, merged over the simulator's defaults (records key by key). */
  readonly stubs?: SimRecord;
}

/** An ACTION that ran, with its config decoded and rendered. */
export interface ActionEntry {
  readonly kind: "action";
  readonly stepKey: StepKey;
  readonly taskId: string;
  readonly arguments: SimRecord;
}

/** The port a CONDITION took, and why. */
export interface BranchEntry {
  readonly kind: "branch";
  readonly stepKey: StepKey;
  readonly port: "true" | "false";
  readonly reason: string;
}

/** A FOREACH started: how many items its list had and whether the 100-item limit cut it. */
export interface LoopEntry {
  readonly kind: "loop";
  readonly stepKey: StepKey;
  readonly listPath: string;
  readonly items: number;
  readonly truncated: boolean;
}

/** One pass of a FOREACH body (0-based). */
export interface IterationEntry {
  readonly kind: "iteration";
  readonly stepKey: StepKey;
  readonly index: number;
}

/** A WAIT that would have paused the run (recorded, never slept). */
export interface WaitEntry {
  readonly kind: "wait";
  readonly stepKey: StepKey;
  readonly taskId: string;
  readonly arguments: SimRecord;
}

/** A step that could not run (unbound variable, bad Liquid, …); its path stops here. */
export interface FailureEntry {
  readonly kind: "failure";
  readonly stepKey: StepKey;
  readonly taskId: string;
  readonly code: string;
  readonly message: string;
}

export type TraceEntry =
  | ActionEntry
  | BranchEntry
  | LoopEntry
  | IterationEntry
  | WaitEntry
  | FailureEntry;

export type TraceEntryKind = TraceEntry["kind"];

export interface SimulationResult {
  /**
   * Entries in execution order. Branches leaving one port (fan-out) have no order in Flow;
   * they appear sorted by what they do, so the order never depends on link order or ids.
   */
  readonly trace: readonly TraceEntry[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * What an outside observer sees of a run: actions (task and arguments), waits and
 * failures, without step ids, branch reasons or loop bookkeeping. Two runs behave the
 * same when their observable traces are equal.
 */
export type ObservableEntry =
  | {
      readonly kind: "action" | "wait";
      readonly taskId: string;
      readonly arguments: SimRecord;
    }
  | {
      readonly kind: "failure";
      readonly taskId: string;
      readonly code: string;
    };

export function observable(trace: readonly TraceEntry[]): ObservableEntry[] {
  const out: ObservableEntry[] = [];
  for (const e of trace) {
    if (e.kind === "action" || e.kind === "wait")
      out.push({ kind: e.kind, taskId: e.taskId, arguments: e.arguments });
    else if (e.kind === "failure")
      out.push({ kind: "failure", taskId: e.taskId, code: e.code });
  }
  return out;
}

export function observableKey(entry: ObservableEntry): string {
  return canonicalJson(entry as unknown as SimValue);
}
