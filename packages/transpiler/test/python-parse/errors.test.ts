/**
 * Invalid Python: the code, the 1-based line:column, a human message (no chevrotain
 * internals) and a hint. CPython must reject every source too, and where it reports the
 * same line we check that as well.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parsePython } from "../../src/python/parse/parse-python.js";
import { cpythonParse, type CpythonResult } from "../support/cpython-ast.js";

type Case = readonly [
  source: string,
  code: string,
  line: number,
  column: number,
  message: RegExp,
];

const cases: readonly Case[] = [
  // syntax
  [
    "if x pass\n",
    "py-syntax",
    1,
    6,
    /^expected ':' after the if condition, found 'pass'$/,
  ],
  [
    "if x = 1:\n    pass\n",
    "py-syntax",
    1,
    6,
    /expected ':' after the if condition/,
  ],
  [
    "if x:\n    a\nelse\n    b\n",
    "py-syntax",
    3,
    5,
    /expected ':' after 'else'/,
  ],
  [
    "if x:\n    a\nelif y\n    b\n",
    "py-syntax",
    3,
    7,
    /expected ':' after the elif condition/,
  ],
  [
    "for x in y\n    pass\n",
    "py-syntax",
    1,
    11,
    /expected ':' after the for loop header/,
  ],
  [
    "for x y:\n    pass\n",
    "py-syntax",
    1,
    7,
    /expected 'in' after the loop variable/,
  ],
  [
    "def f()\n    pass\n",
    "py-syntax",
    1,
    8,
    /expected ':' after the function signature/,
  ],
  ["def (): pass\n", "py-syntax", 1, 5, /expected a function name after 'def'/],
  ["def class(): pass\n", "py-syntax", 1, 5, /expected a function name/],
  [
    "def f(a b): pass\n",
    "py-syntax",
    1,
    9,
    /expected ',' or '\)' in the parameter list/,
  ],
  [
    "with a as b\n    pass\n",
    "py-syntax",
    1,
    12,
    /expected ':' after the with items/,
  ],
  ["x = \n", "py-syntax", 1, 4, /expected an expression after '='/],
  ["x = 1 +\n", "py-syntax", 1, 8, /expected an expression after '\+'/],
  ["x = )\n", "py-syntax", 1, 5, /unmatched '\)'/],
  ["x = (\n", "py-syntax", 1, 5, /'\(' was never closed/],
  ["x = [1, 2\ny = 3\n", "py-syntax", 1, 5, /'\[' was never closed/],
  [
    "x = (1]\n",
    "py-syntax",
    1,
    7,
    /closing parenthesis '\]' does not match opening parenthesis '\('/,
  ],
  ["x = 1 2\n", "py-syntax", 1, 7, /unexpected number 2/],
  ["f(a b)\n", "py-syntax", 1, 5, /expected ',' or '\)'/],
  ["f(,)\n", "py-syntax", 1, 3, /','/],
  ["x = [1 2]\n", "py-syntax", 1, 8, /expected ',' or '\]'/],
  ["x = {1: 2 3: 4}\n", "py-syntax", 1, 11, /expected ',' or '\}'/],
  ["print 'hello'\n", "py-syntax", 1, 7, /unexpected string literal/],
  ["x = 1 if y\n", "py-syntax", 1, 11, /expected 'else' after 'if' expression/],
  ["x = a.\n", "py-syntax", 1, 7, /expected an attribute name after '\.'/],
  ["x = a.1\n", "py-syntax", 1, 6, /\.1|attribute/],
  ["x = not\n", "py-syntax", 1, 8, /expected an expression after 'not'/],
  ["x = a < not b\n", "py-syntax", 1, 9, /'not' cannot appear here/],
  ["x = - not a\n", "py-syntax", 1, 7, /'not' cannot appear here/],
  ["x = a is not not b\n", "py-syntax", 1, 14, /'not' cannot appear here/],
  [
    "if x: if y: pass\n",
    "py-syntax",
    1,
    7,
    /compound statement cannot follow ':'/,
  ],
  [
    "else:\n    pass\n",
    "py-syntax",
    1,
    1,
    /'else' does not follow an if block/,
  ],
  [
    "elif x:\n    pass\n",
    "py-syntax",
    1,
    1,
    /'elif' does not follow an if block/,
  ],
  [
    "except:\n    pass\n",
    "py-syntax",
    1,
    1,
    /'except' without a preceding 'try'/,
  ],
  ["x = 1;;\n", "py-syntax", 1, 7, /unexpected ';'/],
  [
    "f(a=1, b)\n",
    "py-syntax",
    1,
    8,
    /positional argument follows keyword argument/,
  ],
  [
    "f(**k, b)\n",
    "py-syntax",
    1,
    8,
    /positional argument follows keyword argument unpacking/,
  ],
  [
    "f(x for x in y, 1)\n",
    "py-syntax",
    1,
    3,
    /generator expression must be parenthesized/,
  ],
  [
    "f(1, x for x in y)\n",
    "py-syntax",
    1,
    6,
    /generator expression must be parenthesized/,
  ],
  [
    "f(x for x in y,)\n",
    "py-syntax",
    1,
    3,
    /generator expression must be parenthesized/,
  ],
  [
    "x = (a for a in b, c)\n",
    "py-syntax",
    1,
    6,
    /generator expression must be the only item/,
  ],
  ["f(a.b=1)\n", "py-syntax", 1, 3, /expression cannot contain assignment/],
  ["f((a)=1)\n", "py-syntax", 1, 3, /expression cannot contain assignment/],
  ["f(True=1)\n", "py-syntax", 1, 3, /expression cannot contain assignment/],
  ["f() = 1\n", "py-syntax", 1, 1, /cannot assign to function call/],
  ["1 = x\n", "py-syntax", 1, 1, /cannot assign to literal/],
  ["True = 1\n", "py-syntax", 1, 1, /cannot assign to True/],
  ["None = 1\n", "py-syntax", 1, 1, /cannot assign to None/],
  ["a or b = 1\n", "py-syntax", 1, 1, /cannot assign to expression/],
  [
    "for f() in x:\n    pass\n",
    "py-syntax",
    1,
    5,
    /cannot assign to function call/,
  ],
  ["x = {1: 2, 3}\n", "py-syntax", 1, 5, /dict literal needs 'key: value'/],
  [
    "x = 'abc\n",
    "py-syntax",
    1,
    5,
    /unterminated string literal \(detected at line 1\)/,
  ],
  [
    "x = '''abc\n\n",
    "py-syntax",
    1,
    5,
    /unterminated triple-quoted string literal/,
  ],
  ["x = '\\xZZ'\n", "py-syntax", 1, 6, /truncated \\x escape/],
  ["x = '\\u12'\n", "py-syntax", 1, 6, /truncated \\u escape/],
  ["x = '\\U00110000'\n", "py-syntax", 1, 6, /illegal Unicode character/],
  ["x = '\\N{EM DASH'\n", "py-syntax", 1, 6, /malformed \\N character escape/],
  [
    "x = '\\N{NO SUCH CHARACTER NAME}'\n",
    "py-syntax",
    1,
    6,
    /unicode character name 'NO SUCH CHARACTER NAME'/,
  ],
  ["x = 0123\n", "py-syntax", 1, 5, /leading zeros/],
  ["x = 0_1\n", "py-syntax", 1, 5, /leading zeros/],
  ["x = 1abc\n", "py-syntax", 1, 5, /invalid decimal literal/],
  ["x = 1__0\n", "py-syntax", 1, 5, /invalid decimal literal/],
  ["x = 1_\n", "py-syntax", 1, 5, /invalid decimal literal/],
  ["x = 1e\n", "py-syntax", 1, 5, /invalid decimal literal/],
  ["x = 1e+\n", "py-syntax", 1, 5, /invalid decimal literal/],
  ["x = 0b12\n", "py-syntax", 1, 8, /invalid digit '2' in binary literal/],
  ["x = 0o8\n", "py-syntax", 1, 7, /invalid digit '8' in octal literal/],
  ["x = 0xg\n", "py-syntax", 1, 5, /invalid hexadecimal literal/],
  ["x = 1.__class__\n", "py-syntax", 1, 5, /invalid decimal literal/],
  ["x = $\n", "py-syntax", 1, 5, /invalid character '\$'/],
  ["x = a ? b\n", "py-syntax", 1, 7, /invalid character '\?'/],
  ["x = a ! b\n", "py-syntax", 1, 7, /invalid character '!'/],
  [
    "x = 1 \\ 2\n",
    "py-syntax",
    1,
    7,
    /unexpected character after line continuation/,
  ],
  [
    "x = 1\\",
    "py-syntax",
    1,
    6,
    /unexpected end of input after line continuation/,
  ],
  ["x\u00a0= 1\n", "py-syntax", 1, 2, /non-printable character U\+00A0/],
  ["\ufeffx = 1\n", "py-syntax", 1, 1, /non-printable character U\+FEFF/],
  ["x = 'a' b'c'\n", "py-unsupported", 1, 9, /bytes literals/],
  ["@d\n", "py-syntax", 1, 3, /expected end of line after the decorator|'def'/],
  ["@d\nx = 1\n", "py-syntax", 2, 1, /expected 'def' after the decorators/],
  ["x = (1,,)\n", "py-syntax", 1, 8, /expected '\)', found ','/],
  // indentation
  ["  x = 1\n", "py-indentation", 1, 3, /^unexpected indent$/],
  ["x = 1\n    y = 2\n", "py-indentation", 2, 5, /^unexpected indent$/],
  [
    "if x:\npass\n",
    "py-indentation",
    2,
    1,
    /^expected an indented block after 'if' statement on line 1$/,
  ],
  [
    "if x:\n    a\nelse:\nb\n",
    "py-indentation",
    4,
    1,
    /after 'else' statement on line 3/,
  ],
  [
    "for x in y:\n\n# c\nf()\n",
    "py-indentation",
    4,
    1,
    /after 'for' statement on line 1/,
  ],
  [
    "def f():\n",
    "py-indentation",
    1,
    9,
    /expected an indented block after 'def' statement on line 1/,
  ],
  [
    "if x:\n    a\n  b\n",
    "py-indentation",
    3,
    1,
    /unindent does not match any outer indentation level/,
  ],
  [
    "if x:\n        a\n\tb\n",
    "py-indentation",
    3,
    1,
    /inconsistent use of tabs and spaces/,
  ],
  [
    "if x:\n\ta\n        b\n",
    "py-indentation",
    3,
    1,
    /inconsistent use of tabs and spaces/,
  ],
  [
    "if x:\n    a\n\tb\n",
    "py-indentation",
    3,
    1,
    /inconsistent use of tabs and spaces/,
  ],
  [
    "if x:\n  pass\n else:\n  pass\n",
    "py-indentation",
    3,
    1,
    /unindent does not match/,
  ],
  ["if x: pass\n else: pass\n", "py-indentation", 2, 2, /^unexpected indent$/],
];

const cpython = new Map<string, CpythonResult>();
beforeAll(async () => {
  const results = await cpythonParse(cases.map(([source]) => source));
  cases.forEach(([source], i) => {
    const r = results[i];
    if (r !== undefined) cpython.set(source, r);
  });
});

const internals =
  /Expecting|-->|<--|NoViableAlt|Mismatched|EarlyExit|NotAllInput|Colon|Newline|Indent\b|Dedent|NumberLiteral|StringLiteral|RParen|LParen|\bEOF\b/;

describe("syntax and indentation errors", () => {
  it.each(
    cases.map(
      ([source, code, line, column, message]) =>
        [JSON.stringify(source), source, code, line, column, message] as const,
    ),
  )("%s", (_label, source, code, line, column, message) => {
    const reference = cpython.get(source);
    expect(reference?.ok, "CPython rejects the source").toBe(false);
    const result = parsePython(source);
    expect(result.ok).toBe(false);
    const first = result.diagnostics.find(
      (d) => d.code === code && message.test(d.message),
    );
    expect(first, JSON.stringify(result.diagnostics)).toBeDefined();
    expect(
      result.diagnostics.some(
        (d) => d.code === "py-syntax" || d.code === "py-indentation",
      ) || code === "py-unsupported",
    ).toBe(true);
    expect(first?.span?.start, JSON.stringify(first)).toMatchObject({
      line,
      column,
    });
    for (const d of result.diagnostics) {
      expect(d.message).not.toMatch(internals);
      expect(d.severity).toBe("error");
    }
    if (code !== "py-unsupported" && reference !== undefined && !reference.ok) {
      // CPython reports unterminated brackets at the opener and the rest at the problem;
      // the line must agree (columns differ: CPython points at varying token edges).
      expect(first?.span?.start.line).toBe(reference.line);
    }
  });
});

describe("limits", () => {
  it("rejects text longer than maxLength before lexing", () => {
    const result = parsePython("x = 1\n".repeat(10), { maxLength: 20 });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["py-too-large"]);
    expect(parsePython("x = 1\n", { maxLength: 6 }).ok).toBe(true);
  });

  it.each([
    ["50k open parentheses", "(".repeat(50_000)],
    [
      "50k balanced parentheses",
      `x = ${"(".repeat(50_000)}1${")".repeat(50_000)}\n`,
    ],
    ["50k nots", `x = ${"not ".repeat(50_000)}a\n`],
    ["50k unary minus", `x = ${"-".repeat(50_000)}1\n`],
    ["50k nested lists", `x = ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`],
    ["a long conditional chain", `x = ${"a if b else ".repeat(5_000)}c\n`],
    ["a long lambda chain", `x = ${"lambda: ".repeat(5_000)}1\n`],
    [
      "deeply nested blocks",
      Array.from({ length: 150 }, (_, i) => `${" ".repeat(i)}if x:\n`).join(
        "",
      ) + `${" ".repeat(150)}pass\n`,
    ],
    [
      "a long elif chain",
      `if a:\n    pass\n${"elif b:\n    pass\n".repeat(500)}`,
    ],
    [
      "calls nested in calls",
      `x = ${"f(".repeat(20_000)}${")".repeat(20_000)}\n`,
    ],
  ])("reports py-too-deep for %s without recursing", (_label, source) => {
    const result = parsePython(source);
    expect(result.ok).toBe(false);
    expect(
      result.diagnostics.some((d) => d.code === "py-too-deep"),
      JSON.stringify(result.diagnostics.slice(0, 2)),
    ).toBe(true);
  });

  it("accepts nesting up to maxDepth and equals CPython there", async () => {
    const source = `x = ${"(".repeat(90)}1${")".repeat(90)}\n`;
    const result = parsePython(source);
    expect(result.ok).toBe(true);
    const [reference] = await cpythonParse([source]);
    expect(reference?.ok).toBe(true);
    expect(
      parsePython(source, { maxDepth: 50 }).diagnostics.map((d) => d.code),
    ).toEqual(["py-too-deep"]);
  });

  it("handles long flat inputs iteratively", () => {
    const statements = "f(a, b=[1, 2], c={'k': 'v'})\n".repeat(5_000);
    expect(parsePython(statements).ok).toBe(true);
    const chain = `x = a${" or a".repeat(50_000)}\n`;
    const result = parsePython(chain);
    expect(result.ok).toBe(true);
    const attributes = `x = a${".b".repeat(50_000)}\n`;
    expect(parsePython(attributes).ok).toBe(true);
    const strings = `x = ${"'s' ".repeat(50_000)}\n`;
    expect(parsePython(strings).ok).toBe(true);
  });

  it("survives a caller-raised maxDepth on hostile input", () => {
    const result = parsePython(
      `x = ${"(".repeat(200_000)}1${")".repeat(200_000)}\n`,
      { maxDepth: 1_000_000 },
    );
    expect(
      result.ok === true ||
        result.diagnostics.some((d) => d.code === "py-too-deep"),
    ).toBe(true);
  });
});
