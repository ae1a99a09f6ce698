/**
 * The catalogue of the SDK's stable diagnostic codes. Codes never change meaning once
 * released; messages may be reworded. Grouped by the layer that reports them. The
 * transpiler's codes live in its own catalogue; these never reuse one of them.
 */
export const sdkCodes = {
  // agent tools
  /** A deployment overlay does not fit its schema, or gives two tools the same name. */
  toolOverlayInvalid: "tool-overlay-invalid",
  // trajectories
  /** The source workflow of a trajectory does not load or does not print as Python. */
  trajectoryWorkflowInvalid: "trajectory-workflow-invalid",
  /** The workflow uses a task the catalog lacks, so no search could ever find it. */
  trajectoryTaskNotInCatalog: "trajectory-task-not-in-catalog",
  /** No query an agent would write from the task's label and description finds the task. */
  trajectoryTaskNotFound: "trajectory-task-not-found",
  /** The requested variant cannot be made from this workflow (e.g. nothing to edit). */
  trajectoryVariantUnavailable: "trajectory-variant-unavailable",
  /** The Python of the source workflow does not compile back to the same workflow. */
  trajectoryRoundTrip: "trajectory-round-trip",
  // rendering and tokenization
  /** A tool call's `arguments` text is not JSON; vLLM's `json.loads` would reject the request. */
  renderInvalidJson: "render-invalid-json",
  /** A string holds a lone UTF-16 surrogate, which the tokenizer cannot encode as UTF-8. */
  renderLoneSurrogate: "render-lone-surrogate",
  /** A number is NaN or infinite; JSON cannot carry it to the server. */
  renderNonFiniteNumber: "render-non-finite-number",
  /** A tool schema number that `@huggingface/jinja` would spell differently from Python (below 1e-4). */
  renderFloatSpelling: "render-float-spelling",
  /** A tool or tool-call name outside `[A-Za-z0-9_-]`; the template splices names raw into JSON. */
  renderToolName: "render-tool-name",
  /** The chat template failed on the conversation (e.g. no messages at all). */
  renderTemplateError: "render-template-error",
  /** Rendering a prefix of the conversation is not a prefix of the whole, so a turn cannot be located. */
  renderPrefixUnstable: "render-prefix-unstable",
  /** A training row has no assistant turn, so nothing would be learned from it. */
  renderNoAssistantTurn: "render-no-assistant-turn",
  // datasets
  /** A dataset row or serving file is not in the expected shape. */
  datasetInvalidRow: "dataset-invalid-row",
  /** A built trajectory breaks a verifier rule, so its row is rejected (the message lists the rules). */
  datasetTrajectoryUnverified: "dataset-trajectory-unverified",
  /** Two workflows of one corpus dataset have the same id; the later one is rejected. */
  datasetDuplicateId: "dataset-duplicate-id",
  // store and pipeline
  /** The DuckDB store cannot be opened or migrated (locked by another run, newer schema, bad path). */
  storeUnavailable: "store-unavailable",
  /** The pipeline's input cannot be read at all (missing file or folder, unknown format). */
  pipelineInputUnreadable: "pipeline-input-unreadable",
  /** An input record is not a workflow record; it is quarantined with its record number. */
  pipelineRecordInvalid: "pipeline-record-invalid",
  /** A workflow cannot be keyed for dedup (it does not load); the item is rejected. */
  pipelineItemInvalid: "pipeline-item-invalid",
  /** The redacted workflow no longer round-trips through Python, so it is rejected. */
  pipelineRedactionRoundTrip: "pipeline-redaction-round-trip",
  /** Redaction itself failed on the workflow; the item is rejected with the redactor's reason. */
  pipelineRedactionFailed: "pipeline-redaction-failed",
  /** The workflow is an exact duplicate (canonical form) of an earlier sampled one. */
  pipelineDuplicateWorkflow: "pipeline-duplicate-workflow",
  /** No request could be written for the workflow. */
  pipelineRequestFailed: "pipeline-request-failed",
  /** The LLM budget ran out; the run stopped cleanly and resumes with a higher budget. */
  pipelineBudgetExhausted: "pipeline-budget-exhausted",
  /** An LLM writer was asked for but cannot be made (missing model, key variable unset). */
  pipelineLlmUnavailable: "pipeline-llm-unavailable",
  /** An output file or folder cannot be written. */
  pipelineOutputUnwritable: "pipeline-output-unwritable",
  /** An option of a dataset build is out of range or malformed. */
  pipelineInvalidOption: "pipeline-invalid-option",
  /** The eval set given for the contamination report cannot be read. */
  pipelineEvalSetUnreadable: "pipeline-eval-set-unreadable",
  // workflow simulator
  /** The workflow has no TRIGGER step, so nothing can run. */
  simNoTrigger: "sim-no-trigger",
  /** A path or Liquid variable names a variable that is not in scope at that step (the run stops on that path). */
  simUnboundVariable: "sim-unbound-variable",
  /** Get data, Count or Sum output referenced after a Wait, where Flow no longer has it (the run stops on that path). */
  simExpiredAfterWait: "sim-expired-after-wait",
  /** A condition value decodes in neither encoding (the run stops on that path). */
  simConditionInvalid: "sim-condition-invalid",
  /** A list is compared directly instead of through any?/all?/none? (the comparison is false). */
  simListCompared: "sim-list-compared",
  /** Two values that have no common comparable type, e.g. an object and a number (the comparison is false). */
  simNotComparable: "sim-not-comparable",
  /** A ForEach list held more than 100 items; only the first 100 ran. */
  simForeachTruncated: "sim-foreach-truncated",
  /** A ForEach listpath resolved to something that is not a list (treated as no items). */
  simForeachNotList: "sim-foreach-not-list",
  /** More steps ran than the simulator's guard allows (nested loops); the run stopped. */
  simStepLimit: "sim-step-limit",
  /** A task id/version the catalog does not know; its config is decoded generically. */
  simUnknownTask: "sim-unknown-task",
  /** A config value meant to hold JSON does not parse; the text is kept as is. */
  simInvalidConfigValue: "sim-invalid-config-value",
  /** A Liquid template does not parse. */
  simLiquidSyntax: "sim-liquid-syntax",
  /** A Liquid tag outside Flow's subset (`include`, `render`, `tablerow`, …). */
  simLiquidForbiddenTag: "sim-liquid-forbidden-tag",
  /** A Liquid filter outside Flow's subset, or one Flow forbids (`json`). */
  simLiquidForbiddenFilter: "sim-liquid-forbidden-filter",
  /** A Flow filter the simulator cannot compute without a new dependency (`blake3`). */
  simLiquidUnsupportedFilter: "sim-liquid-unsupported-filter",
  /** A filter inside an `if`/`elsif`/`unless`/`when` condition; Flow wants an `assign` first. */
  simLiquidFilterInCondition: "sim-liquid-filter-in-condition",
  /** `.size`, `.first`, `.last` or `[index]` on a variable; Flow wants filters instead. */
  simLiquidForbiddenAccessor: "sim-liquid-forbidden-accessor",
  /** `edges`/`nodes` connection plumbing, which Flow's environment does not have. */
  simLiquidConnection: "sim-liquid-connection",
  /** A path whose field is not in the catalog type (e.g. theme-style `created_at`). */
  simLiquidUnknownField: "sim-liquid-unknown-field",
  /** `{{ }}` printed a whole object or list; Flow prints scalars only. */
  simLiquidPrintsObject: "sim-liquid-prints-object",
  /** `size` applied to a list of objects; Flow wants a plucked field (`list.id | size`). */
  simLiquidSizeOfObjects: "sim-liquid-size-of-objects",
  /** Liquid failed while rendering (a filter rejected its input). */
  simLiquidRender: "sim-liquid-render",
  /** Test-case data does not match the schema. */
  simTestCaseInvalid: "sim-test-case-invalid",
  /** A workflow could not be read for simulation (invalid JSON or graph). */
  simWorkflowInvalid: "sim-workflow-invalid",
} as const;

export type SdkCode = (typeof sdkCodes)[keyof typeof sdkCodes];
