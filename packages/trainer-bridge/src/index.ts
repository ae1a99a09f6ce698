/**
 * @flowpy/trainer-bridge — one typed training spec for a Qwen3 FSDP full fine-tune, turned into
 * a resource plan, jobs on the engines teams run (Slurm, Kubeflow TrainJob/PyTorchJob,
 * SkyPilot, Tangle), a vLLM serving config that renders prompts exactly as training did, and
 * one manifest from dataset to served model. User errors come back as diagnostics, never thrown.
 */
import { workflowTarget } from "@flowpy/sdk";

// Dataset boundary ---------------------------------------------------------------------

/** Counts how many workflows of a dataset transpile, the first gate before a training run. */
export function countTrainable(workflows: readonly string[]): {
  readonly ok: number;
  readonly failed: number;
} {
  let ok = 0;
  for (const w of workflows) if ("python" in workflowTarget(w)) ok++;
  return { ok, failed: workflows.length - ok };
}

// Diagnostics ----------------------------------------------------------------------------
export { codes } from "./diagnostics/codes.js";
export type { DiagnosticCode } from "./diagnostics/codes.js";
// The transpiler's diagnostic types and rendering, through the sdk's public entry.
export { formatJsonPath, renderDiagnostic } from "@flowpy/sdk";
export type { Diagnostic, JsonPath, Result, Severity } from "@flowpy/sdk";

// Training spec and dataset facts --------------------------------------------------------
export {
  TrainingSpec,
  Hyperparameters,
  FsdpSettings,
  Compute,
  OutputLocations,
  Tracking,
  SecretEnv,
  parseTrainingSpec,
  readTrainingSpec,
  trainingSpecJsonSchema,
  defaultTrainingSpec,
} from "./spec/training-spec.js";
export {
  DatasetFacts,
  GenerationDefaults,
  ToolCallFormat,
  ThinkingMode,
  Sha256,
  parseDatasetFacts,
  readDatasetFacts,
} from "./spec/dataset-facts.js";
export {
  datasetFactsFromCard,
  isSdkCard,
  SDK_CARD_FORMAT,
} from "./spec/dataset-facts-from-card.js";
export type { CardLocation } from "./spec/dataset-facts-from-card.js";
export { exampleDatasetFacts } from "./spec/example-dataset-facts.js";
export { GpuType, gpuFacts } from "./spec/gpu-facts.js";
export type { GpuFacts } from "./spec/gpu-facts.js";
export {
  BaseModelId,
  modelShapes,
  decoderLayerParams,
  rootParams,
  totalParams,
} from "./spec/model-facts.js";
export type { ModelShape } from "./spec/model-facts.js";

// Planner --------------------------------------------------------------------------------
export { planTraining } from "./planner/plan-training.js";
export type {
  Plan,
  PlanLine,
  PlanAssumption,
  MemoryTerm,
  MemoryTermKind,
  Verdict,
} from "./planner/plan-training.js";
export { renderPlan, planJson } from "./planner/render-plan.js";
export {
  defaultPlannerAssumptions,
  assumptionReasons,
} from "./planner/planner-assumptions.js";
export type { PlannerAssumptions } from "./planner/planner-assumptions.js";

// Serving ----------------------------------------------------------------------------------
export {
  servingConfig,
  servingRecord,
  toolParserFor,
  templateKwargsFor,
} from "./serving/serving-config.js";
export type {
  ServingConfig,
  VllmServeConfig,
} from "./serving/serving-config.js";
export { defaultServingOptions } from "./serving/serving-options.js";
export type {
  ServingOptions,
  ModelVolume,
  SecretRef,
} from "./serving/serving-options.js";
export type { ServingKubernetes } from "./serving/serving-kubernetes.js";
export { sizeServing, renderServingSizing } from "./serving/serving-sizing.js";
export type { ServingSizing, SizingInput } from "./serving/serving-sizing.js";
export {
  checkServingParity,
  readParitySubject,
  ParitySubject,
} from "./serving/serving-parity.js";
export type {
  ParityDifference,
  ParityKind,
  ParityReport,
} from "./serving/serving-parity.js";
export { canonicalJson, hashJson } from "./format/canonical-json.js";
export { sha256Hex } from "@flowpy/sdk";

// Run manifest -----------------------------------------------------------------------------
export {
  RunManifest,
  ServingRecord,
  JobEngine,
  buildRunManifest,
  renderRunManifest,
  verifyRunManifest,
  readRunManifest,
} from "./manifest/run-manifest.js";
export type { ManifestInput } from "./manifest/run-manifest.js";

// Launcher ----------------------------------------------------------------------------------
export { defaultLaunchOptions } from "./launcher/launch-options.js";
export type { LaunchOptions, Launcher } from "./launcher/launch-options.js";
export { launcherScript, launcherEnv } from "./launcher/launcher-script.js";
export { trlSftArgs, trlSftConfigYaml } from "./launcher/sft-config.js";
export {
  accelerateFsdpConfig,
  fsdpConfigSection,
} from "./launcher/accelerate-config.js";
export {
  launchFiles,
  bootstrapScript,
  writeFilesScript,
} from "./launcher/launch-files.js";
export { launchProblems } from "./launcher/launch-problems.js";

// Job emitters --------------------------------------------------------------------------------
export type { EmittedFile } from "./emit/emitted-file.js";
export { toYaml } from "./emit/to-yaml.js";
export { shellQuote } from "./emit/shell-quote.js";
export { defaultSlurmOptions } from "./emit/slurm-options.js";
export type { SlurmOptions, SlurmGpuRequest } from "./emit/slurm-options.js";
export { emitSbatchJob } from "./emit/sbatch-job.js";
export type { SbatchJob } from "./emit/sbatch-job.js";
export { defaultKubernetesOptions } from "./emit/kubernetes-options.js";
export type { KubernetesOptions } from "./emit/kubernetes-options.js";
export { emitTrainJob, trainJobApi } from "./emit/train-job.js";
export type { TrainJobManifest } from "./emit/train-job.js";
export { emitPyTorchJob, pytorchJobApi } from "./emit/pytorch-job.js";
export type {
  PyTorchJobManifest,
  PyTorchReplicaSpec,
} from "./emit/pytorch-job.js";
export {
  emitSkyPilotTask,
  defaultSkyPilotOptions,
} from "./emit/skypilot-task.js";
export type { SkyPilotOptions, SkyPilotTask } from "./emit/skypilot-task.js";
export {
  emitTangleComponent,
  tangleTaskAnnotations,
} from "./emit/tangle-component.js";
export type {
  TangleComponent,
  TangleInput,
  TanglePlaceholder,
} from "./emit/tangle-component.js";
export { jobFiles, defaultJobFileOptions } from "./emit/job-files.js";
export type { JobFileOptions } from "./emit/job-files.js";

// Submitters ----------------------------------------------------------------------------------
export { isTerminal } from "./submit/job-status.js";
export type { JobStatus, JobStateKind } from "./submit/job-status.js";
export type { Submitter, LogChunk } from "./submit/submitter.js";
export { followJob } from "./submit/follow-job.js";
export type { FollowOptions } from "./submit/follow-job.js";
export { execFileRunner } from "./submit/command-runner.js";
export type {
  CommandRunner,
  CommandResult,
  CommandOptions,
} from "./submit/command-runner.js";
export { unixSocketTransport, tcpTransport } from "./submit/http-transport.js";
export type {
  HttpTransport,
  HttpRequest,
  HttpResponse,
} from "./submit/http-transport.js";
export { slurmCliSubmitter } from "./submit/slurm-cli-submitter.js";
export type {
  SlurmCliSubmitter,
  SlurmCliOptions,
  SlurmJobHandle,
} from "./submit/slurm-cli-submitter.js";
export {
  slurmRestSubmitter,
  slurmRestAuthFromEnv,
} from "./submit/slurm-rest-submitter.js";
export type {
  SlurmRestSubmitter,
  SlurmRestOptions,
} from "./submit/slurm-rest-submitter.js";
export { slurmStatus, resolveOutputPattern } from "./submit/slurm-state.js";
export {
  kubernetesSubmitter,
  kubeConfigFromDefaults,
  kubernetesJobStatus,
} from "./submit/kubernetes-submitter.js";
export type {
  KubernetesSubmitter,
  KubernetesSubmitterOptions,
  KubernetesJob,
  KubernetesJobHandle,
} from "./submit/kubernetes-submitter.js";
export { redact, secretValues } from "./submit/redact.js";
