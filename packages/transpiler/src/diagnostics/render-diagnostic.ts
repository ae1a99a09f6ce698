import { formatJsonPath, type Diagnostic } from "./diagnostic.js";

/**
 * Renders a diagnostic for people: `file:line:column: error[code]: message`, the source
 * line with a caret under the span when the text is given, then the hint. Kept apart from
 * detection so tools can show diagnostics their own way.
 */
export function renderDiagnostic(
  d: Diagnostic,
  options: { readonly file?: string; readonly source?: string } = {},
): string {
  const where =
    d.span !== undefined
      ? `${options.file ?? "<input>"}:${d.span.start.line}:${d.span.start.column}`
      : `${options.file ?? "<input>"}${d.path !== undefined ? ` ${formatJsonPath(d.path)}` : ""}`;
  const lines = [`${where}: ${d.severity}[${d.code}]: ${d.message}`];
  if (d.span !== undefined && options.source !== undefined) {
    const text = options.source.split(/\r\n|\r|\n/)[d.span.start.line - 1];
    if (text !== undefined && text.length <= 400) {
      const width =
        d.span.end.line === d.span.start.line
          ? Math.max(1, d.span.end.column - d.span.start.column)
          : 1;
      const gutter = String(d.span.start.line);
      lines.push(`${gutter} | ${text}`);
      lines.push(
        `${" ".repeat(gutter.length)} | ${" ".repeat(d.span.start.column - 1)}${"^".repeat(Math.min(width, text.length + 1))}`,
      );
    }
  }
  if (d.hint !== undefined) lines.push(`  hint: ${d.hint}`);
  return lines.join("\n");
}
