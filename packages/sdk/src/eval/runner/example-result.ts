import type { Diagnostic } from "@flowpy/transpiler";
import type { ChatMessage } from "../../conversation/chat-message.js";
import type { RequestKind } from "../eval-set/eval-example.js";
import type { AgentTurn } from "./agent-loop.js";
import type { JudgeScore } from "../judge/judge-score.js";
import type { ConversationTags } from "../slices/conversation-tags.js";

/** Metrics that are 1 (right) or 0 (wrong) per example, or null where they do not apply. */
export const binaryMetrics = [
  "syntactic",
  "equivalent",
  "declinedCorrectly",
  "withinTurnLimit",
] as const;
export type BinaryMetric = (typeof binaryMetrics)[number];

/** Metrics measured per example; lower is better for all of them. */
export const quantityMetrics = [
  "turns",
  "latencyMs",
  "inputTokens",
  "outputTokens",
  "costUsd",
] as const;
export type QuantityMetric = (typeof quantityMetrics)[number];

export interface ExampleMetrics {
  /** The final submission compiles with zero diagnostics (no submission: 0); null for examples to decline. */
  readonly syntactic: 0 | 1 | null;
  /** The final submission behaves like the reference on every simulated event; null for examples to decline. */
  readonly equivalent: 0 | 1 | null;
  /** Share of simulated events on which the final submission behaves like the reference. */
  readonly executionScore: number | null;
  /** Examples to decline: nothing was submitted; null for the others. */
  readonly declinedCorrectly: 0 | 1 | null;
  /** The model ended with an answer before the turn limit. */
  readonly withinTurnLimit: 0 | 1;
  readonly turns: number;
  /** End to end, wall time. */
  readonly latencyMs: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  /** Per judge facet: 1 pass, 0 fail (n/a facets are absent). */
  readonly judge: Readonly<Record<string, 0 | 1>>;
}

/** One example of a benchmark run, as stored and reported. */
export interface ExampleResult {
  readonly exampleId: string;
  readonly kind: RequestKind;
  readonly tags: readonly string[];
  /** What the example is sliced by (`exampleSliceTags`): its request kind and its reference's workflow tags. */
  readonly sliceTags: ConversationTags;
  /** `error`: a request failed after the client's retries; the example counts as failed and is run again on resume. */
  readonly status: "completed" | "error";
  readonly stop: "answered" | "turn-limit" | "error";
  readonly metrics: ExampleMetrics;
  readonly submissions: number;
  /** The last submitted Python, when there is one. */
  readonly finalPython?: string;
  readonly turns: readonly AgentTurn[];
  readonly messages: readonly ChatMessage[];
  readonly judge?: JudgeScore;
  /** Why the example failed (status `error`), or what the judge could not do. */
  readonly diagnostics: readonly Diagnostic[];
}
