import type { Span } from "../source/span.js";

/** A JSON location as a list of keys and indices from the document root. */
export type JsonPath = readonly (string | number)[];

/**
 * `note` reports something flowpy changed on purpose (a removed code fence, a repaired
 * value) so that nothing is ever changed silently; notes never make a result fail.
 */
export type Severity = "error" | "warning" | "note";

/**
 * A problem found in user input. Diagnostics are data: they are returned, never thrown,
 * and rendered separately (see `renderDiagnostic`). `code` is stable and documented in
 * `codes.ts`; `span` locates Python (or DSL) text, `path` locates JSON.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly hint?: string;
  readonly span?: Span;
  readonly path?: JsonPath;
  /**
   * The target system's error category for this problem, so an agent can act on it as on
   * the system's own answer (Flow: `configFieldErrors`, `conditionErrors`, …). Set by the
   * dialect's bucket table; absent where no table applies.
   */
  readonly bucket?: string;
}

export type Result<T> =
  | {
      readonly ok: true;
      readonly value: T;
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export function ok<T>(
  value: T,
  diagnostics: readonly Diagnostic[] = [],
): Result<T> {
  return { ok: true, value, diagnostics };
}

export function fail<T>(diagnostics: readonly Diagnostic[]): Result<T> {
  return { ok: false, diagnostics };
}

export function error(
  code: string,
  message: string,
  where: {
    readonly span?: Span;
    readonly path?: JsonPath;
    readonly hint?: string;
  } = {},
): Diagnostic {
  return { code, severity: "error", message, ...where };
}

/** Renders a JSON path like `$.root.steps[2].config_field_values[0].value`. */
export function formatJsonPath(path: JsonPath): string {
  let out = "$";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}
