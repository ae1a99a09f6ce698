import type { Diagnostic, JsonPath, Result } from "@flowpy/sdk";

/**
 * Constructors for the bridge's diagnostics. The types themselves (`Diagnostic`, `Result`,
 * `JsonPath`, `Severity`) and their rendering (`formatJsonPath`, `renderDiagnostic`) are the
 * transpiler's, re-exported by `@flowpy/sdk`, so every package reports problems alike.
 */

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
  where: { readonly path?: JsonPath; readonly hint?: string } = {},
): Diagnostic {
  return { code, severity: "error", message, ...where };
}

export function warning(
  code: string,
  message: string,
  where: { readonly path?: JsonPath; readonly hint?: string } = {},
): Diagnostic {
  return { code, severity: "warning", message, ...where };
}
