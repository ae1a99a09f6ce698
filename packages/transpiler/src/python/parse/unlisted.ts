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

/** Where problems are collected: the diagnostics listed so far and the counter for the rest. */
export interface Listing {
  readonly diagnostics: readonly unknown[];
  readonly maxListed: number;
  readonly unlisted: UnlistedCounter;
}

/**
 * True, and the problem counted in `listing.unlisted`, when its diagnostics already reach
 * `maxListed`: the caller then builds no diagnostic.
 */
export function countUnlisted(
  listing: Listing,
  code: string,
  start: number,
): boolean {
  if (listing.diagnostics.length < listing.maxListed) return false;
  const counter = listing.unlisted;
  counter.count++;
  counter.firstOffset = Math.min(counter.firstOffset, start);
  if (code !== codes.pyUnsupported)
    counter.firstErrorOffset = Math.min(counter.firstErrorOffset, start);
  return true;
}
