import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareIndentation,
  lineIndentation,
} from "../../src/python/tree-sitter/indentation.js";
import {
  prepareSource,
  prepareSourceFrom,
  type PreparedSource,
} from "../../src/python/tree-sitter/prepare-source.js";
import { runs } from "../laws.js";

describe("prepareSource", () => {
  it("keeps the length and leaves strings alone", () => {
    const text = "x = ('a\\n(b',  # c (\n  '''x\ny''')\r\nz = 1 # é\r";
    const { forParser } = prepareSource(text);
    expect(forParser.length).toBe(text.length);
    // The comment "# c (" and the bracketed line break turn into 6 of the 10 blanks.
    expect(forParser).toBe(
      "x = ('a\\n(b',          '''x\ny''')\r\nz = 1    \n",
    );
  });

  it("blanks line breaks and continuations inside brackets only", () => {
    expect(
      prepareSource("f(a,\n  b)\nx = [\r\n]\ny = (1 \\\n)\n").forParser,
    ).toBe("f(a,   b)\nx = [  ]\ny = (1   )\n");
    expect(prepareSource("x = 1 + \\\n  2\n").forParser).toBe(
      "x = 1 + \\\n  2\n",
    );
  });

  it("finds characters CPython rejects outside strings and comments", () => {
    const text = "x =\u00a01  # \u00a0\ny = '\u200b'\u200b\n\ufeff\v";
    expect(prepareSource(text).invalidCharacters).toEqual([3, 18, 20, 21]);
  });

  it("finds a final backslash continuation, except before CRLF (as CPython)", () => {
    expect(prepareSource("pass\\").trailingContinuation).toBe(4);
    expect(prepareSource("pass\\\n").trailingContinuation).toBe(4);
    expect(prepareSource("pass\\\r").trailingContinuation).toBe(4);
    expect(prepareSource("pass\\\r\n").trailingContinuation).toBeUndefined();
    expect(prepareSource("pass  # \\\n").trailingContinuation).toBeUndefined();
    expect(prepareSource("x = '\\\n'").trailingContinuation).toBeUndefined();
  });
});

describe("CPython indentation", () => {
  const never = (): boolean => false;
  const always = (): boolean => true;

  it("counts tabs to the next multiple of 8 and also as 1 column", () => {
    expect(lineIndentation("\tx", 1, never)).toEqual({ col: 8, alt: 1 });
    expect(lineIndentation("   \tx", 4, never)).toEqual({ col: 8, alt: 4 });
    expect(lineIndentation("\t  x", 3, never)).toEqual({ col: 10, alt: 3 });
    expect(lineIndentation("  \f  x", 5, never)).toEqual({ col: 2, alt: 2 });
    expect(lineIndentation("a; x", 3, never)).toBeUndefined();
  });

  it("measures a logical line from its first physical line", () => {
    // "  \\" then "pass": the first backslash's column wins; at column 0 the next line counts.
    expect(lineIndentation("  \\\npass", 4, always)).toEqual({
      col: 2,
      alt: 2,
    });
    expect(lineIndentation("\\\n\tpass", 3, always)).toEqual({
      col: 8,
      alt: 1,
    });
    expect(lineIndentation("x = 1; \\\n  y", 12, always)).toBeUndefined();
    // A backslash ending a comment continues nothing.
    expect(lineIndentation("# c\\\n  y", 7, never)).toEqual({ col: 2, alt: 2 });
  });

  it("compares like CPython's tokenizer, TabError included", () => {
    expect(compareIndentation({ col: 8, alt: 8 }, { col: 8, alt: 8 })).toBe(
      "equal",
    );
    expect(compareIndentation({ col: 8, alt: 1 }, { col: 8, alt: 8 })).toBe(
      "inconsistent",
    );
    expect(compareIndentation({ col: 8, alt: 1 }, { col: 4, alt: 4 })).toBe(
      "inconsistent",
    );
    expect(compareIndentation({ col: 8, alt: 5 }, { col: 4, alt: 4 })).toBe(
      "deeper",
    );
    expect(compareIndentation({ col: 2, alt: 2 }, { col: 4, alt: 4 })).toBe(
      "shallower",
    );
  });
});

/** Characters that change the scan (strings, comments, brackets, breaks) and some that do not. */
const sourceText = fc
  .array(
    fc.constantFrom(
      "x",
      "if 1:",
      "0",
      " ",
      "\t",
      "'",
      '"',
      "'''",
      "#",
      "(",
      ")",
      "[",
      "]",
      "\\",
      "\n",
      "\r",
      "\r\n",
      "\u00a0",
      "\v",
      "é",
      "😀",
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

/** `source` with its line index shown as the position of every offset (it holds functions). */
function comparable(source: PreparedSource | undefined) {
  if (source === undefined) return undefined;
  const { lines, ...data } = source;
  const positions = Array.from({ length: source.original.length + 2 }, (_, i) =>
    lines.position(i),
  );
  return { ...data, positions };
}

describe("prepareSourceFrom", () => {
  it("gives prepareSource's result for any text of the same length", () => {
    fc.assert(
      fc.property(
        sourceText,
        fc.array(
          fc.tuple(
            fc.nat(),
            fc.constantFrom(
              "0",
              " ",
              "x",
              "#",
              "(",
              ")",
              "'",
              '"',
              "\\",
              "\n",
              "\r",
              "\t",
              "\u00a0",
              "\ud83d",
              "\ude00",
            ),
          ),
          { maxLength: 6 },
        ),
        (before, changes) => {
          const chars = before.split("");
          for (const [at, c] of changes)
            if (chars.length > 0) chars[at % chars.length] = c;
          const after = chars.join("");
          expect(
            comparable(prepareSourceFrom(prepareSource(before), after)),
          ).toEqual(comparable(prepareSource(after)));
        },
      ),
      { numRuns: runs * 5 },
    );
  });

  it("reuses the scan around the placeholder lines of diagnoseAll", () => {
    const before =
      "def f(x):  # c\n    y = g(x,\n        z)\n    s = 'a'\n    t = '''\n(\n'''\n";
    for (const [line, placeholder] of [
      ["y = g(x,", "0       "],
      ["s = 'a'", "if 1:  "],
      ["        z)", "        0 "],
      ["t = '''", "0      "],
    ] as const) {
      const after = before.replace(line, placeholder);
      expect(
        comparable(prepareSourceFrom(prepareSource(before), after)),
      ).toEqual(comparable(prepareSource(after)));
    }
    expect(
      comparable(prepareSourceFrom(prepareSource(before), before)),
    ).toEqual(comparable(prepareSource(before)));
    expect(prepareSourceFrom(prepareSource(before), "x")).toBeUndefined();
  });
});
