import {
  jsonArray,
  jsonObject,
  quotesAsIs,
  type JsonNode,
} from "../../json/json-node.js";
import { prettyStyle, printJsonAt } from "../../json/print-json.js";
import {
  appendText,
  builtText,
  createTextBuilder,
  type TextBuilder,
} from "../../json/text-builder.js";
import { stepPositions } from "./encode-document.js";
import type { FlowStep, FlowWorkflow, StepKey } from "./model.js";

/**
 * `writeDocument(encodeDocument(workflow), documentForms.agent)`, written straight to text:
 * the same characters without the JSON tree in between, whose nodes and quoted lexemes
 * (several per config entry) cost more than the text itself on `compile`'s hot path.
 * The key order and layout are `encodeDocument`'s (the equality is tested on the corpus
 * and on generated workflows).
 */
export function writeAgentDocument(workflow: FlowWorkflow): string {
  const w: Writer = { b: createTextBuilder(), open: false };
  put(w, ROOT.open);
  putString(w, ROOT.name, workflow.name);
  if (workflow.note !== null) putString(w, ROOT.note, workflow.note);
  put(w, ROOT.steps);
  const positions = stepPositions(workflow);
  if (workflow.steps.length === 0) put(w, EMPTY_LIST);
  else {
    for (const [k, step] of workflow.steps.entries()) {
      put(w, k === 0 ? ROOT.firstItem : ROOT.item);
      writeStep(w, step, positions.get(step.key) ?? [0, 0]);
      put(w, ROOT.itemEnd);
    }
    put(w, ROOT.listEnd);
  }
  put(w, ROOT.links);
  if (workflow.links.length === 0) put(w, EMPTY_LIST);
  else {
    const ids = new Map<StepKey, JsonNode>();
    for (const s of workflow.steps) ids.set(s.key, s.id);
    for (const [k, l] of workflow.links.entries()) {
      put(w, k === 0 ? ROOT.firstItem : ROOT.item);
      put(w, LINK.from);
      putNode(w, ids.get(l.from), 4);
      putString(w, LINK.fromPort, l.fromPort);
      put(w, LINK.to);
      putNode(w, ids.get(l.to), 4);
      putString(w, LINK.toPort, l.toPort);
      put(w, ROOT.itemEnd);
    }
    put(w, ROOT.listEnd);
  }
  put(w, ROOT.patchedFields);
  putNode(
    w,
    jsonArray(workflow.patchedFields.map((p) => jsonObject(p.entries))),
    2,
  );
  if (workflow.variables.length > 0) {
    put(w, ROOT.variables);
    putNode(w, jsonArray(workflow.variables), 2);
  }
  put(w, ROOT.close);
  return builtText(w.b);
}

/** The entries of one step object (at depth 4), without its braces. */
function writeStep(
  w: Writer,
  step: FlowStep,
  [x, y]: readonly [number, number],
): void {
  put(w, STEP.id);
  putNode(w, step.id, 4);
  put(w, STEP.position);
  appendText(w.b, String(x));
  put(w, STEP.positionSeparator);
  appendText(w.b, String(y));
  putString(w, STEP.taskId, step.taskId);
  putString(w, STEP.taskVersion, step.taskVersion);
  putString(w, STEP.taskType, step.taskType);
  if (step.config.length === 0) put(w, STEP.noConfig);
  else {
    for (const [k, c] of step.config.entries()) {
      putString(w, k === 0 ? STEP.firstFieldId : STEP.fieldId, c.fieldId);
      putString(w, STEP.value, c.value);
    }
    put(w, STEP.configsEnd);
  }
  if (step.description !== null)
    putString(w, STEP.description, step.description);
  if (step.note !== null) putString(w, STEP.note, step.note);
  if (step.name !== null) putString(w, STEP.name, step.name);
}

/**
 * The text being built, and whether a string value is still open: its closing quote is
 * written as the first character of the next glue (one piece fewer per string value).
 */
interface Writer {
  readonly b: TextBuilder;
  open: boolean;
}

/** Constant text between values, in two spellings: as is, and after an open string's closing quote. */
interface Glue {
  readonly plain: string;
  readonly quoted: string;
}

function put(w: Writer, glue: Glue): void {
  appendText(w.b, w.open ? glue.quoted : glue.plain);
  w.open = false;
}

/** A missing node is written as `null`, as `encodeDocument` writes a link to an unknown step. */
function putNode(w: Writer, node: JsonNode | undefined, level: number) {
  appendText(
    w.b,
    node === undefined
      ? "null"
      : node.kind === "number" || node.kind === "string"
        ? node.raw
        : printJsonAt(node, prettyStyle, level),
  );
}

/**
 * `glue` (which ends with the opening quote), then the string's content as `quoteJson`
 * writes it; the closing quote comes with the next glue. The common value that needs no
 * escape goes in as is, not copied.
 */
function putString(w: Writer, glue: Glue, value: string): void {
  put(w, glue);
  appendText(
    w.b,
    quotesAsIs(value) ? value : JSON.stringify(value).slice(1, -1),
  );
  w.open = true;
}

/** The line break and indentation before a member at `depth` (2 spaces per level). */
function at(depth: number): string {
  return `\n${"  ".repeat(depth)}`;
}

function glue(plain: string): Glue {
  return { plain, quoted: `"${plain}` };
}

/*
 * The constant text between the values of the agent form (prettyStyle: 2-space indent,
 * `": "` after keys), one string per gap so that each costs one piece. Built once;
 * immutable tables, so sharing them is safe.
 */
const EMPTY_LIST = glue("[]");

const ROOT = {
  open: glue(
    `{${at(1)}"__metadata": {${at(2)}"version": 0.1${at(1)}},${at(1)}"root": {`,
  ),
  name: glue(`${at(2)}"workflow_name": "`),
  note: glue(`,${at(2)}"note": "`),
  steps: glue(`,${at(2)}"steps": `),
  links: glue(`,${at(2)}"links": `),
  patchedFields: glue(`,${at(2)}"patched_fields": `),
  variables: glue(`,${at(2)}"variables": `),
  firstItem: glue(`[${at(3)}{`),
  item: glue(`,${at(3)}{`),
  itemEnd: glue(`${at(3)}}`),
  listEnd: glue(`${at(2)}]`),
  close: glue(`${at(1)}}${at(0)}}`),
} as const;

const STEP = {
  id: glue(`${at(4)}"step_id": `),
  position: glue(`,${at(4)}"step_position": [${at(5)}`),
  positionSeparator: glue(`,${at(5)}`),
  taskId: glue(`${at(4)}],${at(4)}"task_id": "`),
  taskVersion: glue(`,${at(4)}"task_version": "`),
  taskType: glue(`,${at(4)}"task_type": "`),
  noConfig: glue(`,${at(4)}"config_field_values": []`),
  firstFieldId: glue(
    `,${at(4)}"config_field_values": [${at(5)}{${at(6)}"config_field_id": "`,
  ),
  fieldId: glue(`${at(5)}},${at(5)}{${at(6)}"config_field_id": "`),
  value: glue(`,${at(6)}"value": "`),
  configsEnd: glue(`${at(5)}}${at(4)}]`),
  description: glue(`,${at(4)}"description": "`),
  note: glue(`,${at(4)}"note": "`),
  name: glue(`,${at(4)}"name": "`),
} as const;

const LINK = {
  from: glue(`${at(4)}"from_step_id": `),
  fromPort: glue(`,${at(4)}"from_port_id": "`),
  to: glue(`,${at(4)}"to_step_id": `),
  toPort: glue(`,${at(4)}"to_port_id": "`),
} as const;
