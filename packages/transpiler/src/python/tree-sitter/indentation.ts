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
 * The indentation of the logical line that `offset` starts: `undefined` if code precedes
 * `offset` on that logical line (a statement after `;` or a one-line suite's header).
 * A logical line can start with `\` continuations (a backslash at `i` for which
 * `isContinuation(i)` holds, i.e. not one ending a comment); CPython then measures the
 * indentation of its first physical line.
 */
export function lineIndentation(text: string, offset: number, isContinuation: (backslash: number) => boolean): Indentation | undefined {
  let end = offset;
  for (;;) {
    let start = end;
    while (start > 0 && isIndentChar(text.charCodeAt(start - 1))) start--;
    if (start > 0 && !isLineBreak(text.charCodeAt(start - 1))) return undefined;
    const backslash = start > 0 ? backslashBefore(text, start) : -1;
    if (backslash < 0 || !isContinuation(backslash)) return measure(text, start, end);
    end = backslash;
  }
}

function measure(text: string, start: number, end: number): Indentation {
  let col = 0;
  let alt = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20) {
      col++;
      alt++;
    } else if (c === 0x09) {
      col = (Math.floor(col / 8) + 1) * 8;
      alt++;
    } else {
      // A form feed resets the count, as in CPython.
      col = 0;
      alt = 0;
    }
  }
  return { col, alt };
}

export type IndentationOrder = "equal" | "deeper" | "shallower" | "inconsistent";

/** `line` compared with `block`, with CPython's consistency rules. */
export function compareIndentation(line: Indentation, block: Indentation): IndentationOrder {
  if (line.col === block.col) return line.alt === block.alt ? "equal" : "inconsistent";
  if (line.col > block.col) return line.alt > block.alt ? "deeper" : "inconsistent";
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
