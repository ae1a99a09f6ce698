/**
 * Stable diagnostic codes of the workflow simulator. Kept in the sdk because the
 * transpiler's catalogue (`codes.ts`) belongs to that package; same rules: a code never
 * changes meaning once released, messages may be reworded.
 */
export const simulatorCodes = {
  /** The workflow has no TRIGGER step, so nothing can run. */
  noTrigger: "sim-no-trigger",
  /** A path or Liquid variable names a variable that is not in scope at that step (the run stops on that path). */
  unboundVariable: "sim-unbound-variable",
  /** Get data, Count or Sum output referenced after a Wait, where Flow no longer has it (the run stops on that path). */
  expiredAfterWait: "sim-expired-after-wait",
  /** A condition value decodes in neither encoding (the run stops on that path). */
  conditionInvalid: "sim-condition-invalid",
  /** A list is compared directly instead of through any?/all?/none? (the comparison is false). */
  listCompared: "sim-list-compared",
  /** Two values that have no common comparable type, e.g. an object and a number (the comparison is false). */
  notComparable: "sim-not-comparable",
  /** A ForEach list held more than 100 items; only the first 100 ran. */
  foreachTruncated: "sim-foreach-truncated",
  /** A ForEach listpath resolved to something that is not a list (treated as no items). */
  foreachNotList: "sim-foreach-not-list",
  /** More steps ran than the simulator's guard allows (nested loops); the run stopped. */
  stepLimit: "sim-step-limit",
  /** A task id/version the catalog does not know; its config is decoded generically. */
  unknownTask: "sim-unknown-task",
  /** A config value meant to hold JSON does not parse; the text is kept as is. */
  invalidConfigValue: "sim-invalid-config-value",
  /** A Liquid template does not parse. */
  liquidSyntax: "sim-liquid-syntax",
  /** A Liquid tag outside Flow's subset (`include`, `render`, `tablerow`, …). */
  liquidForbiddenTag: "sim-liquid-forbidden-tag",
  /** A Liquid filter outside Flow's subset, or one Flow forbids (`json`). */
  liquidForbiddenFilter: "sim-liquid-forbidden-filter",
  /** A Flow filter the simulator cannot compute without a new dependency (`blake3`). */
  liquidUnsupportedFilter: "sim-liquid-unsupported-filter",
  /** A filter inside an `if`/`elsif`/`unless`/`when` condition; Flow wants an `assign` first. */
  liquidFilterInCondition: "sim-liquid-filter-in-condition",
  /** `.size`, `.first`, `.last` or `[index]` on a variable; Flow wants filters instead. */
  liquidForbiddenAccessor: "sim-liquid-forbidden-accessor",
  /** `edges`/`nodes` connection plumbing, which Flow's environment does not have. */
  liquidConnection: "sim-liquid-connection",
  /** A path whose field is not in the catalog type (e.g. theme-style `created_at`). */
  liquidUnknownField: "sim-liquid-unknown-field",
  /** `{{ }}` printed a whole object or list; Flow prints scalars only. */
  liquidPrintsObject: "sim-liquid-prints-object",
  /** `size` applied to a list of objects; Flow wants a plucked field (`list.id | size`). */
  liquidSizeOfObjects: "sim-liquid-size-of-objects",
  /** Liquid failed while rendering (a filter rejected its input). */
  liquidRender: "sim-liquid-render",
  /** Test-case data does not match the schema. */
  testCaseInvalid: "sim-test-case-invalid",
  /** A workflow could not be read for simulation (invalid JSON or graph). */
  workflowInvalid: "sim-workflow-invalid",
} as const;

export type SimulatorCode =
  (typeof simulatorCodes)[keyof typeof simulatorCodes];
