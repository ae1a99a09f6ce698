import type { LineIndex } from "../../source/line-index.js";
import type { Position } from "../../source/span.js";

/**
 * A `LineIndex` giving exactly the positions of `createLineIndex` (same line breaks: LF,
 * CRLF, lone CR; same clamping), tuned for the parser's access pattern: the CST → AST
 * conversion asks for the positions of nearly every node, mostly in increasing order and
 * on the line it asked about last. So the line of the previous answer is tried first and a
 * binary search is the fallback. The remembered line is scratch state of one parse call.
 */
export function createSequentialLineIndex(text: string): LineIndex {
  const starts: number[] = [0];
  if (!text.includes("\r")) {
    // The usual text has LF line ends only: let the native search find them.
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
      starts.push(i + 1);
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
  }
  const cursor: Cursor = { text, starts, line: 0 };
  // Method shorthand: under esbuild's keepNames (tsx) a named arrow function costs a
  // `defineProperty` each time it is created.
  return {
    position(offset) {
      return positionAt(cursor, offset);
    },
    span(start, end) {
      return { start: positionAt(cursor, start), end: positionAt(cursor, end) };
    },
  };
}

/** The text's line starts and the line of the previous answer (scratch state of one parse). */
interface Cursor {
  readonly text: string;
  readonly starts: readonly number[];
  line: number;
}

function positionAt(cursor: Cursor, offset: number): Position {
  const { text, starts } = cursor;
  const lastLine = starts.length - 1;
  let line = cursor.line;
  const o = Math.max(0, Math.min(offset, text.length));
  const start = starts[line] ?? 0;
  const next = line < lastLine ? (starts[line + 1] ?? 0) : Infinity;
  if (o < start || o >= next) {
    // The last line index with a start <= o, as in `createLineIndex`.
    let lo = 0;
    let hi = lastLine;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    line = lo;
    cursor.line = lo;
  }
  return { offset: o, line: line + 1, column: o - (starts[line] ?? 0) + 1 };
}
