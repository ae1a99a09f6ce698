import fc from "fast-check";
import { expect } from "vitest";

export const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

/** Per-test time limit that grows with the run count, so FLOWPY_RUNS=100000 is not cut short. */
export const propertyTimeout = Math.max(120_000, runs * 100);

/** Reusable property laws; fast-check prints the seed and the shrunk counterexample on failure. */
export function assertRoundTrip<A, B>(
  arb: fc.Arbitrary<A>,
  there: (a: A) => B,
  back: (b: B) => A,
  equal: (x: A, y: A) => boolean = (x, y) =>
    JSON.stringify(x) === JSON.stringify(y),
  numRuns = runs,
): void {
  fc.assert(
    fc.property(arb, (a) => {
      expect(equal(back(there(a)), a)).toBe(true);
    }),
    { numRuns },
  );
}

export function assertIdempotent<A>(
  arb: fc.Arbitrary<A>,
  f: (a: A) => A,
  equal: (x: A, y: A) => boolean = (x, y) =>
    JSON.stringify(x) === JSON.stringify(y),
  numRuns = runs,
): void {
  fc.assert(
    fc.property(arb, (a) => {
      const once = f(a);
      expect(equal(f(once), once)).toBe(true);
    }),
    { numRuns },
  );
}

/** Never throws: the function returns (a Result) on every input. */
export function assertTotal<A>(
  arb: fc.Arbitrary<A>,
  f: (a: A) => unknown,
  numRuns = runs,
): void {
  fc.assert(
    fc.property(arb, (a) => {
      f(a);
    }),
    { numRuns },
  );
}
