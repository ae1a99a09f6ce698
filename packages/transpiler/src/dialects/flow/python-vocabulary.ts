/**
 * The fixed names of the Flow Python form (see grammars/flow-python-mapping.md). They are
 * decorators and statements a reader recognises; none of them is ever executed.
 */
export const vocab = {
  workflow: "workflow",
  trigger: "trigger",
  patchedField: "patched_field",
  detached: "detached",
  step: "step",
  branch: "branch",
  json: "json",
  task: "task",
  entryFunction: "run",
  detachedFunction: "detached",
  mergeFunction: "merge",
} as const;

/** Metadata keywords of `step(...)`, in the order they print. */
export const STEP_META_KEYS = [
  "name",
  "description",
  "note",
  "version",
  "type",
  "task",
  "config",
] as const;
export type StepMetaKey = (typeof STEP_META_KEYS)[number];

export const CONDITION_TASK_ID = "shopify::flow::condition";
export const FOREACH_TASK_ID = "shopify::flow::foreach";
export const CONDITION_FIELD = "condition";
export const FOREACH_FIELD = "listpath";
