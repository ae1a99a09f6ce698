/**
 * Stable diagnostic codes reported by the SDK's tools and trajectory builder (the
 * transpiler's own codes live in its `codes.ts`; these never overlap with them).
 */
export const sdkCodes = {
  /** A deployment overlay does not fit its schema, or gives two tools the same name. */
  toolOverlayInvalid: "tool-overlay-invalid",
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
} as const;

export type SdkCode = (typeof sdkCodes)[keyof typeof sdkCodes];
