import type { WorkflowEdit } from "./workflow-edit.js";
import type { WorkflowFacts, StepFact } from "./workflow-facts.js";
import { describeCondition, pathWords } from "./describe-condition.js";
import { seededPick } from "./seeded-choice.js";
import { stepHighlights } from "./step-highlights.js";

/**
 * Writes the merchant's request for a trajectory. Pluggable: the offline writer below
 * derives it from the workflow's semantics and catalog labels; an LLM-backed writer can
 * replace it without touching the builder.
 */
export interface RequestWriter {
  /** A request to build `facts`' workflow from scratch. */
  create(facts: WorkflowFacts, seed: number): string;
  /** A request to apply `edit` to the current workflow (shown to the agent separately). */
  edit(edit: WorkflowEdit, facts: WorkflowFacts, seed: number): string;
}

export const offlineRequestWriter: RequestWriter = {
  create(facts, seed) {
    const opening = seededPick(seed, "request.opening", [
      "Create a Flow workflow",
      "Please build a workflow",
      "I need a Shopify Flow workflow",
      "Can you set up a workflow",
    ]);
    const [trigger, ...rest] = facts.steps;
    const parts = [
      `${opening} called "${facts.workflow.name}".`,
      trigger === undefined
        ? ""
        : `It should start on the "${trigger.task.label}" trigger.`,
      ...rest.map((s) => sentence(s)),
    ];
    return parts.filter((p) => p !== "").join(" ");
  },
  edit(edit, _facts, seed) {
    switch (edit.kind) {
      case "tag_value":
        return seededPick(seed, "request.edit", [
          `Please change the tag "${edit.from}" to "${edit.to}" in this workflow.`,
          `In "${edit.taskLabel}", use "${edit.to}" instead of "${edit.from}".`,
        ]);
      case "threshold":
        return seededPick(seed, "request.edit", [
          `Change the threshold on ${pathWords(edit.path)} from ${edit.from} to ${edit.to}.`,
          `Please use ${edit.to} instead of ${edit.from} in the condition on ${pathWords(edit.path)}.`,
        ]);
      case "added_action": {
        const where =
          edit.via === "true"
            ? " when the condition holds"
            : edit.via === "false"
              ? " when the condition does not hold"
              : edit.via === "loop_body"
                ? " inside the loop"
                : " at the end";
        const details =
          edit.highlights.length > 0
            ? `, with ${edit.highlights.join(" and ")}`
            : "";
        return `Also add a "${edit.task.label}" step${where}${details}.`;
      }
    }
  },
};

/** How a step's sentence starts, by the port that leads to it. */
const leads: Readonly<Record<string, string>> = {
  output: "Then",
  true: "If so,",
  false: "Otherwise,",
  loop_body: "For each item,",
  after: "After the loop,",
};

function sentence(s: StepFact): string {
  const lead = leads[s.via] ?? "Then";
  switch (s.task.task_type) {
    case "CONDITION":
      return `${lead} check whether ${s.condition === undefined ? "the condition holds" : describeCondition(s.condition)}.`;
    case "FOREACH": {
      const list = s.step.config.find((c) => c.fieldId === "listpath")?.value;
      return `${lead} go through each of ${list === undefined ? "the list" : pathWords(list)}.`;
    }
    case "WAIT":
      return `${lead} wait${waitFor(s)}.`;
    case "TRIGGER":
    case "ACTION": {
      const h = stepHighlights(s.step, s.task);
      return `${lead} use "${s.task.label}"${h.length > 0 ? ` with ${h.join(" and ")}` : ""}.`;
    }
  }
}

function waitFor(s: StepFact): string {
  const h = stepHighlights(s.step, s.task);
  return h.length > 0 ? ` (${h.join(", ")})` : "";
}
