import { createHash } from "node:crypto";
import { InternalError } from "@flowpy/transpiler";

/**
 * Stateless seeded choices: each decision hashes the seed with a name for the decision, so
 * adding a decision elsewhere never shifts the others (a shared generator would), and the
 * same seed always gives the same trajectory.
 */
export function seededIndex(
  seed: number,
  purpose: string,
  size: number,
): number {
  if (size <= 0)
    throw new InternalError(`no options to choose from for ${purpose}`);
  const digest = createHash("sha256")
    .update(`${seed}\u0000${purpose}`)
    .digest();
  return digest.readUInt32BE(0) % size;
}

export function seededPick<T>(
  seed: number,
  purpose: string,
  options: readonly T[],
): T {
  const item = options[seededIndex(seed, purpose, options.length)];
  if (item === undefined)
    throw new InternalError(`empty options for ${purpose}`);
  return item;
}

/** A seeded order of `items` (decorate with a hash, sort): a permutation that depends only on the seed. */
export function seededOrder<T>(
  seed: number,
  purpose: string,
  items: readonly T[],
): readonly T[] {
  return items
    .map((item, i) => ({
      item,
      key: seededIndex(seed, `${purpose}#${i}`, 0x7fffffff),
      i,
    }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map((x) => x.item);
}
