import type { Edit } from "./redact-text.js";

/**
 * For a JSON string lexeme (quotes included), the offset in the lexeme where each UTF-16
 * unit of the decoded value starts, plus one entry for the closing quote. Every escape
 * decodes to exactly one unit, so any boundary in the value is a boundary in the lexeme.
 */
function valueOffsets(raw: string): number[] {
  const offsets: number[] = [];
  let i = 1;
  while (i < raw.length - 1) {
    offsets.push(i);
    i += raw.charAt(i) !== "\\" ? 1 : raw.charAt(i + 1) === "u" ? 6 : 2;
  }
  offsets.push(raw.length - 1);
  return offsets;
}

/** How a replacement is spelled inside a JSON string (as `JSON.stringify` would). */
function escapeInString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/**
 * Edits of a string's decoded value, as edits of the enclosing text where the lexeme starts
 * at `at`. Only the edited units change; every other escape stays as it was written.
 */
export function editsInLexeme(
  raw: string,
  at: number,
  edits: readonly Edit[],
): Edit[] {
  if (edits.length === 0) return [];
  const offsets = valueOffsets(raw);
  return edits.map((e) => ({
    ...e,
    start: at + (offsets[e.start] ?? raw.length - 1),
    end: at + (offsets[e.end] ?? raw.length - 1),
    text: escapeInString(e.text),
  }));
}

/** The text with sorted, non-overlapping edits applied. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
