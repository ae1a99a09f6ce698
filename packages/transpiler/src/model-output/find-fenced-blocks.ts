import { splitLines, type TextLine } from "./split-lines.js";

/** A Markdown fenced code block found in model output. */
export interface FencedBlock {
  /** The info string's first word, lower-cased (`python`, `py`, `json`, or `""`). */
  readonly language: string;
  /** The fence as written (``` or ~~~~), for messages. */
  readonly fence: string;
  /** `[contentStart, contentEnd)`: the lines between the fences, with their line breaks. */
  readonly contentStart: number;
  readonly contentEnd: number;
  /** Index of the opening fence's line, and of the closing one (`undefined`: never closed). */
  readonly openLine: number;
  readonly closeLine: number | undefined;
}

// CommonMark: up to three spaces of indentation; a backtick fence's info string has no backtick.
// The info string is split so that no two quantifiers compete for the same characters
// (linear time on long lines).
const OPENER = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)(?:[ \t][^`]*)?$/;
const CLOSER = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

export function findFencedBlocks(text: string): {
  readonly blocks: readonly FencedBlock[];
  readonly lines: readonly TextLine[];
} {
  const lines = splitLines(text);
  const blocks: FencedBlock[] = [];
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    if (line === undefined) break;
    const open = OPENER.exec(text.slice(line.start, line.end));
    if (open === null) continue;
    const fence = open[1] ?? "```";
    const tildes = fence.startsWith("~");
    if (tildes && /`/.test(open[2] ?? "")) continue;
    let close: number | undefined;
    for (let k = l + 1; k < lines.length; k++) {
      const candidate = lines[k];
      if (candidate === undefined) break;
      const m = CLOSER.exec(text.slice(candidate.start, candidate.end));
      const marker = m?.[1];
      if (
        marker !== undefined &&
        marker[0] === fence[0] &&
        marker.length >= fence.length
      ) {
        close = k;
        break;
      }
    }
    const closeLine = close === undefined ? undefined : lines[close];
    blocks.push({
      language: (open[2] ?? "").toLowerCase(),
      fence,
      contentStart: line.next,
      contentEnd: closeLine === undefined ? text.length : closeLine.start,
      openLine: l,
      closeLine: close,
    });
    if (close === undefined) break;
    l = close;
  }
  return { blocks, lines };
}
