import {
  flowToPython,
  loadWorkflow,
  readDocument,
  type Catalog,
  type Diagnostic,
  type FlowStep,
  type Result,
} from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";
import type { PromptWorkflow } from "./request-prompt.js";

const typeWords = {
  TRIGGER: "Trigger",
  CONDITION: "Condition",
  ACTION: "Action",
  FOREACH: "For each",
  WAIT: "Wait",
} as const satisfies Record<FlowStep["taskType"], string>;

/**
 * What a request prompt shows of a workflow: its Python form and the catalog labels of its
 * tasks (trigger first, then in document order, each once). A task the catalog lacks is
 * listed by its id; the caller decides whether such a workflow is wanted at all.
 */
export function promptWorkflow(
  json: string,
  catalog: Catalog,
): Result<PromptWorkflow> {
  const read = readDocument(json);
  const loaded = read.ok ? loadWorkflow(read.value.node) : read;
  const printed = flowToPython(json);
  if (!loaded.ok || !printed.ok)
    return workflowInvalid([
      ...loaded.diagnostics,
      ...(printed.ok ? [] : printed.diagnostics),
    ]);
  const steps = [...loaded.value.workflow.steps].sort(
    (a, b) =>
      Number(b.taskType === "TRIGGER") - Number(a.taskType === "TRIGGER"),
  );
  const tasks: string[] = [];
  for (const step of steps) {
    const task = catalog.task(step.taskId, step.taskVersion);
    const kind = typeWords[step.taskType];
    const line =
      task === undefined
        ? `${kind}: ${step.taskId} (not in the catalog)`
        : step.taskType === "CONDITION" ||
            step.taskType === "FOREACH" ||
            step.taskType === "WAIT"
          ? kind
          : `${kind}: ${task.label}`;
    if (!tasks.includes(line)) tasks.push(line);
  }
  return {
    ok: true,
    value: { python: printed.value.python, tasks },
    diagnostics: [],
  };
}

/** The request writers' single rejection of a workflow, quoting the first few causes. */
export function workflowInvalid<T>(
  diagnostics: readonly Diagnostic[],
): Result<T> {
  const errors = diagnostics.filter((d) => d.severity === "error");
  return {
    ok: false,
    diagnostics: [
      {
        code: sdkCodes.requestWorkflowInvalid,
        severity: "error",
        message: `no request can be written for this workflow: ${(errors.length >
        0
          ? errors
          : diagnostics
        )
          .slice(0, 3)
          .map((d) => `${d.code}: ${d.message}`)
          .join("; ")}`,
      },
    ],
  };
}
