/**
 * Problems found after the first `maxListed` of a lexing or conversion pass: only counted
 * and located, because building tens of thousands of diagnostics (random bytes, one line of
 * 25,000 `+`) costs more than finding them. `parsePython` reports them as one final
 * `py-too-many-errors` diagnostic.
 */
import { codes } from "../../diagnostics/codes.js";

export interface Unlisted {
  readonly count: number;
  /** Smallest start offset among them (`Infinity` when there are none). */
  readonly firstOffset: number;
  /** The same among those that are not `py-unsupported`. */
  readonly firstErrorOffset: number;
}

/** The per-call counter behind an `Unlisted`. */
export type UnlistedCounter = { -readonly [K in keyof Unlisted]: Unlisted[K] };

export function noneUnlisted(): UnlistedCounter {
  return {
    count: 0,
    firstOffset: Number.POSITIVE_INFINITY,
    firstErrorOffset: Number.POSITIVE_INFINITY,
  };
}

/**
 * True, and the problem counted in `counter`, when `listed` diagnostics already reach
 * `maxListed`: the caller then builds no diagnostic.
 */
export function countUnlisted(
  counter: UnlistedCounter,
  listed: number,
  maxListed: number,
  code: string,
  start: number,
): boolean {
  if (listed < maxListed) return false;
  counter.count++;
  counter.firstOffset = Math.min(counter.firstOffset, start);
  if (code !== codes.pyUnsupported)
    counter.firstErrorOffset = Math.min(counter.firstErrorOffset, start);
  return true;
}
