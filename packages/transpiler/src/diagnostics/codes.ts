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
  /** `diagnoseAll` only: more problems than it lists (the first 100), or checking stopped early. */
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
