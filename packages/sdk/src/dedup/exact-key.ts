import { canonicalWorkflow, type Result } from "@flowpy/transpiler";
import { sha256Hex } from "../sha256-hex.js";
import {
  invalid,
  loadKeyedWorkflow,
  type KeyedWorkflow,
} from "./load-keyed-workflow.js";

/**
 * The exact-duplicate key of a workflow: the SHA-256 of its canonical form, the same text
 * `canonicalWorkflowText` and `sameWorkflow` compare, so "exact duplicate" here means
 * "the same workflow" everywhere in the SDK.
 *
 * What it ignores, because none of it changes the workflow or the Python it prints as:
 * the document form (agent, IaC, `.flow` export and its prefix), JSON layout and key order,
 * step ids and their spelling, the order of steps, of links and of branches on one port,
 * canvas positions, condition-node uuids and other formatting kept as trivia, and how JSON
 * inside a config string is spelled.
 *
 * What it keeps: everything the Python target shows: task ids and versions, every config
 * value with its literals, conditions, the graph, variables and patched fields, and also
 * the workflow name, notes and step names/descriptions. Those texts are part of the
 * training target, so two rows that differ only there are not byte-identical examples;
 * a copy renamed "Copy of …" is still caught as a near-duplicate by the structural
 * fingerprint, which ignores all text and keeps such copies in one split.
 */
export function exactKey(json: string): Result<string> {
  const loaded = loadKeyedWorkflow(json);
  return loaded.ok ? exactKeyOf(loaded.value) : loaded;
}

export function exactKeyOf(keyed: KeyedWorkflow): Result<string> {
  const canonical = canonicalWorkflow(keyed.workflow, keyed.graph);
  if (!canonical.ok)
    return { ok: false, diagnostics: invalid(canonical.diagnostics) };
  return {
    ok: true,
    value: sha256Hex(JSON.stringify(canonical.value)),
    diagnostics: [],
  };
}
