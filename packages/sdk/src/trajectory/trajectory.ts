import type { Catalog, Compiler } from "@flowpy/transpiler";
import type { Conversation } from "../conversation/chat-message.js";
import type { ResolvedToolSet } from "../tools/resolve-tool-set.js";
import type { ShopContext } from "../tools/task-search.js";
import type { ToolIndexes } from "../tools/tool-indexes.js";
import type { RequestWriter } from "./request-writer.js";
import type { SubmissionMistakeKind } from "./submission-mistake.js";
import type { WorkflowEditKind } from "./workflow-edit.js";

export const trajectoryVariants = [
  "create",
  "edit",
  "fix",
  "question",
] as const;

/**
 * - `create`: build the workflow from a request.
 * - `edit`: the current workflow is in the request as Python; submit the changed one.
 * - `fix`: like create, but the first submission has a real mistake the compiler reports.
 * - `question`: a question about Flow answered without building anything.
 */
export type TrajectoryVariant = (typeof trajectoryVariants)[number];

/** Everything a trajectory is built and verified against. */
export interface TrajectoryEnvironment {
  readonly toolSet: ResolvedToolSet;
  readonly catalog: Catalog;
  /** The transpiler's compiler made for `catalog`, as the serving agent uses it. */
  readonly compiler: Compiler;
  readonly requestWriter: RequestWriter;
  /** Search indexes of `catalog`, built once and shared by every toolbox. */
  readonly indexes?: ToolIndexes;
}

/** An ideal conversation plus what the verifier needs to check it. */
export interface Trajectory {
  readonly variant: TrajectoryVariant;
  readonly seed: number;
  readonly conversation: Conversation;
  readonly toolSetHash: string;
  readonly systemPromptVersion: string;
  /** The shop the tools answered for (its installed apps decide `installed`). */
  readonly shop: ShopContext;
  /** The workflow (JSON text) the conversation must end up submitting; absent for questions. */
  readonly target?: string;
  /** Edit variant: the current workflow's Python, quoted in the user's message. */
  readonly currentPython?: string;
  readonly details: TrajectoryDetails;
}

export interface TrajectoryDetails {
  readonly editKind?: WorkflowEditKind;
  readonly mistakeKind?: SubmissionMistakeKind;
  readonly questionKind?: "faq" | "task_lookup";
  /** Paths the workflow reads that the environment sketch does not hold, so were not searched. */
  readonly unsearchedPaths: readonly string[];
}
