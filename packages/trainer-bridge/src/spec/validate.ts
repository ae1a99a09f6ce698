import type { z } from "zod";
import { codes } from "../diagnostics/codes.js";
import type { Diagnostic, JsonPath, Result } from "@flowpy/sdk";
import { error, fail, ok } from "../diagnostics/diagnostic.js";

/** A cross-field problem found after the shape is known to be right. */
export interface Inconsistency {
  readonly path: JsonPath;
  readonly message: string;
  readonly hint?: string;
  /** Overrides the validator's code for this problem. */
  readonly code?: string;
}

function jsonPath(path: readonly PropertyKey[]): (string | number)[] {
  return path.map((p) => (typeof p === "number" ? p : String(p)));
}

/** zod issues as diagnostics; an unknown key points at the key itself, not its parent. */
export function zodDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  code: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const base = jsonPath(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        out.push(
          error(code, `unknown field "${key}"`, { path: [...base, key] }),
        );
    } else out.push(error(code, issue.message, { path: base }));
  }
  return out;
}

/**
 * Checks `value` against `schema`, then (only when the shape is right) the cross-field rules in
 * `consistency`. Never throws: every problem is a diagnostic with the JSON path of the field.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  code: string,
  consistency: (parsed: z.infer<S>) => readonly Inconsistency[] = () => [],
  consistencyCode: string = code,
): Result<z.infer<S>> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return fail(zodDiagnostics(parsed.error.issues, code));
  const problems = consistency(parsed.data);
  if (problems.length > 0)
    return fail(
      problems.map((p) =>
        error(p.code ?? consistencyCode, p.message, {
          path: p.path,
          ...(p.hint === undefined ? {} : { hint: p.hint }),
        }),
      ),
    );
  return ok(parsed.data);
}

/** JSON text → value, or a `json-syntax` diagnostic (never a thrown SyntaxError). */
export function parseJsonText(text: string): Result<unknown> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch (e) {
    return fail([
      error(
        codes.jsonSyntax,
        `not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
        { path: [] },
      ),
    ]);
  }
}
