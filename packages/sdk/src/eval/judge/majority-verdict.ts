import type { SampleVerdict } from "./judge-answer.js";
import type { Facet, FacetVerdict, FacetVerdictValue } from "./judge-score.js";

/** Tie order: an undecided judge does not pass, and n/a is claimed only when it wins outright. */
const tieOrder: readonly FacetVerdictValue[] = ["fail", "pass", "n/a"];

/**
 * One facet's verdict over self-consistency samples (in sample order): the most frequent
 * verdict, ties broken by `tieOrder`. Depends only on the samples, so it is deterministic.
 */
export function majorityVerdict(
  facet: Facet,
  samples: readonly SampleVerdict[],
): FacetVerdict {
  const count = (v: FacetVerdictValue): number =>
    samples.filter((s) => s.verdict === v).length;
  let winner: FacetVerdictValue = "fail";
  let best = -1;
  for (const v of tieOrder)
    if (count(v) > best) {
      winner = v;
      best = count(v);
    }
  const pass = count("pass");
  const decided = pass + count("fail");
  const rationale =
    samples.find((s) => s.verdict === winner)?.rationale ?? "(no sample)";
  return {
    facet,
    verdict: winner,
    ...(decided === 0 ? {} : { score: pass / decided }),
    rationale,
    ...(samples.length > 1 ? { agreement: best / samples.length } : {}),
  };
}
