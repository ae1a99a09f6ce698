import {
  jsonArray,
  jsonNull,
  jsonNumber,
  jsonObject,
  jsonString,
  type JsonEntry,
  type JsonNode,
} from "../../json/json-node.js";
import type { FlowStep, FlowWorkflow, StepKey } from "./model.js";

/**
 * Writes a workflow in the agent form (SPEC §a.1) with an automatic layout: each step sits
 * one row below its deepest parent (vertical layout, 200 apart) and siblings on one row are
 * spread 360 apart, in Python order. Key order follows the documented agent examples.
 */
export function encodeDocument(workflow: FlowWorkflow): JsonNode {
  const positions = layout(workflow);
  const ids = new Map(workflow.steps.map((s) => [s.key, s.id]));
  const root: [string, JsonNode][] = [
    ["workflow_name", jsonString(workflow.name)],
  ];
  if (workflow.note !== null) root.push(["note", jsonString(workflow.note)]);
  root.push(
    [
      "steps",
      jsonArray(
        workflow.steps.map((s) =>
          encodeStep(s, positions.get(s.key) ?? origin()),
        ),
      ),
    ],
    [
      "links",
      jsonArray(
        workflow.links.map((l): JsonNode => ({
          kind: "object",
          entries: [
            entry("from_step_id", ids.get(l.from) ?? jsonNull()),
            entry("from_port_id", jsonString(l.fromPort)),
            entry("to_step_id", ids.get(l.to) ?? jsonNull()),
            entry("to_port_id", jsonString(l.toPort)),
          ],
        })),
      ),
    ],
    [
      "patched_fields",
      jsonArray(workflow.patchedFields.map((p) => jsonObject(p.entries))),
    ],
  );
  if (workflow.variables.length > 0)
    root.push(["variables", jsonArray(workflow.variables)]);
  return jsonObject([
    ["__metadata", jsonObject([["version", jsonNumber("0.1")]])],
    ["root", jsonObject(root)],
  ]);
}

/** The lexemes of the keys written per step and link (plain ASCII: the key in quotes), built once. */
const KEY_LEXEMES: ReadonlyMap<string, string> = new Map(
  [
    "step_id",
    "step_position",
    "task_id",
    "task_version",
    "task_type",
    "config_field_values",
    "config_field_id",
    "value",
    "description",
    "note",
    "name",
    "from_step_id",
    "from_port_id",
    "to_step_id",
    "to_port_id",
  ].map((key) => [key, `"${key}"`]),
);

const entry = (key: string, value: JsonNode): JsonEntry => ({
  key,
  keyRaw: KEY_LEXEMES.get(key) ?? JSON.stringify(key),
  value,
});

function encodeStep(step: FlowStep, position: JsonNode): JsonNode {
  const entries: JsonEntry[] = [
    entry("step_id", step.id),
    entry("step_position", position),
    entry("task_id", jsonString(step.taskId)),
    entry("task_version", jsonString(step.taskVersion)),
    entry("task_type", jsonString(step.taskType)),
    entry(
      "config_field_values",
      jsonArray(
        step.config.map((c) => ({
          kind: "object",
          entries: [
            entry("config_field_id", jsonString(c.fieldId)),
            entry("value", jsonString(c.value)),
          ],
        })),
      ),
    ),
  ];
  if (step.description !== null)
    entries.push(entry("description", jsonString(step.description)));
  if (step.note !== null) entries.push(entry("note", jsonString(step.note)));
  if (step.name !== null) entries.push(entry("name", jsonString(step.name)));
  return { kind: "object", entries };
}

const origin = (): JsonNode => jsonArray([jsonNumber(0), jsonNumber(0)]);

/** The `step_position` node of each step. */
function layout(workflow: FlowWorkflow): Map<StepKey, JsonNode> {
  const out = new Map<StepKey, JsonNode>();
  // Coordinates repeat from step to step: one (immutable) number node per value, shared.
  const numbers = new Map<number, JsonNode>();
  const number = (n: number): JsonNode => {
    let node = numbers.get(n);
    if (node === undefined) {
      node = jsonNumber(n);
      numbers.set(n, node);
    }
    return node;
  };
  for (const [key, [x, y]] of stepPositions(workflow))
    out.set(key, jsonArray([number(x), number(y)]));
  return out;
}

/** The `[x, y]` of each step, in step order. */
export function stepPositions(
  workflow: FlowWorkflow,
): Map<StepKey, readonly [number, number]> {
  const row = new Map<StepKey, number>();
  for (const s of workflow.steps) row.set(s.key, 0);
  // Links only go forward in Python order except into merge functions, so a few relaxation
  // passes settle every row; the pass count is bounded by the step count (acyclic graph).
  for (let pass = 0; pass < workflow.steps.length; pass++) {
    let changed = false;
    for (const l of workflow.links) {
      const want = (row.get(l.from) ?? 0) + 1;
      if ((row.get(l.to) ?? 0) < want) {
        row.set(l.to, want);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const used = new Map<number, number>();
  const out = new Map<StepKey, readonly [number, number]>();
  for (const s of workflow.steps) {
    const r = row.get(s.key) ?? 0;
    const col = used.get(r) ?? 0;
    used.set(r, col + 1);
    out.set(s.key, [col * 360, r * 200]);
  }
  return out;
}
