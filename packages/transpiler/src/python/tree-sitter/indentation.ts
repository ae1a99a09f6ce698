/**
 * tree-sitter-python's scanner is lenient about indentation: it accepts an unexpected indent
 * and a dedent to a level never used, and counts a tab as 8 columns flat. CPython's
 * tokenizer rejects both, and compares every indentation twice (tabs to the next multiple
 * of 8, and tabs as 1 column) to reject inconsistent tabs and spaces (TabError). The
 * statement converter checks each line-starting statement against its block with this.
 */
export interface Indentation {
  /** Columns with tab stops every 8 (CPython `col`). */
  readonly col: number;
  /** Columns with every tab counted as 1 (CPython `altcol`). */
  readonly alt: number;
}

export const TOP_LEVEL: Indentation = { col: 0, alt: 0 };

/**
 * The indentation of the logical line that `offset` starts, or `undefined` if code
 * precedes `offset` on that logical line (a statement after `;`, a one-line suite).
 * `isContinuation(i)` says whether the backslash at `i` is a `\\` line continuation (and
 * not, say, the end of a comment).
 */
export function lineIndentation(
  text: string,
  offset: number,
  isContinuation: (backslash: number) => boolean,
): Indentation | undefined {
  // Walk back to the first physical line of the logical line.
  let start = offset;
  for (;;) {
    while (start > 0 && isIndentChar(text.charCodeAt(start - 1))) start--;
    if (start > 0 && !isLineBreak(text.charCodeAt(start - 1))) return undefined;
    const backslash = start > 0 ? backslashBefore(text, start) : -1;
    if (backslash < 0 || !isContinuation(backslash)) break;
    start = backslash;
  }
  return measure(text, start, offset);
}

/**
 * CPython 3.11's tokenizer at the start of a line: spaces and tabs count, a form feed
 * resets, and a `\\` continuation keeps counting on the next physical line; the column of
 * the first continuation wins if it is not 0 ("indentation cannot be split over multiple
 * physical lines using backslashes").
 */
function measure(text: string, start: number, end: number): Indentation {
  let col = 0;
  let alt = 0;
  let continuationCol = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      col++;
      alt++;
    } else if (c === 0x09) {
      col = (Math.floor(col / 8) + 1) * 8;
      alt++;
    } else if (c === 0x0c) {
      col = 0;
      alt = 0;
    } else if (c === 0x5c) {
      continuationCol ||= col;
      i +=
        text.charCodeAt(i + 1) === 0x0d && text.charCodeAt(i + 2) === 0x0a
          ? 2
          : 1;
    }
  }
  return continuationCol === 0
    ? { col, alt }
    : { col: continuationCol, alt: continuationCol };
}

export type IndentationOrder =
  "equal" | "deeper" | "shallower" | "inconsistent";

/** `line` compared with `block`, with CPython's consistency rules. */
export function compareIndentation(
  line: Indentation,
  block: Indentation,
): IndentationOrder {
  if (line.col === block.col)
    return line.alt === block.alt ? "equal" : "inconsistent";
  if (line.col > block.col)
    return line.alt > block.alt ? "deeper" : "inconsistent";
  return "shallower";
}

function isIndentChar(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0c;
}

function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

/** The offset of the `\\` ending the physical line before `lineStart`, or -1. */
function backslashBefore(text: string, lineStart: number): number {
  let end = lineStart - 1;
  if (text.charCodeAt(end) === 0x0a && text.charCodeAt(end - 1) === 0x0d) end--;
  return text.charCodeAt(end - 1) === 0x5c ? end - 1 : -1;
}
