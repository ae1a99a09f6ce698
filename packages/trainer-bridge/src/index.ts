/**
 * @flowpy/trainer-bridge — training jobs and serving configs for the Flow agent model.
 * This release carries only the package boundary (it depends on the SDK's public entry);
 * the training spec, planner and emitters are tracked as a separate issue and land here.
 */
import { workflowTarget } from "@flowpy/sdk";

/** Counts how many workflows of a dataset transpile, the first gate before a training run. */
export function countTrainable(workflows: readonly string[]): {
  readonly ok: number;
  readonly failed: number;
} {
  let ok = 0;
  for (const w of workflows) if ("python" in workflowTarget(w)) ok++;
  return { ok, failed: workflows.length - ok };
}
