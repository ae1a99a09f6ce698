import type { Result } from "@flowpy/transpiler";
import { sdkCodes } from "../../sdk-codes.js";
import { failWith, firstNonFinite } from "./stat-diagnostic.js";

/** 1-based ranks; tied values share the average of the ranks they span. */
export function averageRanks(values: readonly number[]): readonly number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && order[end]?.v === order[start]?.v) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]?.i ?? 0] = rank;
    start = end;
  }
  return ranks;
}

function checkPaired(
  x: readonly number[],
  y: readonly number[],
  what: string,
): Result<null> {
  if (x.length !== y.length)
    return failWith(
      sdkCodes.evalInvalidInput,
      `${what}: ${x.length} values paired with ${y.length}`,
    );
  const bad = Math.max(firstNonFinite(x), firstNonFinite(y));
  if (bad >= 0)
    return failWith(
      sdkCodes.evalInvalidInput,
      `${what}: value ${bad} is not a finite number`,
    );
  if (x.length === 0)
    return failWith(sdkCodes.evalEmptySample, `${what} of no examples`);
  return { ok: true, value: null, diagnostics: [] };
}

/** Pearson's r. Fails when either variable is constant (`eval-constant-values`), never NaN. */
export function pearson(
  x: readonly number[],
  y: readonly number[],
): Result<number> {
  const checked = checkPaired(x, y, "correlation");
  if (!checked.ok) return checked;
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0)
    return failWith(
      sdkCodes.evalConstantValues,
      `correlation is undefined: ${sxx === 0 ? "the first" : "the second"} variable is constant over ${n} examples`,
    );
  // Clamped: rounding can give 1 + 1e-16 for perfectly related values.
  return {
    ok: true,
    value: Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))),
    diagnostics: [],
  };
}

/** Spearman's rho: Pearson's r of average ranks, so ties (common on 1–5 scales) are handled exactly. */
export function spearman(
  x: readonly number[],
  y: readonly number[],
): Result<number> {
  const checked = checkPaired(x, y, "Spearman's rho");
  if (!checked.ok) return checked;
  return pearson(averageRanks(x), averageRanks(y));
}

/** The point-biserial correlation of a score with a binary outcome (Pearson's r with the outcome as 0/1). */
export function pointBiserial(
  scores: readonly number[],
  outcomes: readonly boolean[],
): Result<number> {
  if (outcomes.length > 0 && outcomes.every((o) => o === outcomes[0]))
    return failWith(
      sdkCodes.evalOneClass,
      `point-biserial correlation needs both outcomes; all ${outcomes.length} are ${String(outcomes[0])}`,
    );
  return pearson(
    scores,
    outcomes.map((o) => (o ? 1 : 0)),
  );
}
