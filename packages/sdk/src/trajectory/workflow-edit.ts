import {
  decodeConditionValue,
  jsonToValue,
  printConditionDsl,
  readDocument,
  type CatalogTask,
  type Condition,
  type Operand,
} from "@flowpy/transpiler";
import type { JsonValue } from "../conversation/chat-message.js";
import { isPlainObject, type JsonObjectValue } from "../tools/json-schema.js";
import { seededOrder, seededPick } from "./seeded-choice.js";
import { stepHighlights, stringList } from "./step-highlights.js";
import type { StepFact, WorkflowFacts } from "./workflow-facts.js";

/**
 * A real change between a merchant's current workflow and the corpus workflow the
 * trajectory must submit. The corpus workflow is always the target (it is the verified
 * one); the current workflow is derived from it by undoing the change.
 */
export type WorkflowEdit =
  | {
      readonly kind: "tag_value";
      readonly taskLabel: string;
      readonly task: CatalogTask;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: "threshold";
      readonly path: string;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: "added_action";
      readonly task: CatalogTask;
      readonly via: string;
      readonly highlights: readonly string[];
    };

export type WorkflowEditKind = WorkflowEdit["kind"];
export const workflowEditKinds: readonly WorkflowEditKind[] = [
  "tag_value",
  "threshold",
  "added_action",
];

export interface DerivedEdit {
  readonly edit: WorkflowEdit;
  /** The current workflow (JSON text) the merchant starts from. */
  readonly before: string;
}

/**
 * Every edit this workflow allows, one per kind at most, chosen with `seed`; the caller
 * checks that the current workflow still prints and compiles.
 */
export function deriveEdits(
  facts: WorkflowFacts,
  seed: number,
): readonly DerivedEdit[] {
  const read = readDocument(facts.json);
  if (!read.ok) return [];
  const document = jsonToValue(read.value.node);
  const out: DerivedEdit[] = [];
  for (const kind of workflowEditKinds) {
    const made = derivers[kind](facts, document, seed);
    if (made !== undefined) out.push(made);
  }
  return out;
}

type Deriver = (
  facts: WorkflowFacts,
  document: JsonValue,
  seed: number,
) => DerivedEdit | undefined;

const derivers = {
  tag_value(facts, document, seed) {
    const candidates = facts.steps.flatMap((s) =>
      s.step.config.flatMap((entry) => {
        const field = s.task.config_fields.find((f) => f.id === entry.fieldId);
        const items =
          field?.type === "list" ? stringList(entry.value) : undefined;
        if (items === undefined) return [];
        return items
          .filter((tag) => /^[\w -]{1,40}$/.test(tag))
          .map((tag) => ({ s, fieldId: entry.fieldId, items, tag }));
      }),
    );
    if (candidates.length === 0) return undefined;
    const c = seededPick(seed, "edit.tag", candidates);
    const old = seededOrder(seed, "edit.tag.old", [
      `${c.tag}-old`,
      `${c.tag}-test`,
      `${c.tag}-2`,
      `old-${c.tag}`,
    ]).find((t) => !c.items.includes(t));
    if (old === undefined) return undefined;
    const before = withConfigValue(
      document,
      c.s,
      c.fieldId,
      JSON.stringify(c.items.map((t) => (t === c.tag ? old : t))),
    );
    return before === undefined
      ? undefined
      : {
          edit: {
            kind: "tag_value",
            taskLabel: c.s.task.label,
            task: c.s.task,
            from: old,
            to: c.tag,
          },
          before,
        };
  },
  threshold(facts, document, seed) {
    const candidates = facts.steps.flatMap((s) => {
      if (s.task.task_type !== "CONDITION") return [];
      const entry = s.step.config.find((c) => c.fieldId === "condition");
      const condition = entry && decodeConditionValue(entry.value);
      if (condition === undefined) return [];
      return numberComparisons(condition).map((n) => ({ s, condition, ...n }));
    });
    if (candidates.length === 0) return undefined;
    const c = seededPick(seed, "edit.threshold", candidates);
    const from = otherNumber(c.text, seed);
    const changed = replaceLiteral(c.condition, c.index, from);
    const printed = printConditionDsl(changed);
    if (!printed.ok) return undefined;
    const before = withConfigValue(document, c.s, "condition", printed.value);
    return before === undefined
      ? undefined
      : { edit: { kind: "threshold", path: c.path, from, to: c.text }, before };
  },
  added_action(facts, document, seed) {
    // Without its only action the current workflow would not compile (no action), so a
    // merchant could not have it; the edit needs another action to remain.
    const actions = facts.steps.filter((s) => s.task.task_type === "ACTION");
    if (actions.length < 2) return undefined;
    const leaves = facts.steps.filter(
      (s) =>
        s.task.task_type === "ACTION" &&
        s.task.output_port_ids.every(
          (p) => facts.graph.targets(s.step.key, p).length === 0,
        ) &&
        facts.graph.indegree(s.step.key) === 1,
    );
    if (leaves.length === 0) return undefined;
    const leaf = seededPick(seed, "edit.added", leaves);
    const before = withoutStep(document, leaf);
    return before === undefined
      ? undefined
      : {
          edit: {
            kind: "added_action",
            task: leaf.task,
            via: leaf.via,
            highlights: stepHighlights(leaf.step, leaf.task),
          },
          before,
        };
  },
} satisfies Record<WorkflowEditKind, Deriver>;

/** Number literals compared with a path, each with its position in a depth-first walk. */
function numberComparisons(c: Condition): readonly {
  readonly index: number;
  readonly text: string;
  readonly path: string;
}[] {
  const out: { index: number; text: string; path: string }[] = [];
  let index = 0;
  const walk = (node: Condition): void => {
    switch (node.kind) {
      case "Logical":
        node.operands.forEach(walk);
        return;
      case "Quantified":
        walk(node.body);
        return;
      case "Unary":
        return;
      case "Comparison":
        for (const [lit, other] of [
          [node.rhs, node.lhs],
          [node.lhs, node.rhs],
        ] as const) {
          if (
            lit.kind === "Literal" &&
            lit.type === "number" &&
            other.kind === "Path"
          )
            out.push({ index, text: lit.text, path: other.path });
          if (lit.kind === "Literal") index++;
        }
    }
  };
  walk(c);
  return out;
}

function replaceLiteral(c: Condition, target: number, text: string): Condition {
  let index = 0;
  const operand = (o: Operand): Operand => {
    if (o.kind !== "Literal") return o;
    const here = index++;
    return here === target ? { ...o, text } : o;
  };
  const walk = (node: Condition): Condition => {
    switch (node.kind) {
      case "Logical":
        return { ...node, operands: node.operands.map(walk) };
      case "Quantified":
        return { ...node, body: walk(node.body) };
      case "Unary":
        return node;
      case "Comparison": {
        const rhs = operand(node.rhs);
        const lhs = operand(node.lhs);
        return { ...node, lhs, rhs };
      }
    }
  };
  return walk(c);
}

/** A plausible earlier threshold, spelled like the original (same decimals). */
function otherNumber(text: string, seed: number): string {
  const value = Number(text);
  const decimals = text.includes(".") ? (text.split(".")[1]?.length ?? 0) : 0;
  const options = [
    value * 2,
    value + 10,
    value === 0 ? 5 : value / 2,
    value + 1,
  ]
    .filter((v) => Number.isFinite(v) && v !== value && v >= 0)
    .map((v) =>
      decimals > 0 ? v.toFixed(decimals) : Number.isInteger(v) ? String(v) : "",
    )
    .filter((t) => t !== "" && t !== text);
  return seededPick(
    seed,
    "edit.threshold.value",
    options.length > 0 ? options : [`${text}1`],
  );
}

function stepsOf(document: JsonValue): readonly JsonValue[] | undefined {
  const root = isPlainObject(document) ? document["root"] : undefined;
  const steps =
    root !== undefined && isPlainObject(root) ? root["steps"] : undefined;
  return Array.isArray(steps) ? (steps as readonly JsonValue[]) : undefined;
}

/** The index of a step in the document's steps array: the last part of its JSON path. */
function stepIndex(fact: StepFact): number {
  const last = fact.step.path[fact.step.path.length - 1];
  return typeof last === "number" ? last : -1;
}

function withConfigValue(
  document: JsonValue,
  fact: StepFact,
  fieldId: string,
  value: string,
): string | undefined {
  const steps = stepsOf(document);
  const at = stepIndex(fact);
  const step = steps?.[at];
  if (steps === undefined || step === undefined || !isPlainObject(step))
    return undefined;
  const values = step["config_field_values"];
  if (!Array.isArray(values)) return undefined;
  const newStep: JsonObjectValue = {
    ...step,
    config_field_values: (values as readonly JsonValue[]).map((v) =>
      isPlainObject(v) && v["config_field_id"] === fieldId
        ? { ...v, value }
        : v,
    ),
  };
  return replaceRoot(document, {
    steps: steps.map((s, i) => (i === at ? newStep : s)),
  });
}

function withoutStep(document: JsonValue, fact: StepFact): string | undefined {
  const steps = stepsOf(document);
  const at = stepIndex(fact);
  const root = isPlainObject(document) ? document["root"] : undefined;
  const links =
    root !== undefined && isPlainObject(root) ? root["links"] : undefined;
  if (steps === undefined || !Array.isArray(links)) return undefined;
  const id = fact.step.id;
  const idValue =
    id.kind === "number"
      ? Number(id.raw)
      : id.kind === "string"
        ? id.value
        : null;
  return replaceRoot(document, {
    steps: steps.filter((_, i) => i !== at),
    links: (links as readonly JsonValue[]).filter(
      (l) =>
        !(
          isPlainObject(l) &&
          (l["to_step_id"] === idValue || l["from_step_id"] === idValue)
        ),
    ),
  });
}

function replaceRoot(
  document: JsonValue,
  changes: { readonly [key: string]: JsonValue },
): string | undefined {
  if (!isPlainObject(document)) return undefined;
  const root = document["root"];
  if (root === undefined || !isPlainObject(root)) return undefined;
  return JSON.stringify(
    { ...document, root: { ...root, ...changes } },
    null,
    2,
  );
}
