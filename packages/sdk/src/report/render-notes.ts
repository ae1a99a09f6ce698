import { escapeHtml } from "./escape-html.js";
import type { NotesSection } from "./report-model.js";
import { empty } from "./report-parts.js";

export function renderNotes(section: NotesSection, _context: unknown): string {
  if (section.paragraphs.length === 0) return empty("notes");
  const tone = section.tone ?? "info";
  return `<div class="notes ${tone}" role="note">${section.paragraphs
    .map((p) => `<p dir="auto">${escapeHtml(p)}</p>`)
    .join("")}</div>`;
}
