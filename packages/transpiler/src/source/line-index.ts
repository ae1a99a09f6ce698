import type { Position, Span } from "./span.js";

/** Maps 0-based offsets to 1-based line/column positions in one text. */
export interface LineIndex {
  readonly position: (offset: number) => Position;
  readonly span: (start: number, end: number) => Span;
}

export function createLineIndex(text: string): LineIndex {
  const starts: number[] = [0];
  if (text.includes("\r")) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
  } else {
    // The usual case, found by the engine's native search.
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
      starts.push(i + 1);
  }
  // Method shorthand: under esbuild's keepNames (tsx) a named arrow function costs a
  // `defineProperty` each time it is created.
  return {
    position(offset) {
      return positionAt(text, starts, offset);
    },
    span(start, end) {
      return {
        start: positionAt(text, starts, start),
        end: positionAt(text, starts, end),
      };
    },
  };
}

function positionAt(
  text: string,
  starts: readonly number[],
  offset: number,
): Position {
  const o = Math.max(0, Math.min(offset, text.length));
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= o) lo = mid;
    else hi = mid - 1;
  }
  return { offset: o, line: lo + 1, column: o - (starts[lo] ?? 0) + 1 };
}
