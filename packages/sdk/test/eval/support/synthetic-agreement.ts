import { seededRandom } from "../../../src/dataset/write-dataset.js";
import type { RatingLabel, RatingPair } from "../../../src/index.js";

/**
 * Joint label distributions with a known Cohen's kappa, for testing agreement statistics
 * and calibration on data whose answer is known by construction.
 */

/**
 * Binary raters with base rates p (first says 1) and q (second says 1) at kappa κ:
 * p_e = pq + (1−p)(1−q), p_o = p_e + κ(1 − p_e), and with a = P(both 1),
 * p_o = 2a + 1 − p − q, so a = (p_o − 1 + p + q) / 2. Rows/columns are labels 0, 1.
 */
export function binaryJoint(p: number, q: number, kappa: number): number[][] {
  const pe = p * q + (1 - p) * (1 - q);
  const po = pe + kappa * (1 - pe);
  const a = (po - 1 + p + q) / 2;
  if (a < -1e-12 || a > Math.min(p, q) + 1e-12 || 1 - p - q + a < -1e-12)
    throw new Error(`kappa ${kappa} is not reachable at base rates ${p}, ${q}`);
  return [
    [1 - p - q + a, q - a],
    [p - a, a],
  ];
}

/** The kappa range reachable at base rates p and q (a between max(0, p+q−1) and min(p, q)). */
export function kappaRange(p: number, q: number): readonly [number, number] {
  const pe = p * q + (1 - p) * (1 - q);
  const kappaAt = (a: number): number => (2 * a + 1 - p - q - pe) / (1 - pe);
  return [kappaAt(Math.max(0, p + q - 1)), kappaAt(Math.min(p, q))];
}

/**
 * Both raters with the same marginal m; with probability ρ the second copies the first,
 * otherwise labels independently. Kappa, linear and quadratic weighted kappa all equal ρ.
 */
export function mixtureJoint(
  marginal: readonly number[],
  rho: number,
): number[][] {
  return marginal.map((mi, i) =>
    marginal.map((mj, j) => (i === j ? rho * mi : 0) + (1 - rho) * mi * mj),
  );
}

/** The integer table closest to n · joint that sums to exactly n (largest remainders). */
export function exactCounts(
  joint: readonly (readonly number[])[],
  n: number,
): number[][] {
  const cells = joint.flatMap((row, i) =>
    row.map((p, j) => ({ i, j, x: p * n })),
  );
  const counts = cells.map((c) => Math.floor(c.x));
  let missing = n - counts.reduce((s, c) => s + c, 0);
  const byRemainder = cells
    .map((c, k) => ({ k, r: c.x - Math.floor(c.x) }))
    .sort((a, b) => b.r - a.r || a.k - b.k);
  for (const { k } of byRemainder) {
    if (missing <= 0) break;
    counts[k] = (counts[k] ?? 0) + 1;
    missing--;
  }
  const k = joint.length;
  return joint.map((row, i) => row.map((_, j) => counts[i * k + j] ?? 0));
}

/** Every pair a table of counts holds, labels `labels[i]`, in a seeded order. */
export function pairsOf<L extends RatingLabel>(
  counts: readonly (readonly number[])[],
  labels: readonly L[],
): RatingPair<L>[] {
  const out: RatingPair<L>[] = [];
  counts.forEach((row, i) =>
    row.forEach((c, j) => {
      for (let t = 0; t < c; t++) out.push([labels[i] as L, labels[j] as L]);
    }),
  );
  return out;
}

/** n independent draws from a joint distribution (seeded). */
export function samplePairs<L extends RatingLabel>(
  joint: readonly (readonly number[])[],
  labels: readonly L[],
  n: number,
  seed: number,
): RatingPair<L>[] {
  const random = seededRandom(seed);
  const cells = joint.flatMap((row, i) => row.map((p, j) => ({ i, j, p })));
  const out: RatingPair<L>[] = [];
  for (let t = 0; t < n; t++) {
    let u = random();
    let pick = cells[cells.length - 1];
    for (const c of cells) {
      if (u < c.p) {
        pick = c;
        break;
      }
      u -= c.p;
    }
    out.push([labels[pick?.i ?? 0] as L, labels[pick?.j ?? 0] as L]);
  }
  return out;
}

/** Standard normal draws (Box–Muller on the seeded generator). */
export function gaussian(seed: number): () => number {
  const random = seededRandom(seed);
  return () => {
    const u = 1 - random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}
