/**
 * Reviewed cases where one of our parsers does not match CPython on a `.py` file of the
 * alignment test (`alignment.test.ts`). A ratchet: the test fails when an entry stops
 * differing, so fixed entries must be deleted. Keep this list empty when possible; every
 * entry needs a reason a reviewer agreed to.
 */
export type ParserName = "tree-sitter" | "chevrotain";

export interface KnownDifference {
  /** Path relative to the repository root, as in the test names. */
  readonly file: string;
  /** The parsers whose result differs from CPython's on this file. */
  readonly parsers: readonly ParserName[];
  readonly reason: string;
}

export const knownDifferences: readonly KnownDifference[] = [];
