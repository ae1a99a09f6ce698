/** One line of a text: `[start, end)` without its terminator; `next` starts the next line. */
export interface TextLine {
  readonly start: number;
  readonly end: number;
  readonly next: number;
}

/** Splits on `\n`, `\r\n` and lone `\r`, like Python and `createLineIndex`. */
export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      lines.push({ start, end: i, next: i + 1 });
      start = i + 1;
    } else if (c === 13) {
      const next = text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      lines.push({ start, end: i, next });
      start = next;
      i = next - 1;
    }
  }
  if (start < text.length)
    lines.push({ start, end: text.length, next: text.length });
  return lines;
}
