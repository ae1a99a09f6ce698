import { describe, expect, it } from "vitest";
import {
  compareIndentation,
  lineIndentation,
} from "../../src/python/tree-sitter/indentation.js";
import { prepareSource } from "../../src/python/tree-sitter/prepare-source.js";

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
