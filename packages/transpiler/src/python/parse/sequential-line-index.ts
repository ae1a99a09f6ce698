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
  const cursor: Cursor = {
    text,
    starts,
    line: 0,
    startOffset: -1,
    start: origin,
    endOffset: -1,
    end: origin,
  };
  // Method shorthand: under esbuild's keepNames (tsx) a named arrow function costs a
  // `defineProperty` each time it is created.
  return {
    position(offset) {
      return positionAt(cursor, offset);
    },
    span(start, end) {
      return { start: spanStart(cursor, start), end: spanEnd(cursor, end) };
    },
  };
}

/**
 * The text's line starts, the line of the previous answer, and the previous span's start and
 * end (scratch state of one parse). Nested nodes share offsets: `a.b.c(x)` asks for the start
 * of `a` four times, a statement ends where its call ends. Positions are immutable, so those
 * spans share one object instead of each allocating its own.
 */
interface Cursor {
  readonly text: string;
  readonly starts: readonly number[];
  line: number;
  startOffset: number;
  start: Position;
  endOffset: number;
  end: Position;
}

/** Placeholder for the empty memo (its offset -1 matches no request). */
const origin: Position = { offset: 0, line: 1, column: 1 };

function spanStart(cursor: Cursor, offset: number): Position {
  if (offset !== cursor.startOffset) {
    cursor.start = positionAt(cursor, offset);
    cursor.startOffset = offset;
  }
  return cursor.start;
}

function spanEnd(cursor: Cursor, offset: number): Position {
  if (offset !== cursor.endOffset) {
    cursor.end = positionAt(cursor, offset);
    cursor.endOffset = offset;
  }
  return cursor.end;
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
