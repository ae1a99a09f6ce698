/**
 * The catalogue of stable diagnostic codes. Codes never change meaning once released;
 * messages may be reworded. Grouped by the layer that reports them.
 */
export const codes = {
  // lossless JSON layer
  jsonSyntax: "json-syntax",
  jsonTooDeep: "json-too-deep",
  jsonTooLarge: "json-too-large",
  jsonDuplicateKey: "json-duplicate-key",
  // Flow document structure
  flowExportPrefix: "flow-export-prefix",
  flowMissingField: "flow-missing-field",
  flowInvalidType: "flow-invalid-type",
  flowInvalidTaskType: "flow-invalid-task-type",
  flowDuplicateStepId: "flow-duplicate-step-id",
  flowDanglingLink: "flow-dangling-link",
  flowUnknownPort: "flow-unknown-port",
  flowBadTargetPort: "flow-bad-target-port",
  flowCycle: "flow-cycle",
  flowInvalidConfigValue: "flow-invalid-config-value",
  flowDuplicateConfigField: "flow-duplicate-config-field",
  flowPartialDocument: "flow-partial-document",
  flowTooDeep: "flow-too-deep",
  flowInexpressible: "flow-inexpressible",
  // Flow condition DSL and JSON condition tree
  conditionSyntax: "condition-syntax",
  conditionLiquid: "condition-liquid",
  conditionInvalidTree: "condition-invalid-tree",
  // Python text
  pySyntax: "py-syntax",
  pyIndentation: "py-indentation",
  pyUnsupported: "py-unsupported",
  pyTooDeep: "py-too-deep",
  pyTooLarge: "py-too-large",
  /** `diagnoseAll`, `parsePython` and `compile`: more problems than they list (100), or checking stopped early. */
  pyTooManyErrors: "py-too-many-errors",
  // Python → Flow mapping
  flowPyNoWorkflow: "flowpy-no-workflow",
  flowPyUnexpectedStatement: "flowpy-unexpected-statement",
  flowPyUnknownDecorator: "flowpy-unknown-decorator",
  flowPyInvalidTask: "flowpy-invalid-task",
  flowPyInvalidValue: "flowpy-invalid-value",
  flowPyInvalidCondition: "flowpy-invalid-condition",
  flowPyUnknownFunction: "flowpy-unknown-function",
  flowPyDuplicateArgument: "flowpy-duplicate-argument",
  // Flow validation against a task catalog (dialects/flow/validate; buckets: flow-buckets.ts)
  /** A task id the catalog does not know; the hint names the closest ids. */
  flowUnknownTask: "flow-unknown-task",
  /** A known task id with a version the catalog does not list. */
  flowUnknownTaskVersion: "flow-unknown-task-version",
  /** A step's task_type differs from the catalog's type for its task. */
  flowTaskTypeMismatch: "flow-task-type-mismatch",
  /** A link leaves a step through a port its task does not offer (catalog `output_port_ids`). */
  flowTaskPort: "flow-task-port",
  /** No TRIGGER step: a workflow needs one to start. */
  flowMissingTrigger: "flow-missing-trigger",
  /** No ACTION step: a workflow needs at least one. */
  flowMissingAction: "flow-missing-action",
  /** A config field id the task does not have. */
  flowUnknownConfigField: "flow-unknown-config-field",
  /** A required config field is not set (hidden fields bound by the trigger excepted). */
  flowMissingConfigField: "flow-missing-config-field",
  /** A config value is not in the encoding its field's type needs (number, enum, list, wrapper, …). */
  flowConfigEncoding: "flow-config-encoding",
  /** An environment path whose root or a field does not exist where it is used. */
  flowUnknownPath: "flow-unknown-path",
  /** A path with GraphQL connection plumbing (`.edges`, `.nodes`) or an index (`[0]`). */
  flowConnectionPath: "flow-connection-path",
  /** A path that must name a list (a loop's or Count/Sum's `listpath`) names something else. */
  flowNotAList: "flow-not-a-list",
  /** A step output used where its step has not run (before it, or on another branch). */
  flowStepOutputScope: "flow-step-output-scope",
  /** A Get data / Count / Sum result used after a Wait, which discards fetched data. */
  flowDataAfterWait: "flow-data-after-wait",
  /** A loop item (`…Foreachitem`) used outside its loop's `loop_body` subtree. */
  flowForeachItemScope: "flow-foreach-item-scope",
  /** A condition operator applied to a type it does not accept (string operator on a number, …). */
  conditionOperatorType: "condition-operator-type",
  /** A list (or a path through a list) compared as one value, without any/all/none. */
  conditionListAsScalar: "condition-list-as-scalar",
  /** A Liquid construct Flow does not support (printing objects or lists, `| json`, `[0]`, `.first`, …). */
  liquidForbidden: "liquid-forbidden",
  /** Liquid that does not parse: an unclosed `{{` or `{%`. */
  liquidSyntax: "liquid-syntax",
  // repairs: notes, never errors (dialects/flow/validate/repair-workflow.ts)
  /** A value that needed the `{"value", "default_value"}` wrapper was wrapped. */
  repairWrapper: "repair-wrapper",
  /** A quoted or padded number for a number field was unquoted. */
  repairNumber: "repair-number",
  /** A boolean written as a string (`"True"`, `"\"true\""`) was written as `true`/`false`. */
  repairBoolean: "repair-boolean",
  // catalogs (the bundled one and user-supplied ones)
  catalogInvalid: "catalog-invalid",
  // raw model output around the Python (fences, prose, tool-call JSON)
  modelOutputEmpty: "model-output-empty",
  modelOutputFenced: "model-output-fenced",
  modelOutputUnclosedFence: "model-output-unclosed-fence",
  modelOutputSeveralBlocks: "model-output-several-blocks",
  modelOutputProse: "model-output-prose",
  modelOutputToolCall: "model-output-tool-call",
  modelOutputJsonWorkflow: "model-output-json-workflow",
  // a bug in flowpy, reported instead of thrown so a service never crashes on one input
  internalError: "internal-error",
} as const;

export type DiagnosticCode = (typeof codes)[keyof typeof codes];
