import { InternalError } from "@flowpy/transpiler";

/** Exhaustiveness guard for `switch` over a discriminated union (the transpiler's `assertNever` is internal). */
export function unreachable(value: never, what = "value"): never {
  throw new InternalError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
