import {
  loadWorkflow,
  readDocument,
  type Diagnostic,
  type FlowGraph,
  type FlowWorkflow,
  type Result,
} from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";

export interface KeyedWorkflow {
  readonly workflow: FlowWorkflow;
  readonly graph: FlowGraph;
}

/**
 * Reads a workflow document for keying. A document that does not load has no key: the
 * answer is one `dedup-workflow-invalid` error followed by the reader's own diagnostics.
 */
export function loadKeyedWorkflow(json: string): Result<KeyedWorkflow> {
  const read = readDocument(json);
  const loaded = read.ok ? loadWorkflow(read.value.node) : read;
  if (loaded.ok) return loaded;
  return { ok: false, diagnostics: invalid(loaded.diagnostics) };
}

export function invalid(causes: readonly Diagnostic[]): readonly Diagnostic[] {
  const first = causes[0];
  const head: Diagnostic = {
    code: sdkCodes.dedupWorkflowInvalid,
    severity: "error",
    message: `the workflow does not load, so it has no dedup key${first === undefined ? "" : `: ${first.message}`}`,
    hint: "Quarantine the record; exact and structural keys exist only for valid workflows.",
  };
  return [head, ...causes];
}
