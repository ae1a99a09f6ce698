import { camelCaseStepName } from "./names.js";
import type { TaskLookup } from "./known-tasks.js";

/**
 * Flow names step outputs by camel-casing the step name (or the task's default variable)
 * and numbering repeats from 1 (`getOrderData`, `getOrderData1`). Both directions walk the
 * steps in the same (Python) order with one namer, so the numbering agrees.
 */
export interface VariableNamer {
  /** The variable the step would get, without consuming the name. */
  readonly peek: (name: string | null, taskId: string) => string | undefined;
  readonly take: (name: string | null, taskId: string) => string | undefined;
}

export function createVariableNamer(tasks: TaskLookup): VariableNamer {
  const counts = new Map<string, number>();
  // Method shorthand and module-level helpers rather than named arrow functions: under
  // esbuild's keepNames (tsx) each named closure costs a `defineProperty` when created.
  return {
    peek(name, taskId) {
      return peekVariable(tasks, counts, name, taskId);
    },
    take(name, taskId) {
      const b = baseVariable(tasks, name, taskId);
      if (b === undefined) return undefined;
      const n = counts.get(b) ?? 0;
      counts.set(b, n + 1);
      return n === 0 ? b : `${b}${n}`;
    },
  };
}

function baseVariable(
  tasks: TaskLookup,
  name: string | null,
  taskId: string,
): string | undefined {
  return name !== null
    ? camelCaseStepName(name) || undefined
    : tasks(taskId)?.outputVariable;
}

function peekVariable(
  tasks: TaskLookup,
  counts: ReadonlyMap<string, number>,
  name: string | null,
  taskId: string,
): string | undefined {
  const b = baseVariable(tasks, name, taskId);
  if (b === undefined) return undefined;
  const n = counts.get(b) ?? 0;
  return n === 0 ? b : `${b}${n}`;
}
