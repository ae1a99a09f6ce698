/** How a target is shared among strata before unused quota is handed on. */
export type Allocation = "equal" | "sqrt" | "proportional";

export const allocations: readonly Allocation[] = [
  "equal",
  "sqrt",
  "proportional",
];

const weightOf = {
  equal: () => 1,
  sqrt: (n) => Math.sqrt(n),
  proportional: (n) => n,
} satisfies Record<Allocation, (available: number) => number>;

/**
 * Integer quotas per stratum summing to `min(target, Σ available)`, by water-filling: each
 * stratum is offered a share of what is left in proportion to its weight; a stratum with
 * fewer workflows than its share takes all of them and its unused share goes to the others,
 * until no stratum is short. The fractional shares left are rounded by largest remainder,
 * ties to the earlier stratum, so strata should come in a fixed (sorted) order. With
 * `equal`, every stratum gets at least `min(available, ⌊target / strata⌋)`.
 */
export function allocateQuotas(
  available: readonly number[],
  target: number,
  allocation: Allocation,
): readonly number[] {
  const total = available.reduce((a, b) => a + b, 0);
  let remaining = Math.min(Math.max(0, Math.floor(target)), total);
  const quota = available.map(() => 0);
  const share = available.map(() => 0);
  let active = available.flatMap((n, i) => (n > 0 ? [i] : []));
  for (;;) {
    const weights = active.map((i) => weightOf[allocation](available[i] ?? 0));
    const sum = weights.reduce((a, b) => a + b, 0);
    if (active.length === 0 || sum <= 0) break;
    const short = active.filter(
      (i, k) => (available[i] ?? 0) <= (remaining * (weights[k] ?? 0)) / sum,
    );
    if (short.length === 0) {
      active.forEach((i, k) => {
        share[i] = (remaining * (weights[k] ?? 0)) / sum;
      });
      break;
    }
    for (const i of short) {
      quota[i] = available[i] ?? 0;
      remaining -= quota[i] ?? 0;
    }
    active = active.filter((i) => !short.includes(i));
  }
  let left = remaining;
  for (const i of active) {
    const whole = Math.floor(share[i] ?? 0);
    quota[i] = whole;
    left -= whole;
  }
  const byRemainder = [...active].sort(
    (a, b) =>
      (share[b] ?? 0) -
        Math.floor(share[b] ?? 0) -
        ((share[a] ?? 0) - Math.floor(share[a] ?? 0)) || a - b,
  );
  for (const i of byRemainder) {
    if (left <= 0) break;
    if ((quota[i] ?? 0) < (available[i] ?? 0)) {
      quota[i] = (quota[i] ?? 0) + 1;
      left -= 1;
    }
  }
  return quota;
}
