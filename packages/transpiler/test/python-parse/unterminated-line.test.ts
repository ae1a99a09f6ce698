/**
 * The line an unterminated string literal is "detected at" (CPython's wording): the line
 * of its opening quote, or the last line of the text for a triple-quoted one. The lexer
 * asks its line index for it; these tests hold it to counting the line breaks (LF, CRLF,
 * lone CR) before that point, on texts full of unterminated literals.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePython } from "../../src/index.js";
import { runs } from "../laws.js";

const DETECTED =
  /^unterminated (triple-quoted )?string literal \(detected at line (\d+)\)$/;

/** 1 + the line breaks in `text[0, end)`, a break being LF, CRLF (once) or a lone CR. */
function lineAt(text: string, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

const text = fc
  .array(
    fc.constantFrom(
      "x = ",
      "'a",
      '"b',
      "'''c",
      "'ok'",
      "\\",
      "\n",
      "\r",
      "\r\n",
      " ",
      "(",
      ")",
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(""));

describe("unterminated string literals", () => {
  it("are detected at the line of their quote, or at the end for triple quotes", () => {
    fc.assert(
      fc.property(text, (source) => {
        const parsed = parsePython(source);
        if (parsed.ok) return;
        for (const d of parsed.diagnostics) {
          const m = DETECTED.exec(d.message);
          if (m === null || d.span === undefined) continue;
          const quoteEnd = d.span.end.offset;
          const expected =
            m[1] === undefined
              ? lineAt(source, quoteEnd - 1)
              : lineAt(source, source.length);
          expect(Number(m[2]), JSON.stringify(source)).toBe(expected);
        }
      }),
      { numRuns: runs },
    );
  });

  it("on every line of a text made of them", () => {
    const source = "x = 'a\r\ny = 'b\rz = \"c\n".repeat(3);
    const parsed = parsePython(source);
    expect(parsed.ok).toBe(false);
    const lines = parsed.ok
      ? []
      : parsed.diagnostics.flatMap((d) => {
          const m = DETECTED.exec(d.message);
          return m === null ? [] : [Number(m[2])];
        });
    expect(lines).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
