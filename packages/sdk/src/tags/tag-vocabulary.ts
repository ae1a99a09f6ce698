/**
 * Every value a workflow tag can take (meanings: `packages/sdk/docs/workflow-records.md`,
 * "Workflow tags"). Evaluation slices are keyed by these strings, so a value never changes
 * meaning once released; new values are added at the end.
 */

/** What the trigger is about (from the trigger task id). */
export const triggerResources = [
  "order",
  "draft_order",
  "customer",
  "product",
  "inventory",
  "fulfillment",
  "return",
  "payment",
  "discount",
  "collection",
  "b2b",
  "subscription",
  "metaobject",
  "schedule",
  "flow_error",
  "app",
  "other",
  "none",
] as const;
export type TriggerResource = (typeof triggerResources)[number];

/** What an ACTION step does (one family per task). */
export const actionFamilies = [
  "tags",
  "metafields",
  "notes",
  "email",
  "http",
  "admin_api",
  "run_code",
  "get_data",
  "aggregate",
  "analytics",
  "log",
  "order",
  "fulfillment",
  "product",
  "customer",
  "b2b",
  "redirects",
  "alerts",
  "app",
  "other",
] as const;
export type ActionFamily = (typeof actionFamilies)[number];

/** The shapes found in a workflow's conditions. */
export const conditionPatterns = [
  "equality",
  "ordering",
  "text_match",
  "membership",
  "boolean",
  "null_check",
  "path_vs_path",
  "and",
  "or",
  "mixed_logic",
  "quantifier_any",
  "quantifier_all",
  "quantifier_none",
  "nested_quantifier",
  "else_branch",
  "multiple_conditions",
  "undecodable",
] as const;
export type ConditionPattern = (typeof conditionPatterns)[number];

export const workflowSizes = ["small", "medium", "large"] as const;
export type WorkflowSize = (typeof workflowSizes)[number];

/** Largest step count (trigger included) of a `small` and of a `medium` workflow. */
export const sizeLimits = { small: 3, medium: 7 } as const;
