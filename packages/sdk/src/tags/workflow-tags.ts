import {
  assertNever,
  bundledCatalog,
  decodeConditionValue,
  type Catalog,
  type CatalogTask,
  type Condition,
  type Quantified,
  type FlowStep,
  type FlowWorkflow,
  type Result,
} from "@flowpy/transpiler";
import { readFlowWorkflow } from "../records/workflow-record.js";
import {
  sizeLimits,
  type ActionFamily,
  type ConditionPattern,
  type TriggerResource,
  type WorkflowSize,
} from "./tag-vocabulary.js";

/**
 * What kind of workflow this is, for stratified sampling and evaluation slices. Arrays are
 * sorted and distinct; every string value is documented in `tag-vocabulary.ts` except
 * `trigger` (a task id) and `apps` (app names from task ids).
 */
export interface WorkflowTags {
  /** The trigger's catalog task id (alternate ids resolved), `none` without a trigger. */
  readonly trigger: string;
  readonly triggerResource: TriggerResource;
  readonly actionFamilies: readonly ActionFamily[];
  readonly conditionPatterns: readonly ConditionPattern[];
  /** Third-party and app integrations: the app segment of each non-Shopify task id (`slack`). */
  readonly apps: readonly string[];
  /** Sends an email: internal, marketing, transactional, invoice or B2B access email. */
  readonly email: boolean;
  /** Has a For each loop. */
  readonly loops: boolean;
  /** Uses Liquid beyond the plain `{{ resource.id }}` a resource field is bound to. */
  readonly liquid: boolean;
  /** Has a Wait step. */
  readonly waits: boolean;
  /** Sends an HTTP request. */
  readonly http: boolean;
  /** Reads or writes metafields. */
  readonly metafields: boolean;
  /** Uses a task the catalog does not know. */
  readonly unknownTasks: boolean;
  readonly size: WorkflowSize;
  /** Steps, the trigger included. */
  readonly stepCount: number;
}

export type WorkflowTagKey = keyof WorkflowTags;

/** The tag keys in a fixed order (the order strata keys are written in). */
export const workflowTagKeys = [
  "trigger",
  "triggerResource",
  "actionFamilies",
  "conditionPatterns",
  "apps",
  "email",
  "loops",
  "liquid",
  "waits",
  "http",
  "metafields",
  "unknownTasks",
  "size",
  "stepCount",
] as const satisfies readonly WorkflowTagKey[];

/** Publishers whose tasks are Shopify's own (not an app or a connector). */
const corePublishers: ReadonlySet<string> = new Set(["shopify", "flow"]);

const emailTasks: ReadonlySet<string> = new Set([
  "shopify::flow::send_email",
  "shopify::email::execute_marketing_activity",
  "app::transactional_email::send",
  "shopify::admin::send_order_invoice",
  "shopify::admin::send_draft_order_invoice",
  "shopify::admin::send_b2b_access_email",
]);

/** First match wins; tested against the trigger id's last segment. */
const triggerRules: readonly (readonly [RegExp, TriggerResource])[] = [
  [/^scheduled_time$/, "schedule"],
  [/^workflow_error_occurred$/, "flow_error"],
  [/^draft_order_/, "draft_order"],
  [
    /^(order_transaction_created|tender_transaction_created|dispute_created|payment_schedule_due)$/,
    "payment",
  ],
  [/^(refund_created|return_)/, "return"],
  [/^order_/, "order"],
  [/^customer_/, "customer"],
  [
    /^(inventory_|product_variant_(back_in_stock|out_of_stock|inventory))/,
    "inventory",
  ],
  [/^product_/, "product"],
  [/^fulfillment_/, "fulfillment"],
  [/^(automatic_discount|discount_code)_/, "discount"],
  [/^collection_/, "collection"],
  [/^company_/, "b2b"],
  [/^(subscription_|selling_plan_group_)/, "subscription"],
  [/^metaobject_/, "metaobject"],
];

/** First match wins; tested against the whole task id. */
const actionRules: readonly (readonly [RegExp, ActionFamily])[] = [
  [/::send_http_request$/, "http"],
  [/::admin_api_operation$/, "admin_api"],
  [/::run_code$/, "run_code"],
  [/::fetch::/, "get_data"],
  [/^shopify::flow::(count|sum)$/, "aggregate"],
  [/::execute_shopifyql$/, "analytics"],
  [/::log_output$/, "log"],
  [/::send_shopify_alert_for_errors$/, "alerts"],
  [/_tags$/, "tags"],
  [/metafield/, "metafields"],
  [/_note$/, "notes"],
  [/redirect/, "redirects"],
  [/company|catalog/, "b2b"],
  [/fulfillment/, "fulfillment"],
  [/order|payment|return|line_item/, "order"],
  [/product|collection/, "product"],
  [/customer/, "customer"],
];

interface TaskInfo {
  readonly id: string;
  readonly task: CatalogTask | undefined;
  /** The app's name when the task belongs to an app or connector. */
  readonly app: string | undefined;
}

function taskInfo(step: FlowStep, catalog: Catalog): TaskInfo {
  const task =
    catalog.task(step.taskId, step.taskVersion) ?? catalog.task(step.taskId);
  const id = task?.id ?? step.taskId;
  const segments = id.split("::");
  // A task the catalog lacks is an app's when its id has an app namespace
  // (`vendor::app::task` or `app::task`) that is not Shopify's.
  const isApp =
    task === undefined
      ? segments.length > 1 && segments[0] !== "shopify"
      : !corePublishers.has(task.publisher);
  const app = isApp
    ? ((segments.length >= 3 ? segments[1] : segments[0]) ?? id)
    : undefined;
  return { id, task, app };
}

function triggerResource(info: TaskInfo | undefined): TriggerResource {
  if (info === undefined) return "none";
  if (info.app !== undefined) return "app";
  const last = info.id.split("::").at(-1) ?? "";
  return triggerRules.find(([pattern]) => pattern.test(last))?.[1] ?? "other";
}

function actionFamily(info: TaskInfo): ActionFamily {
  if (emailTasks.has(info.id)) return "email";
  if (info.app !== undefined) return "app";
  return actionRules.find(([pattern]) => pattern.test(info.id))?.[1] ?? "other";
}

const quantifierPatterns = {
  any: "quantifier_any",
  all: "quantifier_all",
  none: "quantifier_none",
} as const satisfies Record<Quantified["quantifier"], ConditionPattern>;

function conditionShapes(
  condition: Condition,
  out: Set<ConditionPattern>,
  quantifierDepth = 0,
): void {
  switch (condition.kind) {
    case "Logical": {
      out.add(condition.op === "AND" ? "and" : "or");
      for (const o of condition.operands)
        conditionShapes(o, out, quantifierDepth);
      return;
    }
    case "Comparison": {
      const { lhs, rhs, op } = condition;
      if (lhs.kind === "Path" && rhs.kind === "Path") out.add("path_vs_path");
      const literal =
        lhs.kind === "Literal" ? lhs : rhs.kind === "Literal" ? rhs : undefined;
      if (op === "==" || op === "!=")
        out.add(literal?.type === "boolean" ? "boolean" : "equality");
      else if (op === ">" || op === ">=" || op === "<" || op === "<=")
        out.add("ordering");
      else if (op === "in?" || op === "not_in?") out.add("membership");
      else out.add("text_match");
      return;
    }
    case "Unary":
      out.add("null_check");
      return;
    case "Quantified":
      out.add(quantifierPatterns[condition.quantifier]);
      if (quantifierDepth > 0) out.add("nested_quantifier");
      conditionShapes(condition.body, out, quantifierDepth + 1);
      return;
    default:
      assertNever(condition);
  }
}

/** Whether an AND and an OR both occur in one condition. */
function mixesLogic(condition: Condition, seen = new Set<string>()): boolean {
  if (condition.kind === "Logical") {
    seen.add(condition.op);
    for (const o of condition.operands) mixesLogic(o, seen);
  } else if (condition.kind === "Quantified") mixesLogic(condition.body, seen);
  return seen.size > 1;
}

const PLAIN_REFERENCE = /^\s*\{\{\s*[A-Za-z_][\w.]*\s*\}\}\s*$/;

/** Liquid in a config value, not counting a resource field bound to a plain `{{ path }}`. */
function usesLiquid(value: string, type: string | undefined): boolean {
  if (!value.includes("{{") && !value.includes("{%")) return false;
  if (type !== "liquid_wrapper") return true;
  try {
    const wrapped: unknown = JSON.parse(value);
    const inner =
      typeof wrapped === "object" && wrapped !== null && "value" in wrapped
        ? (wrapped as { value: unknown }).value
        : undefined;
    return !(
      typeof inner === "string" &&
      (inner === "" || PLAIN_REFERENCE.test(inner))
    );
  } catch {
    return true;
  }
}

function sizeOf(steps: number): WorkflowSize {
  return steps <= sizeLimits.small
    ? "small"
    : steps <= sizeLimits.medium
      ? "medium"
      : "large";
}

function sorted<T extends string>(values: Iterable<T>): readonly T[] {
  return [...new Set(values)].sort();
}

/**
 * The tags of one workflow (Flow JSON text in any form). Uses the bundled catalog unless
 * one is given: publishers tell apps from Shopify's own tasks, field types tell where
 * Liquid may be. Tasks the catalog lacks are still tagged, from their ids. Deterministic;
 * fails only when the workflow does not read (`record-workflow-invalid`).
 */
export function workflowTags(
  json: string,
  catalog: Catalog = bundledCatalog(),
): Result<WorkflowTags> {
  const read = readFlowWorkflow(json);
  if (!read.ok) return read;
  return { ok: true, value: tagsOf(read.value, catalog), diagnostics: [] };
}

function tagsOf(workflow: FlowWorkflow, catalog: Catalog): WorkflowTags {
  const infos = workflow.steps.map((step) => ({
    step,
    info: taskInfo(step, catalog),
  }));
  const trigger = infos.find((s) => s.step.taskType === "TRIGGER")?.info;
  const actions = infos.filter((s) => s.step.taskType === "ACTION");
  const families = actions.map((s) => actionFamily(s.info));

  const patterns = new Set<ConditionPattern>();
  const conditions = infos.filter((s) => s.step.taskType === "CONDITION");
  for (const { step } of conditions) {
    for (const entry of step.config) {
      if (entry.fieldId !== "condition") continue;
      const condition = decodeConditionValue(entry.value);
      if (condition === undefined) {
        patterns.add("undecodable");
        continue;
      }
      conditionShapes(condition, patterns);
      if (mixesLogic(condition)) patterns.add("mixed_logic");
    }
    if (
      workflow.links.some((l) => l.from === step.key && l.fromPort === "false")
    )
      patterns.add("else_branch");
  }
  if (conditions.length > 1) patterns.add("multiple_conditions");

  let liquid = false;
  let metafields = families.includes("metafields");
  for (const { step, info } of infos)
    for (const entry of step.config) {
      const type = info.task?.config_fields.find(
        (f) => f.id === entry.fieldId,
      )?.type;
      liquid ||= usesLiquid(entry.value, type);
      metafields ||= /metafield/i.test(entry.value);
    }

  return {
    trigger: trigger?.id ?? "none",
    triggerResource: triggerResource(trigger),
    actionFamilies: sorted(families),
    conditionPatterns: sorted(patterns),
    apps: sorted(
      infos.flatMap(({ info }) => (info.app === undefined ? [] : [info.app])),
    ),
    email: actions.some((s) => emailTasks.has(s.info.id)),
    loops: workflow.steps.some((s) => s.taskType === "FOREACH"),
    liquid,
    waits: workflow.steps.some((s) => s.taskType === "WAIT"),
    http: families.includes("http"),
    metafields,
    unknownTasks: infos.some((s) => s.info.task === undefined),
    size: sizeOf(workflow.steps.length),
    stepCount: workflow.steps.length,
  };
}

/** A tag's value as one stratum-key component: arrays joined by `+` (`none` when empty), booleans `yes`/`no`. */
export function tagValueText(tags: WorkflowTags, key: WorkflowTagKey): string {
  const value = tags[key];
  if (Array.isArray(value))
    return value.length === 0 ? "none" : value.join("+");
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** The stratum of a workflow for the chosen tag keys: `key=value` pairs joined by `|`, `all` for none. */
export function stratumKey(
  tags: WorkflowTags,
  keys: readonly WorkflowTagKey[],
): string {
  return keys.length === 0
    ? "all"
    : keys.map((k) => `${k}=${tagValueText(tags, k)}`).join("|");
}
