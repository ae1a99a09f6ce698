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
} as const;

export type SdkCode = (typeof sdkCodes)[keyof typeof sdkCodes];
