/**
 * STAND-IN for the judge part's contract (`eval/judge/`), which is being built in parallel:
 * only the shapes the runner calls. Replace these imports with the real module once it lands.
 */
import type { Result } from "@flowpy/transpiler";
import type { ChatMessage } from "../../conversation/chat-message.js";

export type Facet =
  "intent" | "flow_fit" | "components" | "configuration" | "next_steps";

export interface JudgeInput {
  readonly exampleId: string;
  readonly conversation: readonly ChatMessage[];
  /** Flow JSON of the final submission, when one compiled. */
  readonly finalWorkflow?: string;
  readonly reference?: {
    readonly workflow?: string;
    readonly shouldDecline?: boolean;
  };
}

export interface FacetVerdict {
  readonly facet: Facet;
  readonly verdict: "pass" | "fail" | "n/a";
  readonly score?: number;
  readonly rationale: string;
}

export interface JudgeScore {
  readonly exampleId: string;
  readonly facets: readonly FacetVerdict[];
  readonly judgeModel: string;
  readonly promptVersion: string;
  readonly promptSha256: string;
  readonly samples: number;
  readonly agreement?: number;
}

export interface Judge {
  readonly id: string;
  score(input: JudgeInput): Promise<Result<JudgeScore>>;
}
