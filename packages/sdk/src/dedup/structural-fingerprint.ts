import {
  canonicalWorkflow,
  checkGraph,
  type FlowStep,
  type FlowWorkflow,
  type Result,
} from "@flowpy/transpiler";
import { sha256Hex } from "../sha256-hex.js";
import {
  invalid,
  loadKeyedWorkflow,
  type KeyedWorkflow,
} from "./load-keyed-workflow.js";
import {
  configValueShape,
  jsonShape,
  patchedFieldShape,
} from "./value-shape.js";

/** Bumped whenever what the fingerprint keeps changes, so old and new never compare equal. */
export const FINGERPRINT_VERSION = "flowpy-fingerprint/1";

// Shapes are stored as config values that no decoder reads as JSON or as a condition, so
// the transpiler's canonical form passes them through as opaque text.
const SHAPE_PREFIX = "~";

/**
 * The near-duplicate key of a workflow: SHA-256 of its structure with the literals left
 * out. Two workflows get the same fingerprint when they are the same automation with other
 * values filled in (another tag, threshold, email text, name).
 *
 * Kept: the graph (which step feeds which, on which port: `true`/`false`, `loop_body`/
 * `after`, and where branches merge), each step's task id and task type, the set of config
 * field ids of each step and each value's shape (see `value-shape.ts`: Liquid vs plain
 * text vs empty, JSON structure and object keys, list empty or not, environment
 * references), each condition's AND/OR structure, operators, paths and literal types, the
 * workflow's patched fields (metafield declarations: type, field and handle kept, their
 * arguments shaped) and the shapes of its variables.
 *
 * Ignored: every literal (strings, numbers, booleans, list lengths beyond empty/non-empty),
 * the workflow name and note, step names, descriptions and notes, task versions (a version
 * bump of the same task is the same automation), the order of operands inside one AND/OR,
 * quantifier binder names, and, as for `exactKey`, step ids, step/link/sibling order,
 * document form, layout and positions. The sibling order is removed by the transpiler's
 * canonical graph form (`canonicalWorkflow`), which hashes each step bottom-up together
 * with its sorted children per port, so the fingerprint is that form over shaped steps.
 *
 * Equal exact keys imply equal fingerprints (every shape is computed from the canonical
 * value the exact key hashes).
 */
export function structuralFingerprint(json: string): Result<string> {
  const loaded = loadKeyedWorkflow(json);
  return loaded.ok ? fingerprintOf(loaded.value) : loaded;
}

export function fingerprintOf(keyed: KeyedWorkflow): Result<string> {
  const { workflow } = keyed;
  const shaped: FlowWorkflow = {
    name: "",
    note: null,
    variables: [],
    patchedFields: [],
    steps: workflow.steps.map(shapeStep),
    links: workflow.links,
  };
  // Same steps and links as the loaded workflow, so the graph checks already passed.
  const { graph } = checkGraph(shaped);
  const canonical = canonicalWorkflow(shaped, graph);
  if (!canonical.ok)
    return { ok: false, diagnostics: invalid(canonical.diagnostics) };
  return {
    ok: true,
    value: sha256Hex(
      JSON.stringify([
        FINGERPRINT_VERSION,
        canonical.value,
        workflow.variables.map(jsonShape),
        workflow.patchedFields.map((p) => patchedFieldShape(p.entries)).sort(),
      ]),
    ),
    diagnostics: [],
  };
}

function shapeStep(step: FlowStep): FlowStep {
  return {
    ...step,
    taskVersion: "",
    name: null,
    description: null,
    note: null,
    config: step.config.map((c) => ({
      fieldId: c.fieldId,
      value: SHAPE_PREFIX + configValueShape(c.fieldId, c.value),
    })),
  };
}
