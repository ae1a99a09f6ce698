/** The token stream: layout tokens, merged operators, line/column bookkeeping. */
import { describe, expect, it } from "vitest";
import { tokenizePython } from "../../src/python/parse/parse-python.js";

const kinds = (text: string): string[] =>
  tokenizePython(text).tokens.map((t) => t.tokenType.name);

describe("lexer", () => {
  it("produces NEWLINE, INDENT and DEDENT from the indentation stack", () => {
    expect(kinds("if a:\n    b\n    if c:\n        d\ne\n")).toEqual([
      "If",
      "Name",
      "Colon",
      "Newline",
      "Indent",
      "Name",
      "Newline",
      "If",
      "Name",
      "Colon",
      "Newline",
      "Indent",
      "Name",
      "Newline",
      "Dedent",
      "Dedent",
      "Name",
      "Newline",
    ]);
  });

  it("closes open blocks and the last line at the end of the text", () => {
    expect(kinds("if a:\n  b")).toEqual([
      "If",
      "Name",
      "Colon",
      "Newline",
      "Indent",
      "Name",
      "Newline",
      "Dedent",
    ]);
    expect(kinds("")).toEqual([]);
    expect(kinds("\n  \n# c\n")).toEqual([]);
  });

  it("joins lines inside brackets and after a backslash, and skips comments", () => {
    expect(kinds("f(a,  # c\n  b)\\\n.c\n")).toEqual([
      "Name",
      "LParen",
      "Name",
      "Comma",
      "Name",
      "RParen",
      "Dot",
      "Name",
      "Newline",
    ]);
  });

  it("merges `not in` and `is not` into single operators", () => {
    expect(kinds("a not in b is not c\n")).toEqual([
      "Name",
      "NotIn",
      "Name",
      "IsNot",
      "Name",
      "Newline",
    ]);
    expect(tokenizePython("a not\n in b").tokens.length).toBeGreaterThan(0);
    expect(kinds("(a not\n in b)\n")).toEqual([
      "LParen",
      "Name",
      "NotIn",
      "Name",
      "RParen",
      "Newline",
    ]);
  });

  it("uses longest-match operators", () => {
    expect(kinds("a **= b // c ... d -> e := f != g\n")).toEqual([
      "Name",
      "AugmentedAssign",
      "Name",
      "DoubleSlash",
      "Name",
      "Ellipsis",
      "Name",
      "Arrow",
      "Name",
      "Walrus",
      "Name",
      "NotEqual",
      "Name",
      "Newline",
    ]);
  });

  it("tracks lines and columns across CRLF, CR and multi-line strings", () => {
    const tokens = tokenizePython("a\r\nb\rc = '''x\ny'''\nd\n").tokens;
    const d = tokens.find((t) => t.image === "d");
    expect(d).toMatchObject({ startLine: 5, startColumn: 1, startOffset: 19 });
    const c = tokens.find((t) => t.image === "c");
    expect(c).toMatchObject({ startLine: 3, startColumn: 1 });
  });

  it("normalises non-ASCII identifiers to NFKC like CPython", () => {
    const [name] = tokenizePython("ﬁle\n").tokens;
    expect(name?.payload).toBe("file");
  });

  it("reports every lexical problem, not just the first", () => {
    const { diagnostics } = tokenizePython("x = $\ny = 0b2\nz = 'open\n");
    expect(diagnostics.map((d) => `${d.code} ${d.span?.start.line}`)).toEqual([
      "py-syntax 1",
      "py-syntax 2",
      "py-syntax 3",
    ]);
  });
});
