import { indentUnitOf } from "./print-json.js";
import type { JsonStyle } from "./print-json.js";

/**
 * Whether `printJson(parseJson(text).value, style) === text`, for a `text` that is known to
 * parse (with `style.finalNewline`, all but its final character) and a style whose
 * separators are a `,` or `:` with blanks around it, as `inferJsonStyle` reads them, and
 * whose `sortKeys` reorders nothing (it is only set when every object is already sorted).
 *
 * The tokens of the printed text are then the tokens of `text` in the same order, so only
 * the gaps between them can differ: one pass over the text checks each gap against the
 * exact piece the printer writes there (`{}`/`[]` for empty containers, the separators, a
 * line break with the indentation of its level), skipping the tokens themselves. Reading a
 * document thus costs no second rendering of it. Any text that does not parse may give any
 * answer: callers must have parsed it.
 */
export function parsedLayoutMatches(text: string, style: JsonStyle): boolean {
  const indentUnit = indentUnitOf(style.indent);
  const { keySeparator, itemSeparator } = style;
  const end = style.finalNewline ? text.length - 1 : text.length;
  if (style.finalNewline && text.charCodeAt(end) !== 0x0a) return false;
  // breaks[level]: the printer's line break plus indentation for that level, built once.
  // Without indentation every break is empty, so checking it is a no-op.
  const breaks: string[] = [];
  /** Open containers, innermost last: true for an object. */
  const objects: boolean[] = [];
  // The cursor is a plain local (no helper closures capture it): this loop is the hot path.
  let pos = 0;
  let piece: string;

  for (;;) {
    // At the first character of a value: the printer writes no blank before one.
    const c = text.charCodeAt(pos);
    if (c === 0x7b || c === 0x5b) {
      // `}` and `]` are two code units after `{` and `[`.
      if (text.charCodeAt(pos + 1) === c + 2) pos += 2;
      else {
        pos++;
        objects.push(c === 0x7b);
        piece = lineBreak(breaks, indentUnit, objects.length);
        if (!text.startsWith(piece, pos)) return false;
        pos += piece.length;
        if (c === 0x7b) {
          // A member's key and the key separator, then its value.
          if (text.charCodeAt(pos) !== 0x22) return false;
          pos = stringEnd(text, pos);
          if (!text.startsWith(keySeparator, pos)) return false;
          pos += keySeparator.length;
        }
        continue;
      }
    } else if (c === 0x22) pos = stringEnd(text, pos);
    else if (isBlank(c) || pos >= end) return false;
    else pos = scalarEnd(text, pos);

    // After a value: close the containers that end here, or go on to the next member.
    for (;;) {
      const depth = objects.length;
      if (depth === 0) return pos === end;
      let next = pos;
      while (isBlank(text.charCodeAt(next))) next++;
      const d = text.charCodeAt(next);
      if (d === 0x2c) {
        if (!text.startsWith(itemSeparator, pos)) return false;
        pos += itemSeparator.length;
        piece = lineBreak(breaks, indentUnit, depth);
        if (!text.startsWith(piece, pos)) return false;
        pos += piece.length;
        if (objects[depth - 1] === true) {
          if (text.charCodeAt(pos) !== 0x22) return false;
          pos = stringEnd(text, pos);
          if (!text.startsWith(keySeparator, pos)) return false;
          pos += keySeparator.length;
        }
        break;
      }
      // In a text that parses, `d` closes the innermost container.
      piece = lineBreak(breaks, indentUnit, depth - 1);
      if (!text.startsWith(piece, pos)) return false;
      pos += piece.length;
      if (text.charCodeAt(pos) !== d) return false;
      pos++;
      objects.pop();
    }
  }
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** The offset after the string literal whose opening quote is at `open`. */
function stringEnd(text: string, open: number): number {
  let i = open + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    // An odd run of backslashes escapes the quote.
    if (backslashes % 2 === 0) return quote + 1;
    i = quote + 1;
  }
}

/** The offset after a number, `true`, `false` or `null` starting at `start`. */
function scalarEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (
      Number.isNaN(c) ||
      isBlank(c) ||
      c === 0x2c ||
      c === 0x5d ||
      c === 0x7d ||
      c === 0x3a
    )
      return i;
    i++;
  }
}

/**
 * The printer's line break plus indentation for a level, cached in `breaks`. A
 * module-level function: under esbuild's keepNames (tsx) a named closure costs a
 * `defineProperty` each time it is created.
 */
function lineBreak(
  breaks: string[],
  indentUnit: string | null,
  level: number,
): string {
  if (indentUnit === null) return "";
  let piece = breaks[level];
  if (piece === undefined) {
    piece = `\n${indentUnit.repeat(level)}`;
    breaks[level] = piece;
  }
  return piece;
}
