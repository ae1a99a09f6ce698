import { codes } from "../../../diagnostics/codes.js";
import type { JsonPath } from "../../../diagnostics/diagnostic.js";
import type { CatalogTask, TaskType } from "../catalog/catalog-schema.js";
import { OUTPUT_PORTS, type FlowStep } from "../model.js";
import { catalogFacts, type CatalogFacts } from "./catalog-facts.js";
import { closestNames, didYouMean } from "./suggest.js";
import {
  report,
  stepPath,
  type ValidationContext,
} from "./validation-context.js";

/**
 * The task of one step against the catalog (SPEC §g "taskErrors"): a known id, a known
 * version of it, and the catalog's task type. Returns the catalog task the rest of the
 * checks use: the exact version when known, else the latest version of the id (its
 * fields are the best guess while the version is being fixed), else undefined.
 */
export function checkStepTask(
  ctx: ValidationContext,
  index: number,
  step: FlowStep,
): CatalogTask | undefined {
  const at = stepPath(ctx.workflow, index);
  const latest = ctx.catalog.task(step.taskId);
  if (latest === undefined) {
    const facts = catalogFacts(ctx.catalog);
    const suggestions = closestTaskIds(step.taskId, step.taskType, facts);
    report(
      ctx,
      codes.flowUnknownTask,
      `unknown task ${step.taskId}`,
      [...at, "task_id"],
      {
        hint:
          didYouMean(suggestions) ??
          "Use a task id from the catalog (task-search); ids are namespaced like shopify::admin::add_order_tags.",
      },
    );
    return undefined;
  }
  const exact = ctx.catalog.task(step.taskId, step.taskVersion);
  if (exact === undefined) {
    const versions = ctx.catalog.data.tasks
      .filter((t) => t.id === latest.id)
      .map((t) => t.version);
    report(
      ctx,
      codes.flowUnknownTaskVersion,
      `${step.taskId} has no version ${step.taskVersion}`,
      [...at, "task_version"],
      {
        hint: `Known version${versions.length === 1 ? "" : "s"}: ${versions.join(", ")}.`,
      },
    );
  }
  const task = exact ?? latest;
  if (task.task_type !== step.taskType) {
    report(
      ctx,
      codes.flowTaskTypeMismatch,
      `${step.taskId} is ${withArticle(task.task_type)}, not ${withArticle(step.taskType)}`,
      [...at, "task_type"],
      { hint: typeHint(task) },
    );
  }
  return task;
}

function withArticle(type: TaskType): string {
  return `${type === "ACTION" ? "an" : "a"} ${type}`;
}

function typeHint(task: CatalogTask): string {
  switch (task.task_type) {
    case "TRIGGER":
      return "A trigger starts the workflow: in Python it goes in @trigger(...), not in the body.";
    case "CONDITION":
      return "Conditions are `if` statements in Python.";
    case "FOREACH":
      return "Loops are `for` statements in Python.";
    case "ACTION":
    case "WAIT":
      return `Set task_type to ${task.task_type}.`;
  }
}

/** The same name in another namespace first, then close ids of the same step type, then any. */
function closestTaskIds(
  id: string,
  type: TaskType,
  facts: CatalogFacts,
): readonly string[] {
  const last = id.split("::").pop() ?? id;
  const byLast = (facts.idsByLastSegment.get(last) ?? []).filter(
    (c) => c !== id,
  );
  const near = closestNames(id, facts.idsByType[type]);
  const out = [...new Set([...byLast, ...near])];
  if (out.length > 0) return out.slice(0, 3);
  return closestNames(id, facts.allIds);
}

/** Links out of a step leave through a port its task offers (SPEC §a.6, catalog `output_port_ids`). */
export function checkLinkPorts(
  ctx: ValidationContext,
  tasks: readonly (CatalogTask | undefined)[],
): void {
  const index = new Map(ctx.workflow.steps.map((s, i) => [s.key, i]));
  ctx.workflow.links.forEach((link, k) => {
    const i = index.get(link.from);
    const step = i === undefined ? undefined : ctx.workflow.steps[i];
    const task = i === undefined ? undefined : tasks[i];
    if (
      step === undefined ||
      task === undefined ||
      task.task_type !== step.taskType
    )
      return;
    // Ports outside the step type's set are the graph check's (flow-unknown-port).
    if (
      !(OUTPUT_PORTS[step.taskType] as readonly string[]).includes(
        link.fromPort,
      )
    )
      return;
    if (task.output_port_ids.includes(link.fromPort)) return;
    const path: JsonPath =
      link.path.length > 0 ? link.path : ["root", "links", k];
    report(
      ctx,
      codes.flowTaskPort,
      `${task.id} has no output port ${JSON.stringify(link.fromPort)}`,
      [...path, "from_port_id"],
      { hint: `Its ports: ${task.output_port_ids.join(", ")}.` },
    );
  });
}

/** SPEC §a.7: at least one TRIGGER and at least one ACTION. */
export function checkStepKinds(ctx: ValidationContext): void {
  const types = new Set(ctx.workflow.steps.map((s) => s.taskType));
  if (!types.has("TRIGGER"))
    report(
      ctx,
      codes.flowMissingTrigger,
      "the workflow has no trigger",
      ["root", "steps"],
      {
        hint: "Every workflow starts with a TRIGGER step (in Python: @trigger(...) on the function).",
      },
    );
  if (!types.has("ACTION"))
    report(
      ctx,
      codes.flowMissingAction,
      "the workflow has no action",
      ["root", "steps"],
      {
        hint: "A workflow needs at least one ACTION step, e.g. shopify::admin::add_order_tags.",
      },
    );
}
