import type { Result } from "@flowpy/transpiler";
import type { ChatMessage } from "../../conversation/chat-message.js";
import type { JudgeFacet } from "../calibration/judge-facets.js";

/** A facet the judge rates: calibration's facet list, so verdicts and human labels line up. */
export type Facet = JudgeFacet;

export type FacetVerdictValue = "pass" | "fail" | "n/a";

/** What the judge is shown of one example. Workflows are Flow JSON; they are shown as Python. */
export interface JudgeInput {
  readonly exampleId: string;
  readonly conversation: readonly ChatMessage[];
  readonly finalWorkflow?: string;
  readonly reference?: {
    readonly workflow?: string;
    readonly shouldDecline?: boolean;
  };
}

export interface FacetVerdict {
  readonly facet: Facet;
  /** The majority over the samples (a tie goes to "fail": an undecided judge does not pass). */
  readonly verdict: FacetVerdictValue;
  /** Share of pass among the samples that said pass or fail; absent when every sample said n/a. */
  readonly score?: number;
  /** The first sample's rationale among those that gave the majority verdict. */
  readonly rationale: string;
  /** Share of samples that gave the majority verdict; only with more than one sample. */
  readonly agreement?: number;
}

/**
 * The judge's verdicts on one example. Named `FacetedJudgeScore` in the package index because
 * calibration's per-facet record already holds the name `JudgeScore` there.
 */
export interface JudgeScore {
  readonly exampleId: string;
  /** In the order the judge was asked for them. */
  readonly facets: readonly FacetVerdict[];
  /** The model the judge's requests named (what calibration groups by). */
  readonly judgeModel: string;
  readonly promptVersion: string;
  readonly promptSha256: string;
  readonly samples: number;
  /** Mean of the facets' agreement; only with more than one sample. */
  readonly agreement?: number;
}

export interface Judge {
  /** `judge:<model>@<prompt version>`. */
  readonly id: string;
  score(input: JudgeInput): Promise<Result<JudgeScore>>;
}
