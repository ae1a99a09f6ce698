import type { JudgeFacet } from "../eval/calibration/judge-facets.js";
import type { FacetVerdict } from "../eval/judge/judge-score.js";

export const routes = [
  "train",
  "eval_candidate",
  "human_review",
  "quarantine",
] as const;
export type Route = (typeof routes)[number];

/**
 * Why a conversation went where it went. The routing table (first matching row wins):
 *
 * | reason | route | when |
 * |---|---|---|
 * | `malformed` | quarantine | the JSONL line is not UTF-8, too long, not JSON or not in the conversation schema |
 * | `outside-week` | quarantine | its timestamp is not in the week being run |
 * | `duplicate-conversation` | quarantine | its `conversation_id` came earlier in the week |
 * | `unredactable` | quarantine | a text or its final workflow cannot be redacted safely |
 * | `judge-failed` | human_review | the judge did not return a usable score (an error, or answers it could not repair) |
 * | `no-usable-gate` | human_review | calibration left no facet usable for gating |
 * | `judge-compile-disagreement` | human_review | the judge passes it, but its final workflow does not compile |
 * | `feedback-disagreement` | human_review | the judge passes it, but the merchant gave a thumbs down |
 * | `activated-judge-pass` | train | activated, compiles, and the judge passes every gating facet |
 * | `activated-judge-fail` | human_review | activated, but the judge fails a gating facet |
 * | `judge-pass-not-activated` | eval_candidate | the judge passes a workflow the merchant did not activate |
 * | `judge-pass-no-workflow` | eval_candidate | the judge passes a conversation without a workflow (a question, a decline) |
 * | `judge-fail` | human_review | the judge fails a gating facet of a non-activated conversation |
 * | `unrenderable` | quarantine | routed to train, but it does not render as a training row (e.g. no assistant turn) |
 *
 * The judge "passes" a conversation when no gating facet is `fail` and at least one is
 * `pass` (`n/a` neither passes nor fails); only gating facets count (see `resolveGating`: a
 * facet calibration flags never gates).
 */
export const routeReasons = {
  malformed: "quarantine",
  "outside-week": "quarantine",
  "duplicate-conversation": "quarantine",
  unredactable: "quarantine",
  // The conversation is not at fault, only its score is missing: a person can still judge it.
  "judge-failed": "human_review",
  "no-usable-gate": "human_review",
  "judge-compile-disagreement": "human_review",
  "feedback-disagreement": "human_review",
  "activated-judge-pass": "train",
  "activated-judge-fail": "human_review",
  "judge-pass-not-activated": "eval_candidate",
  "judge-pass-no-workflow": "eval_candidate",
  "judge-fail": "human_review",
  unrenderable: "quarantine",
} as const satisfies Record<string, Route>;
export type RouteReason = keyof typeof routeReasons;

export interface RoutingFacts {
  readonly facets: readonly FacetVerdict[];
  readonly gatingFacets: readonly JudgeFacet[];
  readonly hasWorkflow: boolean;
  /** The final workflow compiles with no error diagnostics (false without one). */
  readonly compiles: boolean;
  readonly activated: boolean;
  readonly feedback: "up" | "down" | undefined;
}

/** Whether the judge passes the conversation on the gating facets. */
export function judgePasses(
  facets: readonly FacetVerdict[],
  gatingFacets: readonly JudgeFacet[],
): boolean {
  const gating = facets.filter((f) => gatingFacets.includes(f.facet));
  return (
    gating.some((f) => f.verdict === "pass") &&
    !gating.some((f) => f.verdict === "fail")
  );
}

/** The routing decision for a scored conversation (rows from `no-usable-gate` down). */
export function routeScored(facts: RoutingFacts): RouteReason {
  if (facts.gatingFacets.length === 0) return "no-usable-gate";
  const pass = judgePasses(facts.facets, facts.gatingFacets);
  if (pass && facts.hasWorkflow && !facts.compiles)
    return "judge-compile-disagreement";
  if (pass && facts.feedback === "down") return "feedback-disagreement";
  if (facts.activated && facts.hasWorkflow)
    return pass ? "activated-judge-pass" : "activated-judge-fail";
  if (pass)
    return facts.hasWorkflow
      ? "judge-pass-not-activated"
      : "judge-pass-no-workflow";
  return "judge-fail";
}
