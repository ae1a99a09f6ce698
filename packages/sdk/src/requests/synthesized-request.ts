import type { Result } from "@flowpy/transpiler";
import type { TokenUsage } from "../llm/chat-completion.js";
import type { RequestStyle } from "./request-style.js";

/** A merchant request written for a workflow, with what produced it (for lineage). */
export interface SynthesizedRequest {
  readonly style: RequestStyle;
  readonly text: string;
  /** `offline`, or the model that wrote it. */
  readonly writer: string;
  /** The prompt template (or offline phrase tables) version, e.g. `request-synthesis/v1`. */
  readonly promptVersion: string;
  /** sha256 of that template's text, so an edited template never passes as the old version. */
  readonly promptSha256: string;
  /** Whether the text came from the LLM cache (always false offline). */
  readonly cached: boolean;
  /**
   * Tokens of the answers that wrote this workflow's requests, repairs included, whether
   * fresh or from the cache (so a re-run reports the same); on the first request of the
   * workflow only, absent (0) on the others and offline.
   */
  readonly usage?: TokenUsage;
}

export interface SynthesisInput {
  /** Flow JSON of the workflow, already redacted: nothing else of it reaches a writer. */
  readonly workflowJson: string;
  /** One request per entry, in this order; a style may repeat for several of it. */
  readonly styles: readonly RequestStyle[];
  /** A whole number; the same seed gives the same requests. */
  readonly seed: number;
}

/** What writing would cost, for `--dry-run`: one attempt, no retries, no cache hits. */
export interface SynthesisEstimate {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

/** Writes merchant requests for workflows: offline from the workflow's semantics, or by an LLM. */
export interface RequestSynthesizer {
  /** `offline`, or `llm:<model>`. */
  readonly id: string;
  write(input: SynthesisInput): Promise<Result<readonly SynthesizedRequest[]>>;
  estimate(input: SynthesisInput): SynthesisEstimate;
}
