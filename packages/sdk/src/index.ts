/**
 * @flowpy/sdk — turns real workflows into training data for tool-calling Flow agents.
 * This release carries only the boundary to the transpiler; the agent tools, trajectories,
 * datasets and evaluation are tracked as separate issues and land here.
 */
import { flowToPython } from "@flowpy/transpiler";

/** The Python form of a workflow as a training target, or the transpiler's diagnostics. */
export function workflowTarget(
  json: string,
): { readonly python: string } | { readonly errors: readonly string[] } {
  const result = flowToPython(json);
  return result.ok
    ? { python: result.value.python }
    : { errors: result.diagnostics.map((d) => `${d.code}: ${d.message}`) };
}
