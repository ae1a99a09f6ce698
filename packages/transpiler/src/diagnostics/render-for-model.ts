import { formatJsonPath, type Diagnostic } from "./diagnostic.js";

/**
 * Diagnostics as the compact JSON list an agent gets back as a tool response: one object
 * per diagnostic with the keys in a fixed order — `code`, `bucket`, `line`, `column`,
 * `message`, `hint` — and no offsets. `line`/`column` (1-based) are there when the
 * diagnostic has a span; one without a span (a JSON document's) has `path` in their place.
 * Absent fields are left out rather than set to null. Same diagnostics → same text.
 */
export function renderDiagnosticsForModel(
  diagnostics: readonly Diagnostic[],
): string {
  return JSON.stringify(diagnostics.map(modelView));
}

function modelView(d: Diagnostic): Readonly<Record<string, string | number>> {
  // Entries in the format's key order; Object.fromEntries keeps insertion order.
  const entries: [string, string | number][] = [["code", d.code]];
  if (d.bucket !== undefined) entries.push(["bucket", d.bucket]);
  if (d.span !== undefined)
    entries.push(["line", d.span.start.line], ["column", d.span.start.column]);
  else if (d.path !== undefined) entries.push(["path", formatJsonPath(d.path)]);
  entries.push(["message", d.message]);
  if (d.hint !== undefined) entries.push(["hint", d.hint]);
  return Object.fromEntries(entries);
}
