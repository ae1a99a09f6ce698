import type { Result } from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";
import { isRequestStyle } from "./request-style.js";
import type { SynthesisInput } from "./synthesized-request.js";

/** Styles requested at once at most: more would not fit one answer of a writer. */
export const MAX_STYLES_PER_WORKFLOW = 16;

/**
 * What is wrong with a synthesis input, checked at run time because JavaScript callers
 * and CLI flags bypass the types.
 */
export function synthesisInputProblems(
  input: SynthesisInput,
): readonly string[] {
  const out: string[] = [];
  if (input.styles.length === 0) out.push("no styles were asked for");
  if (input.styles.length > MAX_STYLES_PER_WORKFLOW)
    out.push(
      `${input.styles.length} styles were asked for, more than the ${MAX_STYLES_PER_WORKFLOW} one answer holds`,
    );
  const unknown = input.styles.filter((s) => !isRequestStyle(s));
  if (unknown.length > 0)
    out.push(
      `unknown style ${unknown.map((s) => JSON.stringify(s)).join(", ")}`,
    );
  if (!Number.isSafeInteger(input.seed))
    out.push(`the seed ${input.seed} is not a whole number`);
  return out;
}

/** The writers' rejection of an input with `problems`. */
export function invalidInput<T>(problems: readonly string[]): Result<T> {
  return {
    ok: false,
    diagnostics: [
      {
        code: sdkCodes.requestInvalidInput,
        severity: "error",
        message: `no requests written: ${problems.join("; ")}`,
      },
    ],
  };
}
