/**
 * Moves diagnostics found in extracted code (`extractPython`) back onto the raw model
 * output, so an agent sees positions in the text the model actually wrote.
 *
 * - Fenced blocks, removed prose, bare code: the code is a slice of the raw text, so a
 *   span moves by a constant offset (a whole number of lines; columns are unchanged).
 * - Code decoded from a JSON string (a tool call): every code unit maps to the raw offset
 *   where it was written, through every level of JSON string it was nested in. Line and
 *   column then come from the raw text, so a code line that was written as `\n` inside one
 *   long JSON line gets that raw line and a column on it. A span covering an escape covers
 *   the whole escape (`\n`, `\"`, `\u00e9`), and a zero-width span stays zero-width.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { createLineIndex } from "../source/line-index.js";
import type { Span } from "../source/span.js";
import type { Extraction } from "./extract-python.js";
import { mapOffset } from "./offset-map.js";

/** Builds the raw text's line index once; the returned function shifts one diagnostic. */
export function createLocator(
  raw: string,
  extraction: Pick<Extraction, "map">,
): (diagnostic: Diagnostic) => Diagnostic {
  const lines = createLineIndex(raw);
  const { map } = extraction;
  const shift = (span: Span): Span => {
    const start = mapOffset(map, span.start.offset);
    const end =
      span.end.offset <= span.start.offset
        ? start
        : Math.max(start, mapOffset(map, span.end.offset));
    return lines.span(start, end);
  };
  return (diagnostic) =>
    diagnostic.span === undefined
      ? diagnostic
      : { ...diagnostic, span: shift(diagnostic.span) };
}

/** Shifts every span in `diagnostics` from the extracted code onto `raw`. */
export function locateDiagnostics(
  raw: string,
  extraction: Pick<Extraction, "map">,
  diagnostics: readonly Diagnostic[],
): Diagnostic[] {
  if (diagnostics.every((d) => d.span === undefined)) return [...diagnostics];
  return diagnostics.map(createLocator(raw, extraction));
}
