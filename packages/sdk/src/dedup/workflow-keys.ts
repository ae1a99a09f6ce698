import type { Result } from "@flowpy/transpiler";
import { exactKeyOf } from "./exact-key.js";
import { loadKeyedWorkflow } from "./load-keyed-workflow.js";
import { fingerprintOf } from "./structural-fingerprint.js";

export interface WorkflowKeys {
  readonly exactKey: string;
  readonly fingerprint: string;
}

/** `exactKey` and `structuralFingerprint` of one document, reading it once. */
export function workflowKeys(json: string): Result<WorkflowKeys> {
  const loaded = loadKeyedWorkflow(json);
  if (!loaded.ok) return loaded;
  const exact = exactKeyOf(loaded.value);
  if (!exact.ok) return exact;
  const fingerprint = fingerprintOf(loaded.value);
  if (!fingerprint.ok) return fingerprint;
  return {
    ok: true,
    value: { exactKey: exact.value, fingerprint: fingerprint.value },
    diagnostics: [],
  };
}
