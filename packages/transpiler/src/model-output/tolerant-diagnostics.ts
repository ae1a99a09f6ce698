/**
 * `diagnoseAll`: every syntax error and unsupported construct in one Python text, for
 * model output that is usually wrong in several places at once.
 *
 * The tree-sitter frontend already reports every ERROR/MISSING node, and, when the syntax
 * is clean, every unsupported construct. What it cannot report: unsupported constructs in
 * a file that also has a syntax error (conversion is skipped), and errors hidden behind
 * the first one when tree-sitter's recovery swallows the following lines (`x = 1 +` on two
 * lines in a row gives one ERROR node). So the text is parsed again with each erroneous
 * line replaced by a same-length placeholder (`0`, or `if 1:` for a block header, keeping
 * every offset and the block structure), until no new line has an error. Errors that run
 * to the end of the text (an unclosed bracket or string) cannot be skipped that way and
 * stop the repetition.
 *
 * Deterministic: same text → same diagnostics in the same order (by position, then code
 * and message), without duplicates.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { loadTreeSitterPython } from "../python/tree-sitter/load-tree-sitter.js";
import { splitLines, type TextLine } from "./split-lines.js";

/** Each round fixes at least one line; real model output needs two or three. */
const MAX_ROUNDS = 8;

/** Errors that swallow the rest of the text: skipping their line would invent new ones. */
const RUNS_TO_END = /never closed|unterminated|unexpected EOF/;

export async function diagnoseAll(
  python: string,
): Promise<readonly Diagnostic[]> {
  const parser = await loadTreeSitterPython();
  const lines = splitLines(python);
  const blanked = new Set<number>();
  const found: { readonly diagnostic: Diagnostic; readonly round: number }[] =
    [];
  let text = python;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const result = parser.parse(text);
    if (result.ok) break;
    const fresh = result.diagnostics.filter(
      (d) => d.span === undefined || !blanked.has(d.span.start.line - 1),
    );
    for (const diagnostic of fresh) found.push({ diagnostic, round });
    // The syntax pass reports only py-syntax; anything else means conversion ran (or a
    // size limit hit), and conversion reports every problem: nothing more to uncover.
    if (result.diagnostics.some((d) => d.code !== "py-syntax")) break;
    const toBlank = new Set<number>();
    // An error on a placeholder line is caused by the line above (an unfinished statement).
    for (const d of result.diagnostics) {
      const l = (d.span?.start.line ?? 0) - 1;
      if (
        d.span !== undefined &&
        blanked.has(l) &&
        !RUNS_TO_END.test(d.message)
      ) {
        const above = previousCodeLine(python, lines, l);
        if (above >= 0 && !blanked.has(above)) toBlank.add(above);
      }
    }
    for (const d of fresh) {
      if (d.span === undefined || RUNS_TO_END.test(d.message)) continue;
      if (d.code === "py-syntax" || d.code === "py-indentation")
        toBlank.add(d.span.start.line - 1);
    }
    const next = blankLines(text, lines, toBlank);
    if (next === undefined) break;
    for (const l of toBlank) blanked.add(l);
    text = next;
  }
  return finish(python, lines, found);
}

function blankLines(
  text: string,
  lines: readonly TextLine[],
  which: ReadonlySet<number>,
): string | undefined {
  const parts: string[] = [];
  let at = 0;
  for (const l of [...which].sort((a, b) => a - b)) {
    const line = lines[l];
    if (line === undefined) continue;
    const content = text.slice(line.start, line.end);
    const indent = /^[ \t]*/.exec(content)?.[0].length ?? 0;
    const body = content.slice(indent);
    const header = /:\s*(?:#.*)?$/.test(body) && body.length >= 5;
    const placeholder = header ? "if 1:" : "0";
    if (body.length < placeholder.length) continue;
    parts.push(
      text.slice(at, line.start + indent),
      placeholder.padEnd(body.length, " "),
    );
    at = line.end;
  }
  if (parts.length === 0) return undefined;
  parts.push(text.slice(at));
  return parts.join("");
}

/**
 * An "unexpected X" at the very start of a line, followed in a later round by an error on
 * the line just above it, was a consequence of that line (an unfinished expression takes
 * the next line's first token): only the cause is kept.
 */
function finish(
  python: string,
  lines: readonly TextLine[],
  found: readonly { readonly diagnostic: Diagnostic; readonly round: number }[],
): Diagnostic[] {
  const consequence = (d: Diagnostic, round: number): boolean => {
    if (
      d.span === undefined ||
      !d.message.startsWith("invalid syntax: unexpected")
    )
      return false;
    const l = d.span.start.line - 1;
    const line = lines[l];
    if (line === undefined) return false;
    const indent =
      /^[ \t]*/.exec(python.slice(line.start, line.end))?.[0].length ?? 0;
    if (d.span.start.column !== indent + 1) return false;
    const above = previousCodeLine(python, lines, l);
    return found.some(
      (f) =>
        f.round > round &&
        f.diagnostic.code === "py-syntax" &&
        f.diagnostic.span?.start.line === above + 1,
    );
  };
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const { diagnostic, round } of found) {
    if (consequence(diagnostic, round)) continue;
    const key = `${diagnostic.code}\u0000${diagnostic.span?.start.offset ?? -1}\u0000${diagnostic.span?.end.offset ?? -1}\u0000${diagnostic.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic);
  }
  return out.sort(
    (a, b) =>
      (a.span?.start.offset ?? -1) - (b.span?.start.offset ?? -1) ||
      (a.span?.end.offset ?? -1) - (b.span?.end.offset ?? -1) ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function previousCodeLine(
  python: string,
  lines: readonly TextLine[],
  l: number,
): number {
  for (let k = l - 1; k >= 0; k--) {
    const line = lines[k];
    if (line !== undefined && python.slice(line.start, line.end).trim() !== "")
      return k;
  }
  return -1;
}
