/**
 * @flowpy/sdk — turns real workflows into training data for tool-calling Flow agents: one
 * versioned agent tool set, ideal trajectories and their verifier, Qwen3 rendering with
 * token ids and assistant masks, datasets with cards, and the train/serve parity certificate.
 */
import { flowToPython } from "@flowpy/transpiler";

/** The Python form of a workflow as a training target, or the transpiler's diagnostics. */
export function workflowTarget(
  json: string,
): { readonly python: string } | { readonly errors: readonly string[] } {
  const result = flowToPython(json);
  return result.ok
    ? { python: result.value.python }
    : { errors: result.diagnostics.map((d) => `${d.code}: ${d.message}`) };
}

// Diagnostics: the transpiler's types and helpers, so dependants need no second copy ---
export { formatJsonPath, renderDiagnostic } from "@flowpy/transpiler";
export type {
  Diagnostic,
  JsonPath,
  Result,
  Severity,
} from "@flowpy/transpiler";
export { sdkCodes } from "./sdk-codes.js";

// The compiler of model-written Python (the transpiler's, catalog-validating); one instance
// serves the tools, the trajectories and the reward.
export { createCompiler, renderDiagnosticsForModel } from "@flowpy/transpiler";
export type { Compiler, CompileResult } from "@flowpy/transpiler";
export type { SdkCode } from "./sdk-codes.js";

// Conversation contract (OpenAI chat format) -----------------------------------------
export type {
  JsonValue,
  ToolCall,
  SystemMessage,
  UserMessage,
  AssistantMessage,
  ToolMessage,
  ChatMessage,
  ChatRole,
  ToolDefinition,
  Conversation,
} from "./conversation/chat-message.js";

// Rendering for Qwen3 (prompt text, token ids, assistant masks) ------------------------
export {
  QWEN3_TEMPLATE_SHA256,
  QWEN3_TEMPLATE_SOURCE,
  pinnedQwen3Template,
  createChatTemplate,
} from "./render/chat-template.js";
export { sha256Hex } from "./sha256-hex.js";
export type { ChatTemplate } from "./render/chat-template.js";
export {
  renderConversation,
  templateInput,
  cachingTemplateInput,
} from "./render/render-conversation.js";
export type {
  RenderOptions,
  TemplateInput,
  TemplateInputPreparer,
  TemplateMessage,
  TemplateTool,
} from "./render/render-conversation.js";
export { renderQwen3 } from "./render/render-qwen3.js";
export { tokenizeRow, tokenizeTemplateInput } from "./render/tokenize-row.js";
export type {
  TokenizedRow,
  TokenizeOptions,
  AssistantSpan,
} from "./render/tokenize-row.js";
export {
  qwen3Tokenizer,
  qwen3SpecialIds,
  segmentCachingTokenizer,
  QWEN3_TOKENIZER_MODEL,
} from "./render/qwen3-tokenizer.js";
export type { Qwen3Tokenizer } from "./render/qwen3-tokenizer.js";
export {
  pythonJsonFromText,
  pythonJsonFromValue,
} from "./render/python-json.js";
export { formatNumber, pythonFloatRepr } from "./json/format-number.js";
export { toolCallFormat, toolCallFormats } from "./render/tool-call-format.js";
export type { ToolCallFormat } from "./render/tool-call-format.js";

// Dataset rows, JSONL files and cards -------------------------------------------------
export {
  buildDatasetRow,
  rowConversation,
  serializeRow,
  toolSetSha256,
  qwen3GenerationDefaults,
  generationConfigKeys,
  checkpointGenerationConfig,
} from "./dataset/dataset-row.js";
export type {
  DatasetRow,
  RowMeta,
  RowSource,
  RowOptions,
  GenerationConfig,
  CheckpointGenerationConfig,
} from "./dataset/dataset-row.js";
export {
  writeDataset,
  readDatasetJsonl,
  seededShuffle,
} from "./dataset/write-dataset.js";
export type { WriteOptions, WrittenDataset } from "./dataset/write-dataset.js";
export { datasetCard, cardTally, percentile } from "./dataset/dataset-card.js";
export type {
  DatasetCard,
  DatasetCardData,
  CardTally,
  CardOptions,
  TokenStats,
  RejectedRow,
} from "./dataset/dataset-card.js";
export { createRowBuilder } from "./dataset/row-builder.js";
export type {
  RowBuilder,
  RowBuilderOptions,
  RowSpec,
  RowOutcome,
} from "./dataset/row-builder.js";
export { buildCorpusDataset } from "./dataset/corpus-dataset.js";
export type {
  CorpusDataset,
  CorpusDatasetOptions,
  CorpusWorkflow,
  VariantShares,
} from "./dataset/corpus-dataset.js";

// Train/serve parity certificate -----------------------------------------------------
export { certifyParity } from "./parity/certify-parity.js";
export type {
  ParityCertificate,
  Difference as ParityDifference,
  DifferenceKind,
  TrainingSide,
} from "./parity/certify-parity.js";
export { readServingSide } from "./parity/serving-side.js";
export type { ServingSide, ServingGeneration } from "./parity/serving-side.js";
export { chatCompletionRequest } from "./parity/chat-request.js";
export type { ChatCompletionRequest } from "./parity/chat-request.js";

// Agent tools: one versioned tool-set definition, deployment overlays, executors ------
export {
  toolSetDefinition,
  toolKeys,
  taskTypeFilters,
  pathCategories,
} from "./tools/tool-set-definition.js";
export type {
  ToolKey,
  ToolSpec,
  ToolLimits,
  ToolSetDefinition,
  PathCategory,
} from "./tools/tool-set-definition.js";
export {
  resolveToolSet,
  openAiTools,
  toolByKey,
  deploymentOverlaySchema,
  defaultOverlay,
  flowGatewayOverlay,
} from "./tools/resolve-tool-set.js";
export type {
  DeploymentOverlay,
  ResolvedTool,
  ResolvedToolSet,
  ResponseKeyStyle,
} from "./tools/resolve-tool-set.js";
export {
  schemaToJson,
  validateBySchema,
  conformToSchema,
} from "./tools/json-schema.js";
export type { JsonSchema, SchemaIssue } from "./tools/json-schema.js";
export {
  writeJson,
  toolArgumentsLayout,
  toolResponseLayout,
} from "./tools/canonical-json.js";
export type { JsonLayout } from "./tools/canonical-json.js";
export { createToolbox } from "./tools/toolbox.js";
export type { Toolbox, ToolboxOptions, ToolAnswer } from "./tools/toolbox.js";
export {
  createTaskSearchIndex,
  isInstalled,
  emptyShop,
} from "./tools/task-search.js";
export type { ShopContext, TaskSearchIndex } from "./tools/task-search.js";
export { createEnvironmentPathIndex } from "./tools/environment-paths.js";
export type {
  EnvironmentPath,
  EnvironmentPathIndex,
} from "./tools/environment-paths.js";
export { searchTokens } from "./tools/search-tokens.js";
export { measureSummaryDesign } from "./tools/summary-design.js";
export type {
  SummaryDesignQuery,
  SummaryDesignFigures,
} from "./tools/summary-design.js";
export { toolSetReference } from "./tools/tool-set-docs.js";
export { searchedTasks, configuredTasks } from "./tools/tool-answers.js";
export type { TaskRef } from "./tools/tool-answers.js";
export { createToolIndexes } from "./tools/tool-indexes.js";
export type { ToolIndexes } from "./tools/tool-indexes.js";

// Trajectories: ideal conversations and their verifier -------------------------------
export {
  buildTrajectory,
  plannedTaskSearches,
} from "./trajectory/build-trajectory.js";
export type { TrajectoryInput } from "./trajectory/build-trajectory.js";
export { trajectoryVariants } from "./trajectory/trajectory.js";
export type {
  Trajectory,
  TrajectoryDetails,
  TrajectoryEnvironment,
  TrajectoryVariant,
} from "./trajectory/trajectory.js";
export {
  createTrajectoryEnvironment,
  defaultTrajectoryEnvironment,
} from "./trajectory/default-environment.js";
export {
  verifyTrajectory,
  trajectoryRules,
} from "./trajectory/verify-trajectory.js";
export type {
  TrajectoryIssue,
  TrajectoryRule,
} from "./trajectory/verify-trajectory.js";
export {
  systemPrompt,
  systemPromptVersion,
} from "./trajectory/system-prompt.js";
export type { SystemPrompt } from "./trajectory/system-prompt.js";
export { offlineRequestWriter } from "./trajectory/request-writer.js";
export type { RequestWriter } from "./trajectory/request-writer.js";
export type {
  WorkflowEdit,
  WorkflowEditKind,
} from "./trajectory/workflow-edit.js";
export { submissionMistakeKinds } from "./trajectory/submission-mistake.js";
export type { SubmissionMistakeKind } from "./trajectory/submission-mistake.js";
export { workflowFacts } from "./trajectory/workflow-facts.js";
export type {
  WorkflowFacts,
  UsedPath,
  StepFact,
} from "./trajectory/workflow-facts.js";
export {
  canonicalWorkflowText,
  sameWorkflow,
} from "./trajectory/same-workflow.js";

// Workflow simulator: run workflows on sample events, execution-based equivalence,
// verifiable test cases and rewards.
export {
  simulate,
  createSimulator,
  FOREACH_LIMIT,
  STEP_BUDGET,
} from "./simulator/simulate.js";
export type { SimulateOptions, Simulator } from "./simulator/simulate.js";
export { DEFAULT_NOW } from "./simulator/workflow-plan.js";
export { readWorkflow } from "./simulator/read-workflow.js";
export { observable } from "./simulator/trace.js";
export type {
  TriggerEvent,
  TraceEntry,
  TraceEntryKind,
  ActionEntry,
  BranchEntry,
  LoopEntry,
  IterationEntry,
  WaitEntry,
  FailureEntry,
  SimulationResult,
  ObservableEntry,
} from "./simulator/trace.js";
export type { SimValue, SimRecord } from "./simulator/sim-value.js";
export { generateEvents } from "./simulator/generate-events.js";
export type {
  GenerateEventsOptions,
  GeneratedEvents,
} from "./simulator/generate-events.js";
export { branchCoverage, conditionBranches } from "./simulator/coverage.js";
export type { Branch, BranchCoverage } from "./simulator/coverage.js";
export { equivalent, sameBehaviour } from "./simulator/equivalent.js";
export type {
  Equivalence,
  EquivalenceOptions,
  Difference as TraceDifference,
  OrderMode,
  OrderPolicy,
} from "./simulator/equivalent.js";
export {
  testCaseSchema,
  parseTestCase,
  testCaseToJson,
  createTestCase,
  runTestCase,
} from "./simulator/test-case.js";
export type {
  TestCase,
  TestCaseReport,
  TestCaseMismatch,
} from "./simulator/test-case.js";
export { createReward, createRewardFunction } from "./simulator/reward.js";
export type {
  RewardFunctionOptions,
  Reward,
  RewardOptions,
  RewardRequest,
  RewardResult,
} from "./simulator/reward.js";

// Redaction: merchant data out of workflows and free text, with consistent placeholders --
export { createRedactor } from "./redact/create-redactor.js";
export type {
  Redactor,
  RedactorOptions,
  RedactedWorkflow,
  RedactedText,
} from "./redact/create-redactor.js";
export { redactionKinds } from "./redact/redaction-kind.js";
export type {
  RedactionKind,
  RedactionCounts,
  Redaction,
} from "./redact/redaction-kind.js";
// Workflow records: schema, streaming JSONL/Parquet readers, quarantine; workflow tags;
// sampling rules with stratified diversity sampling.
export {
  workflowRecordSchema,
  workflowRecordFields,
  checkWorkflowRecord,
  readFlowWorkflow,
} from "./records/workflow-record.js";
export type { WorkflowRecord } from "./records/workflow-record.js";
export {
  readWorkflowRecords,
  defaultMaxLineBytes,
} from "./records/read-workflow-records.js";
export type {
  RecordOutcome,
  RecordFormat,
  ReadRecordsOptions,
} from "./records/read-workflow-records.js";
export { formatQuarantineEntry } from "./records/quarantine-entry.js";
export { corpusRecords, rootMerchant } from "./records/corpus-records.js";
export {
  workflowTags,
  workflowTagKeys,
  stratumKey,
  tagValueText,
} from "./tags/workflow-tags.js";
export type { WorkflowTags, WorkflowTagKey } from "./tags/workflow-tags.js";
export {
  triggerResources,
  actionFamilies,
  conditionPatterns,
  workflowSizes,
  sizeLimits,
} from "./tags/tag-vocabulary.js";
export type {
  TriggerResource,
  ActionFamily,
  ConditionPattern,
  WorkflowSize,
} from "./tags/tag-vocabulary.js";
export {
  sampleWorkflows,
  sampleWorkflowPicks,
  samplingRuleNames,
  ranWithin,
  priorityOf,
} from "./sampling/sample-workflows.js";
export type {
  SamplingRules,
  SamplingReport,
  SamplingRuleName,
  Sampled,
  SamplePick,
  SamplePickOptions,
} from "./sampling/sample-workflows.js";
export { allocateQuotas, allocations } from "./sampling/allocate-quotas.js";
export type { Allocation } from "./sampling/allocate-quotas.js";
// Dedup, structural fingerprints, grouped splits, contamination ------------------------
export { exactKey } from "./dedup/exact-key.js";
export {
  structuralFingerprint,
  FINGERPRINT_VERSION,
} from "./dedup/structural-fingerprint.js";
export { workflowKeys } from "./dedup/workflow-keys.js";
export type { WorkflowKeys } from "./dedup/workflow-keys.js";
export { dedupeExact } from "./dedup/dedupe-exact.js";
export type {
  ExactKeyed,
  ExactGroup,
  ExactDedupReport,
  DedupOutcome,
  ExactDedup,
} from "./dedup/dedupe-exact.js";
export { assignSplits, splitNames } from "./dedup/assign-splits.js";
export type {
  Split,
  SplitItem,
  SplitOptions,
  SplitComponent,
  SplitShare,
  SplitReport,
  SplitAssignment,
} from "./dedup/assign-splits.js";
export {
  contaminationReport,
  createContaminationIndex,
  dropContaminated,
} from "./dedup/contamination-report.js";
export type {
  ContaminationItem,
  ContaminationKind,
  ContaminatedItem,
  OverlapCounts,
  ContaminationReport,
  ContaminationIndex,
} from "./dedup/contamination-report.js";
// Evaluation statistics: agreement, intervals, paired run comparison -----------------
export { confusionMatrix, marginals } from "./eval/stats/confusion-matrix.js";
export type {
  ConfusionMatrix,
  RatingLabel,
  RatingPair,
} from "./eval/stats/confusion-matrix.js";
export { cohenKappa, weightedKappa } from "./eval/stats/cohen-kappa.js";
export type {
  Kappa,
  KappaWeights,
  WeightedKappa,
} from "./eval/stats/cohen-kappa.js";
export { accuracy, wilsonInterval } from "./eval/stats/proportion.js";
export type {
  Interval,
  IntervalMethod,
  Proportion,
} from "./eval/stats/proportion.js";
export {
  averageRanks,
  pearson,
  spearman,
  pointBiserial,
} from "./eval/stats/rank-correlation.js";
export { rocAuc } from "./eval/stats/roc-auc.js";
export type { Auc } from "./eval/stats/roc-auc.js";
export {
  bootstrapInterval,
  defaultBootstrapOptions,
  interpolatedQuantile,
} from "./eval/stats/bootstrap.js";
export type {
  BootstrapInterval,
  BootstrapMethod,
  BootstrapOptions,
} from "./eval/stats/bootstrap.js";
export {
  comparePaired,
  mcnemarExact,
  tInterval,
} from "./eval/stats/paired-comparison.js";
export type {
  McNemar,
  PairedComparison,
  ScoredExample,
  TInterval,
} from "./eval/stats/paired-comparison.js";
export {
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from "./eval/stats/distributions.js";

// Judge calibration against human annotations ------------------------------------------
export {
  judgeFacets,
  judgeFacetIds,
  ratingScales,
} from "./eval/calibration/judge-facets.js";
export type {
  JudgeFacet,
  RatingScale,
} from "./eval/calibration/judge-facets.js";
export {
  annotationSchema,
  judgeScoreSchema,
  activationSchema,
} from "./eval/calibration/calibration-records.js";
export type {
  Annotation,
  JudgeScore,
  Activation,
} from "./eval/calibration/calibration-records.js";
export {
  readAnnotationsJsonl,
  readJudgeScoresJsonl,
  readActivationsJsonl,
} from "./eval/calibration/read-calibration-jsonl.js";
export { resolveAnnotations } from "./eval/calibration/resolve-annotations.js";
export type {
  ConsensusRule,
  ConsensusLabel,
  FacetLabels,
  InterAnnotatorAgreement,
  AnnotatorPairAgreement,
} from "./eval/calibration/resolve-annotations.js";
export {
  tuneThreshold,
  crossValidateThreshold,
  binaryKappa,
} from "./eval/calibration/tune-threshold.js";
export type {
  ThresholdObjective,
  ThresholdFit,
  CrossValidatedThreshold,
} from "./eval/calibration/tune-threshold.js";
export {
  calibrateJudge,
  defaultCalibrationConfig,
} from "./eval/calibration/calibrate-judge.js";
export type {
  CalibrationConfig,
  GatingRule,
  ThresholdValidation,
  Agreement,
  ThresholdReport,
  ProductionCheck,
  FacetGating,
  FacetCalibration,
  JudgeCalibration,
} from "./eval/calibration/calibrate-judge.js";
// LLM judge: faceted verdicts with versioned prompts, self-consistency, pairwise probes --
export type {
  Facet,
  FacetVerdictValue,
  JudgeInput,
  FacetVerdict,
  JudgeScore as FacetedJudgeScore,
  Judge,
} from "./eval/judge/judge-score.js";
export {
  createJudge,
  DEFAULT_JUDGE_REDACTION_SALT,
} from "./eval/judge/create-judge.js";
export type { JudgeOptions } from "./eval/judge/create-judge.js";
export {
  judgePromptTemplates,
  judgePromptTemplate,
  judgePromptText,
  judgePromptSha256,
  defaultJudgePromptVersion,
} from "./eval/judge/judge-prompt.js";
export type { JudgePromptTemplate } from "./eval/judge/judge-prompt.js";
export {
  readFacetAnswer,
  readPairAnswer,
  MAX_RATIONALE_CHARS,
} from "./eval/judge/judge-answer.js";
export { majorityVerdict } from "./eval/judge/majority-verdict.js";
export { judgeScoreRecords } from "./eval/judge/judge-score-records.js";
export { judgeView } from "./eval/judge/judge-view.js";
export type { JudgeView } from "./eval/judge/judge-view.js";
export { comparePair } from "./eval/judge/compare-pair.js";
export {
  readJudgeInputsJsonl,
  judgeInputLineSchema,
} from "./eval/judge/read-judge-inputs.js";
export { calibrationReport } from "./eval/judge/calibration-report.js";
export type {
  PairCandidate,
  PairInput,
  PairPreference,
  PairOrderVerdict,
  SwappedVerdict,
  VerbosityProbe,
  PairComparison,
  ComparePairOptions,
} from "./eval/judge/compare-pair.js";
// LLM client: OpenAI-compatible chat completions with retries, cache, accounting, budget --
export { createChatClient } from "./llm/chat-client.js";
export type { ChatClient, ChatClientOptions } from "./llm/chat-client.js";
export type {
  ChatCompletionRequestBody,
  ChatCompletionAnswer,
  ChatCompletionChoice,
  TokenUsage,
} from "./llm/chat-completion.js";
export type { BackoffOptions } from "./llm/backoff.js";
export type {
  LlmBudget,
  LlmUsage,
  ModelPricing,
  ModelUsage,
  UsageTotals,
} from "./llm/usage-ledger.js";
export { requestCacheKey, LLM_CACHE_FORMAT } from "./llm/response-cache.js";

// Request synthesis: merchant requests per workflow and style, offline or by an LLM -----
export {
  requestStyles,
  isRequestStyle,
  requestLengthBounds,
} from "./requests/request-style.js";
export type { RequestStyle } from "./requests/request-style.js";
export type {
  SynthesizedRequest,
  SynthesisInput,
  SynthesisEstimate,
  RequestSynthesizer,
} from "./requests/synthesized-request.js";
export {
  requestPromptTemplates,
  requestPromptTemplate,
  requestPromptText,
  requestPromptSha256,
  renderRequestPrompt,
  defaultRequestPromptVersion,
} from "./requests/request-prompt.js";
export type {
  RequestPromptTemplate,
  PromptWorkflow,
} from "./requests/request-prompt.js";
export { promptWorkflow } from "./requests/prompt-workflow.js";
export { checkRequests, readRequestAnswer } from "./requests/check-requests.js";
export type { StyledText, CheckedRequests } from "./requests/check-requests.js";
export { llmRequestSynthesizer } from "./requests/llm-request-synthesizer.js";
export type { LlmRequestSynthesizerOptions } from "./requests/llm-request-synthesizer.js";
export { offlineRequestSynthesizer } from "./requests/offline-request-synthesizer.js";
export type { OfflineRequestSynthesizerOptions } from "./requests/offline-request-synthesizer.js";
export {
  offlinePhrases,
  offlinePhrasesSha256,
  OFFLINE_REQUESTS_VERSION,
} from "./requests/offline-styles.js";

// Benchmark runner: eval sets, the production agent loop against a served model, per-example
// metrics, resumable runs, run-vs-run comparison ------------------------------------------
export {
  evalExampleSchema,
  requestKinds,
} from "./eval/eval-set/eval-example.js";
export type { EvalExample, RequestKind } from "./eval/eval-set/eval-example.js";
export { readEvalSetJsonl } from "./eval/eval-set/read-eval-set.js";
export { evalSetFromDatasetRows } from "./eval/eval-set/eval-set-from-rows.js";
export type { RowsToEvalSetOptions } from "./eval/eval-set/eval-set-from-rows.js";
export { runAgentLoop } from "./eval/runner/agent-loop.js";
export type {
  AgentLoopInput,
  AgentRun,
  AgentTurn,
  SamplingSettings,
  ToolCallRecord,
} from "./eval/runner/agent-loop.js";
export {
  binaryMetrics,
  quantityMetrics,
} from "./eval/runner/example-result.js";
export type {
  BinaryMetric,
  QuantityMetric,
  ExampleMetrics,
  ExampleResult,
} from "./eval/runner/example-result.js";
export { runBenchmark } from "./eval/runner/run-benchmark.js";
export type {
  BenchmarkEnvironment,
  BenchmarkOptions,
  BenchmarkRun,
} from "./eval/runner/run-benchmark.js";
export {
  summarizeRun,
  sliceTableOf,
  sliceQuantities,
} from "./eval/runner/run-summary.js";
export type {
  RateSummary,
  MeanSummary,
  SliceSummary,
  MetricFailureShares,
  RunSummary,
} from "./eval/runner/run-summary.js";
export { exampleSliceTags } from "./eval/runner/example-slice-tags.js";
export { compareRuns } from "./eval/runner/compare-runs.js";
export {
  benchmarkReport,
  metricLabel,
} from "./eval/runner/benchmark-report.js";
export { readBenchmarkRun } from "./eval/runner/read-benchmark-run.js";
export type {
  CompareOptions,
  MetricComparison,
  RunComparison,
} from "./eval/runner/compare-runs.js";
// Evaluation slices: conversation tags, metrics per slice, regressions, failure shares, gaps --
export {
  conversationTags,
  requestKind,
  sliceDimensions,
  sliceKeys,
} from "./eval/slices/conversation-tags.js";
export type {
  ConversationTags,
  SliceDimension,
} from "./eval/slices/conversation-tags.js";
export { sliceMetrics } from "./eval/slices/slice-metrics.js";
export type {
  Slice,
  SliceInput,
  SliceMetric,
  SliceMetricsOptions,
  SliceTable,
} from "./eval/slices/slice-metrics.js";
export { regressedSlices } from "./eval/slices/regressed-slices.js";
export type {
  RegressionOptions,
  RegressionTest,
  SliceRegression,
} from "./eval/slices/regressed-slices.js";
export { failureShares } from "./eval/slices/failure-shares.js";
export type { FailureShare } from "./eval/slices/failure-shares.js";
export { gapSuggestions } from "./eval/slices/gap-suggestions.js";
export type {
  GapOptions,
  GapSuggestion,
} from "./eval/slices/gap-suggestions.js";

// The weekly flywheel: production conversations → routed, redacted, versioned training data --
export { productionConversationSchema } from "./flywheel/production-conversation.js";
export type { ProductionConversation } from "./flywheel/production-conversation.js";
export { parseIsoWeek } from "./flywheel/iso-week.js";
export type { IsoWeek } from "./flywheel/iso-week.js";
export {
  routes,
  routeReasons,
  routeScored,
  judgePasses,
} from "./flywheel/route-conversation.js";
export type {
  Route,
  RouteReason,
  RoutingFacts,
} from "./flywheel/route-conversation.js";
export { runFlywheelWeek } from "./flywheel/run-flywheel-week.js";
export type {
  FlywheelWeek,
  FlywheelWeekOptions,
} from "./flywheel/run-flywheel-week.js";
export { flywheelJudge } from "./flywheel/flywheel-judge.js";
export type {
  FlywheelJudgeSettings,
  FlywheelJudgeIdentity,
} from "./flywheel/flywheel-judge.js";
export {
  resolveGating,
  readCalibrationGates,
} from "./flywheel/flywheel-gating.js";
export type {
  CalibrationGates,
  FacetGate,
  FlywheelGating,
  FlywheelGatingInput,
} from "./flywheel/flywheel-gating.js";
export { weekSliceCounter } from "./flywheel/week-slices.js";
export type { WeekSliceCounter } from "./flywheel/week-slices.js";
export {
  rollbackFlywheelWeek,
  exportFlywheelDataset,
  flywheelVersionFiles,
  flywheelVersionRows,
  flywheelVersionDigest,
  flywheelWeekSummary,
  flywheelWeekDecisions,
  flywheelWeekAttention,
  latestFlywheelVersion,
} from "./flywheel/flywheel-dataset.js";
export type {
  FlywheelAttention,
  FlywheelDecision,
  FlywheelRollback,
  FlywheelVersionFiles,
  FlywheelVersionRow,
} from "./flywheel/flywheel-dataset.js";
export type {
  FlywheelStore,
  FlywheelStoreRow,
} from "./flywheel/flywheel-store.js";
export {
  flywheelWeekReport,
  renderFlywheelWeekHtml,
} from "./flywheel/week-report.js";

// Evaluation reports: plain report data drawn as one self-contained HTML page ------------
export {
  renderHtmlReport,
  reportSectionKinds,
} from "./report/render-html-report.js";
export { checkReport } from "./report/check-report.js";
export type {
  Report,
  ReportHeader,
  ReportSection,
  ReportSectionKind,
  RunRef,
  ValueFormat,
  Interval as ReportInterval,
  Estimate,
  HeadlineSection,
  HeadlineMetric,
  SliceBarsSection,
  SliceBar,
  SliceValue,
  FailureShareSection,
  ConfusionMatricesSection,
  ConfusionFacet,
  DeltasSection,
  PairedDelta,
  HistogramSection,
  HistogramBin,
  TableSection,
  TableColumn,
  TableCell,
  NotesSection,
} from "./report/report-model.js";
// Store and pipeline (issue 5): the DuckDB dataset store, `buildDataset` (records → dataset
// files, resumable) and the `flowpy dataset` command.
export { openDatasetStore } from "./store/dataset-store.js";
export { codeUnitKey } from "./store/code-unit-key.js";
export type { DatasetStore, StoreRow } from "./store/dataset-store.js";
export { storeMigrations, storeSchemaVersion } from "./store/store-schema.js";
export type { StoreMigration } from "./store/store-schema.js";
export { buildDataset, pipelineStages } from "./pipeline/build-dataset.js";
export type {
  BuildDatasetOptions,
  DatasetBuildSummary,
  DatasetReport,
  ExportedFile,
  LlmWriterOptions,
  PipelineProgress,
  PipelineSamplingOptions,
  PipelineStage,
} from "./pipeline/build-dataset.js";
export { runDatasetCli } from "./cli/dataset-cli.js";
export type { DatasetCliIo } from "./cli/dataset-cli.js";
