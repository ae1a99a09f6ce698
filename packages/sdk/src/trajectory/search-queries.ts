import type { CatalogTask } from "@flowpy/transpiler";
import { seededOrder } from "./seeded-choice.js";

/**
 * Queries a competent agent would write to find a task: from its label and description,
 * phrased by type ("when an order is paid", "add order tags"), never its id. The builder
 * tries them in a seeded order and keeps the first one whose results list the task.
 */
export function queryCandidates(
  task: CatalogTask,
  seed: number,
): readonly string[] {
  const label = lowerFirst(task.label);
  const clause = descriptionClause(task.description);
  const phrased: string[] = [];
  switch (task.task_type) {
    case "TRIGGER":
      phrased.push(`${label} trigger`);
      if (/^runs when /i.test(clause))
        phrased.push(clause.replace(/^runs /i, ""));
      break;
    case "CONDITION":
      phrased.push("condition to branch the workflow", "check a condition");
      break;
    case "FOREACH":
      phrased.push("loop over each item in a list", "for each item");
      break;
    case "WAIT":
      phrased.push("wait before the next step", "pause the workflow");
      break;
    case "ACTION":
      phrased.push(label);
      if (clause !== "") phrased.push(lowerFirst(clause));
      break;
  }
  const preferred = seededOrder(seed, `query:${task.id}`, phrased);
  // Fallbacks, in a fixed order: the bare label, then label and description together.
  return unique([...preferred, label, `${label} ${lowerFirst(clause)}`.trim()]);
}

function descriptionClause(description: string): string {
  const first = description.split(/[.;(]/)[0] ?? "";
  return first.trim();
}

function lowerFirst(text: string): string {
  // Keep acronyms (HTTP, API) and brand names as written.
  return /^[A-Z][a-z]/.test(text)
    ? text.charAt(0).toLowerCase() + text.slice(1)
    : text;
}

function unique(items: readonly string[]): readonly string[] {
  return [...new Set(items.filter((i) => i !== ""))];
}
