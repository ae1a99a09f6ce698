import { knownTaskEntries } from "./known-tasks.generated.js";

export type TaskType = "TRIGGER" | "CONDITION" | "ACTION" | "FOREACH" | "WAIT";

/** What the printer needs to know about a task to print it idiomatically. */
export interface KnownTask {
  readonly version: string;
  readonly type: string;
  /** Variable a step of this task binds when it has no custom name (`getOrderData`). */
  readonly outputVariable?: string;
  /** Environment roots a trigger provides, without `shop` (which every trigger has). */
  readonly roots?: readonly string[];
}

/**
 * Task facts by id. Users with their own catalog pass a lookup with the same shape; the
 * bundled table only changes how Python looks (defaults that need not be spelled out),
 * never whether a round trip is exact: anything that differs from a default is printed.
 */
export type TaskLookup = (taskId: string) => KnownTask | undefined;

const bundled: ReadonlyMap<string, KnownTask> = new Map(knownTaskEntries);

export const bundledTaskLookup: TaskLookup = (taskId) => bundled.get(taskId);

export const DEFAULT_TASK_VERSION = "0.1";
