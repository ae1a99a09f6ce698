import {
  loadWorkflow,
  readDocument,
  type FlowWorkflow,
  type Result,
} from "@flowpy/transpiler";

/** Flow JSON text (agent, IaC or `.flow` export form) → the workflow model, or diagnostics. */
export function readWorkflow(text: string): Result<FlowWorkflow> {
  const read = readDocument(text);
  if (!read.ok) return read;
  const loaded = loadWorkflow(read.value.node);
  if (!loaded.ok) return loaded;
  return {
    ok: true,
    value: loaded.value.workflow,
    diagnostics: loaded.diagnostics,
  };
}
