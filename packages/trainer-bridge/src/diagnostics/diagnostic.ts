/**
 * The bridge's diagnostics have exactly the shape of `@flowpy/transpiler`'s `Diagnostic`
 * (structurally identical, so both render and serialize the same way). The type is restated
 * here because the bridge depends on the SDK's public entry only, which does not re-export it.
 */

/** A JSON location as a list of keys and indices from the document root. */
export type JsonPath = readonly (string | number)[];

export type Severity = "error" | "warning";

/** A problem found in user input: returned, never thrown. `path` locates it in a JSON document. */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly hint?: string;
  readonly path?: JsonPath;
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

/** Renders a JSON path like `$.hyperparameters.globalBatchSize` or `$.tools[2]`. */
export function formatJsonPath(path: JsonPath): string {
  let out = "$";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** One line per diagnostic: `error spec-invalid at $.a.b: message (hint)`. */
export function renderDiagnostic(d: Diagnostic, file?: string): string {
  const where =
    d.path === undefined
      ? ""
      : ` at ${file === undefined ? "" : `${file} `}${formatJsonPath(d.path)}`;
  const hint = d.hint === undefined ? "" : `\n  hint: ${d.hint}`;
  return `${d.severity} ${d.code}${where}: ${d.message}${hint}`;
}
