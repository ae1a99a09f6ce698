import type { WorkflowEdit } from "./workflow-edit.js";
import type { WorkflowFacts } from "./workflow-facts.js";
import { pathWords } from "./describe-condition.js";
import { seededPick } from "./seeded-choice.js";

/** The agent's closing message after a valid submission: what was built and the merchant's next steps. */
export function finalMessage(
  facts: WorkflowFacts,
  seed: number,
  edit?: WorkflowEdit,
): string {
  const name = facts.workflow.name;
  const trigger = facts.steps[0]?.task;
  const actions = [
    ...new Set(
      facts.steps
        .filter((s) => s.task.task_type === "ACTION")
        .map((s) => `"${s.task.label}"`),
    ),
  ];
  const hasCondition = facts.steps.some(
    (s) => s.task.task_type === "CONDITION",
  );
  const done =
    edit === undefined
      ? seededPick(seed, "final.done", [
          `"${name}" is ready and passed validation.`,
          `Done: "${name}" passed validation.`,
        ])
      : `I updated "${name}": ${editSummary(edit)}. The new version passed validation.`;
  const what =
    trigger === undefined
      ? ""
      : ` It runs on "${trigger.label}"${actions.length > 0 ? ` and uses ${joinWords(actions)}` : ""}.`;
  const review = hasCondition
    ? "Open it in Shopify Flow and check the condition values and action fields against your store's data."
    : "Open it in Shopify Flow and check the action fields.";
  const test =
    trigger?.id === "shopify::flow::scheduled_time"
      ? "Test it with a manual run before the first scheduled run, and look at the run in the workflow's activity."
      : `Test it with test data that sets off "${trigger?.label ?? "the trigger"}", then look at the run in the workflow's activity.`;
  const activate =
    edit === undefined
      ? "Turn it on once the test run does what you expect; it only acts on events after that."
      : "Turn the new version on, or keep it on, once a test run shows the change.";
  return `${done}${what}\n\nNext steps:\n1. ${review}\n2. ${test}\n3. ${activate}`;
}

function editSummary(edit: WorkflowEdit): string {
  switch (edit.kind) {
    case "tag_value":
      return `the tag "${edit.from}" is now "${edit.to}"`;
    case "threshold":
      return `the condition on ${pathWords(edit.path)} now uses ${edit.to} instead of ${edit.from}`;
    case "added_action":
      return `it now also runs "${edit.task.label}"`;
  }
}

function joinWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1) ?? ""}`;
}
