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
} from "./render/render-conversation.js";
export type {
  RenderOptions,
  TemplateInput,
  TemplateMessage,
  TemplateTool,
} from "./render/render-conversation.js";
export { tokenizeRow } from "./render/tokenize-row.js";
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

// Store and pipeline (issue 5): the DuckDB dataset store, `buildDataset` (records → dataset
// files, resumable) and the `flowpy dataset` command.
export { openDatasetStore } from "./store/dataset-store.js";
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
  PipelineStage,
} from "./pipeline/build-dataset.js";
export { runDatasetCli } from "./cli/dataset-cli.js";
export type { DatasetCliIo } from "./cli/dataset-cli.js";
