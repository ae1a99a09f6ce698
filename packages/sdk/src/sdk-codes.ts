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
  /** The Python of the source workflow does not compile (the message quotes why) or compiles to another workflow. */
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
  // dedup and splits
  /** A workflow does not load, so it has neither an exact key nor a structural fingerprint. */
  dedupWorkflowInvalid: "dedup-workflow-invalid",
  /** Split ratios are negative, not finite, missing or all zero; every item goes to train. */
  splitInvalidRatios: "split-invalid-ratios",
  /** An item id occurs more than once; its occurrences are kept together in one split. */
  splitDuplicateId: "split-duplicate-id",
  /** A group of items sharing merchants or fingerprints is too large for its share of a split, so it goes to train. */
  splitOversizedComponent: "split-oversized-component",
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
  // redaction
  /** A workflow does not load (bad JSON or graph), so its data cannot be found and replaced safely. */
  redactWorkflowInvalid: "redact-workflow-invalid",
  /** The redacted workflow does not pass the transpiler's round trip; it is rejected, never passed on. */
  redactRoundTrip: "redact-round-trip",
  /** The redacted workflow has a validation diagnostic the original did not have; it is rejected. */
  redactValidationChanged: "redact-validation-changed",
  // workflow records and sampling
  /** The record source (a JSONL or Parquet file, a folder) cannot be opened or read; record number 0. */
  recordSourceUnreadable: "record-source-unreadable",
  /** A JSONL line is longer than the size cap; the record is quarantined with the start of the line. */
  recordTooLarge: "record-too-large",
  /** A JSONL line is not valid UTF-8. */
  recordEncoding: "record-encoding",
  /** A JSONL line is not JSON (located by line:column). */
  recordJsonSyntax: "record-json-syntax",
  /** A key appears twice in one record; a plain-object view would silently lose one value. */
  recordDuplicateKey: "record-duplicate-key",
  /** A record is JSON but not an object. */
  recordNotObject: "record-not-object",
  /** A required record field is absent. */
  recordMissingField: "record-missing-field",
  /** A record field has the wrong type or value (the JSON path says which). */
  recordInvalidField: "record-invalid-field",
  /** A timestamp field is not ISO 8601 with seconds and an offset (`Z` or `±hh:mm`). */
  recordInvalidTimestamp: "record-invalid-timestamp",
  /** The record's `workflow` is not readable Flow JSON; the transpiler's diagnostics follow. */
  recordWorkflowInvalid: "record-workflow-invalid",
  /** A `workflow_id` came earlier in the same record set. */
  recordDuplicateId: "record-duplicate-id",
  /** Sampling rules that cannot be applied (an unparseable `now`, a negative count, an unknown tag). */
  sampleInvalidRules: "sample-invalid-rules",
  /** The sampling source gave different records in its two passes; the sample is not trustworthy. */
  sampleSourceChanged: "sample-source-changed",
  // evaluation statistics and calibration
  /** A statistic was asked of no examples at all (n = 0); there is no value to report. */
  evalEmptySample: "eval-empty-sample",
  /** A statistic needs more examples than it was given (a t-interval needs two). */
  evalTooFewExamples: "eval-too-few-examples",
  /** A label is not in the label order given for the scale; it is reported, not counted. */
  evalUnknownLabel: "eval-unknown-label",
  /** Cohen's kappa is 0/0: both raters used one and the same label throughout (chance agreement 1). */
  evalKappaUndefined: "eval-kappa-undefined",
  /** A correlation is undefined because one variable is constant (all ties). */
  evalConstantValues: "eval-constant-values",
  /** AUC or point-biserial needs both outcome classes, and only one occurs. */
  evalOneClass: "eval-one-class",
  /** A value is not a finite number, or an option (level, resamples, folds) is out of range. */
  evalInvalidInput: "eval-invalid-input",
  /** The statistic is undefined on some bootstrap resamples; they are counted and left out of the interval. */
  evalBootstrapUndefined: "eval-bootstrap-undefined",
  /** The BCa correction is undefined for this bootstrap distribution; the percentile interval is reported instead. */
  evalBcaFallback: "eval-bca-fallback",
  /** An example is in one run but not the other, so it is not part of the paired comparison. */
  evalUnpaired: "eval-unpaired",
  /** An example id occurs twice in one run of a paired comparison. */
  evalDuplicateExample: "eval-duplicate-example",
  /** A line of an annotations, judge-scores or activations JSONL file is not JSON or not in the schema. */
  calibrationInvalidLine: "calibration-invalid-line",
  /** One annotator (or the judge) rated the same example and facet twice; the later record is not used. */
  calibrationDuplicate: "calibration-duplicate",
  /** A facet is annotated on two scales, or a judge verdict is off the facet's scale. */
  calibrationScaleMismatch: "calibration-scale-mismatch",
  /** The judge scores come from more than one judge model or prompt; calibrate one judge version at a time. */
  calibrationMixedJudges: "calibration-mixed-judges",
  /** The annotators of an example do not reach the consensus rule (or adjudications conflict); it is left out. */
  calibrationUnresolved: "calibration-unresolved",
  /** An annotated example has no judge score for the facet, or a judge score has no annotation. */
  calibrationUnmatched: "calibration-unmatched",
  /** The judge gives neither a verdict for every example nor a score for every example on this facet. */
  calibrationNoJudgement: "calibration-no-judgement",
  /** Agreement is measured with a threshold tuned on the same examples (no cross-validation), which overstates it. */
  calibrationOptimistic: "calibration-optimistic",
  /** A facet's judge agreement is below the configured minimum, so the facet must not gate. */
  calibrationBelowMinimum: "calibration-below-minimum",
  // flywheel
  /** The week is not an ISO week such as `2026-W47`. */
  flywheelInvalidWeek: "flywheel-invalid-week",
  /** The week was already run on other input (conversations, judge or gating); roll it back first. */
  flywheelWeekChanged: "flywheel-week-changed",
  /** The week has no run in the store, so there is nothing to roll back or report. */
  flywheelWeekNotRun: "flywheel-week-not-run",
  /** Later weeks were built on the week to roll back; they are named, and `cascade` rolls them back too. */
  flywheelRollbackLaterWeeks: "flywheel-rollback-later-weeks",
  /** The week's conversations file cannot be read, or changed while the week ran; nothing was stored. */
  flywheelInputUnreadable: "flywheel-input-unreadable",
  /** The judge cannot score (its options are unusable, or its endpoint does not answer); nothing was stored. */
  flywheelJudgeUnavailable: "flywheel-judge-unavailable",
  /** The calibration given was measured for another judge model or prompt, or is not a calibration. */
  flywheelCalibrationMismatch: "flywheel-calibration-mismatch",
  // LLM client
  /** The chat client's options are unusable (no http(s) base URL, no model, a negative limit, …). */
  llmInvalidOptions: "llm-invalid-options",
  /** The server refused the request with a 4xx status other than 429; not retried. */
  llmHttpError: "llm-http-error",
  /** The server kept answering 429 until the retries ran out (or asked to wait too long). */
  llmRateLimited: "llm-rate-limited",
  /** The server kept answering 5xx until the retries ran out. */
  llmServerError: "llm-server-error",
  /** No complete answer arrived within the per-attempt timeout, on every attempt. */
  llmTimeout: "llm-timeout",
  /** The connection failed or dropped on every attempt. */
  llmConnectionFailed: "llm-connection-failed",
  /** The answer was not JSON or had no `choices[0].message`, on every attempt. */
  llmMalformedAnswer: "llm-malformed-answer",
  /** A tool call's `arguments` text is not JSON; the text is kept as the model wrote it. */
  llmToolArgumentsInvalid: "llm-tool-arguments-invalid",
  /** The answer reports no token `usage`; it is counted as 0 tokens and no cost. */
  llmUsageMissing: "llm-usage-missing",
  /** The budget is spent, so the request was not sent. */
  llmBudgetExhausted: "llm-budget-exhausted",
  /** The caller's abort signal stopped the request. */
  llmAborted: "llm-aborted",
  /** A cache entry could not be read or is not an answer; the server is asked again. */
  llmCacheUnreadable: "llm-cache-unreadable",
  /** An answer could not be written to the cache; the answer itself is still returned. */
  llmCacheWriteFailed: "llm-cache-write-failed",
  // request synthesis
  /** The request input is unusable (no styles, an unknown style, an unknown prompt version). */
  requestInvalidInput: "request-invalid-input",
  /** The workflow does not load or does not print as Python, so no request can describe it. */
  requestWorkflowInvalid: "request-workflow-invalid",
  /** The writer's answer is not the requests asked for (not JSON, wrong styles, code, length, repeats). */
  requestAnswerInvalid: "request-answer-invalid",
  // LLM judge
  /** The judge's options or input are unusable (unknown prompt version, no facets, a bad sample count, an empty example id). */
  judgeInvalidInput: "judge-invalid-input",
  /** The judge endpoint could not be asked (connection, status, timeout, budget); the client's reason is quoted. */
  judgeRequestFailed: "judge-request-failed",
  /** The judge's answer was not the JSON asked for, on the first try and on every repair. */
  judgeAnswerInvalid: "judge-answer-invalid",
  /** A line of a judge conversations JSONL file is not JSON or not in the schema. */
  judgeInvalidLine: "judge-invalid-line",
  // benchmark runner
  /** An eval-set line or dataset row is not a usable example (not JSON, off the schema, no reference, a repeated id); it is skipped. */
  evalRunInvalidExample: "eval-run-invalid-example",
  /** The eval set holds no usable example, so there is nothing to run. */
  evalRunEmptyEvalSet: "eval-run-empty-eval-set",
  /** The benchmark options are unusable (turn limit or concurrency below 1, two examples with one id). */
  evalRunInvalidOptions: "eval-run-invalid-options",
  /** The caller cancelled the run; finished examples are stored and a restart resumes after them. */
  evalRunAborted: "eval-run-aborted",
  /** Some examples failed after the client's retries; they count as wrong and are retried on resume. */
  evalRunExampleFailed: "eval-run-example-failed",
  /** Every example failed to get an answer: the endpoint is down or refuses the requests. */
  evalRunEndpointFailed: "eval-run-endpoint-failed",
  /** Two runs being compared were made on different eval sets; only shared examples are paired. */
  evalRunDifferentEvalSets: "eval-run-different-eval-sets",
  /** A run file given to compare or report is not a benchmark run written by `flowpy eval run`. */
  evalRunUnreadable: "eval-run-unreadable",
  // reports
  /** A report value, interval or count is NaN or infinite; the report shows it as n/a. */
  reportNonFiniteNumber: "report-non-finite-number",
  /** A report interval's low end is above its high end. */
  reportIntervalInvalid: "report-interval-invalid",
  /** A count in a report is negative or not a whole number. */
  reportCountInvalid: "report-count-invalid",
  /** A report section names a run that is not in the report's runs; it is drawn in a neutral colour. */
  reportUnknownRun: "report-unknown-run",
  /** A confusion matrix is not square with one row and column per label; missing cells show as n/a. */
  reportMatrixShape: "report-matrix-shape",
} as const;

export type SdkCode = (typeof sdkCodes)[keyof typeof sdkCodes];
