import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  findCheckLimit,
  MAX_LINE_TOKENS,
  MAX_NESTED_BRACKETS,
  measureCheck,
} from "../../src/model-output/find-check-limit.js";
import { corpusPythonFiles } from "../support/corpus.js";
import { largeInput, SOUP_TOKENS } from "../support/model-output-fuzz.js";

/** How many suspicious tokens `text` has (the largest budget that is exceeded, plus one). */
function suspicious(text: string): number {
  let n = 0;
  while (findCheckLimit(text, n)?.reason === "dense") n++;
  return n;
}

/** How many problems `text` has, counted like `suspicious`, whatever its suspicious tokens. */
function problems(text: string): number {
  let n = 0;
  while (measureCheck(text, Infinity, n).limit?.reason === "problems") n++;
  return n;
}

describe("findCheckLimit", () => {
  it("finds nothing suspicious in any valid corpus workflow", () => {
    const golden = corpusPythonFiles().filter((f) => f.endsWith("workflow.py"));
    expect(golden.length).toBeGreaterThan(150);
    for (const file of golden)
      expect(findCheckLimit(readFileSync(file, "utf8"), 0), file).toBe(
        undefined,
      );
  });

  it.each([
    ["an operator without a left operand", "x = = 1\n", 1],
    ["two names in a row", "print x\n", 1],
    ["a name after a string", "'a' b\n", 1],
    ["a closing bracket that closes nothing", "x = 1)\n", 1],
    ["the wrong closing bracket", "x = (1]\n", 1],
    ["a character no token starts with", "x = 1 $ 2 ? 3\n", 2],
    ["an unterminated string", "x = 'abc\ny = 1\n", 1],
    ["a stray backslash", "x = 1 \\ 2\n", 1],
    ["a non-identifier character", "x = \ufffd\n", 1],
    ["keywords are neutral", "if not x in y: pass\nelse: pass\n", 0],
    ["prefix operators and unpacking", "f(*a, **k, x=-1, y=~2)\n", 0],
    ["string prefixes and concatenation", "x = rb'a' f\"b\" 'c' \"d\"\n", 0],
    ["slices and decorators", "@d\ndef f(): return a[:1]\n", 0],
    ["numbers with exponents and suffixes", "x = 1e+5 + 0x1F + 1_000j\n", 0],
    ["non-ASCII names", "é = nom_été + 名前\n", 0],
  ])("counts %s", (_name, text, count) => {
    expect(suspicious(text)).toBe(count);
    // measureCheck counts them in one pass, within the budget.
    expect(measureCheck(text, 100)).toEqual({
      limit: undefined,
      suspicious: count,
    });
  });

  it("counts the suspicious tokens before the limit", () => {
    expect(measureCheck("x = = 1\ny = = 2\nz = = 3\n", 1)).toEqual({
      limit: findCheckLimit("x = = 1\ny = = 2\nz = = 3\n", 1),
      suspicious: 2,
    });
  });

  it("stops at the first suspicious token past the budget, outside strings", () => {
    const text = "x = = 1\ny = '= ='\nz = = 2\n";
    const limit = findCheckLimit(text, 1);
    expect(limit).toEqual({
      offset: text.lastIndexOf("= 2"),
      reason: "dense",
      openBrackets: [],
    });
  });

  it("stops at the bracket beyond CPython's nesting limit and lists the open ones", () => {
    const text = `x = ${"(".repeat(MAX_NESTED_BRACKETS + 5)}`;
    const limit = findCheckLimit(text, 1000);
    expect(limit?.reason).toBe("nesting");
    expect(limit?.offset).toBe(4 + MAX_NESTED_BRACKETS);
    expect(limit?.openBrackets.length).toBe(MAX_NESTED_BRACKETS);
    expect(
      findCheckLimit(
        `x = ${"(".repeat(MAX_NESTED_BRACKETS)}${")".repeat(MAX_NESTED_BRACKETS)}`,
        1000,
      ),
    ).toBeUndefined();
  });

  it("stops at the token beyond MAX_LINE_TOKENS on one line, whatever the brackets", () => {
    const line = (n: number): string => `x = f(${"a, ".repeat(n)}a)`;
    // `x = f(` is 4 tokens, each `a, ` 2, then `a` and `)`.
    const fits = line((MAX_LINE_TOKENS - 6) / 2);
    expect(findCheckLimit(`${fits}\n${fits}\n`, 0)).toBeUndefined();
    const over = line(MAX_LINE_TOKENS / 2);
    expect(findCheckLimit(`${fits}\n${over}\n`, 0)).toEqual({
      // The `a` of the 2,499th `a, ` is token 5,001.
      offset: fits.length + 1 + "x = f(".length + 3 * (MAX_LINE_TOKENS / 2 - 2),
      reason: "long-line",
      openBrackets: [fits.length + 1 + over.indexOf("(")],
    });
    // Statements joined by `;` count one by one, and so do lines inside brackets.
    expect(
      findCheckLimit("x = a; ".repeat(MAX_LINE_TOKENS), 0),
    ).toBeUndefined();
    expect(
      findCheckLimit(`x = (${"a; ".repeat(MAX_LINE_TOKENS)})`, 1e6)?.reason,
    ).toBe("long-line");
    const split = `x = f(\n${`${"a, ".repeat(100)}\n`.repeat(100)})\n`;
    expect(findCheckLimit(split, 0)).toBeUndefined();
  });

  it.each([
    [
      "statements outside the subset",
      "import os\nfrom a import b\nreturn 1\ndel x\nglobal g\n",
      5,
    ],
    [
      "expressions outside the subset",
      "x = lambda: 1\ny = yield\nz = await w\n",
      3,
    ],
    [
      "one problem per logical line",
      "return 1; import os\nf(lambda: 1,\n  lambda: 2)\n",
      2,
    ],
    [
      "a statement keyword only at a statement start",
      "raise E from e\nif a: return 1\n",
      2,
    ],
    [
      "nothing in the body of a while, class or try",
      "while x:\n    return 1\nclass C:\n    import os\ntry:\n    del x\nexcept E:\n    return 1\nfinally:\n    pass\nreturn 2\n",
      4,
    ],
    ["an unexpected indent", "x = 1\n    y = 2\n    z = 3\nw = 4\n", 2],
    [
      "a dedent to no enclosing level",
      "if a:\n    if b:\n        x = 1\n  y = 2\n",
      1,
    ],
    [
      "the block of a header",
      "def f(x):\n    if x:\n        pass\n    # c\n\n    x = (1,\n  2)\n",
      0,
    ],
    [
      "no keyword on a line with a suspicious token before it",
      "x $ lambda: 1\nlambda: 1 $\n",
      1,
    ],
    [
      "nothing once tabs and spaces mix",
      "if a:\n \tx = 1\n        return 1\n",
      0,
    ],
  ])("counts %s as problems", (_name, text, count) => {
    expect(problems(text)).toBe(count);
    expect(measureCheck(text, 100).limit).toBeUndefined();
  });

  it("stops at the line of the problem past the budget, before the headers and decorators above it", () => {
    const stop = (text: string, budget: number): number | undefined => {
      const limit = findCheckLimit(text, budget);
      expect(limit?.reason).toBe("problems");
      expect(limit?.openBrackets).toEqual([]);
      return limit?.offset;
    };
    const imports = "import os\n".repeat(5);
    expect(stop(imports, 3)).toBe("import os\n".length * 3);
    const defs = "def f(x):\n    return x\n".repeat(5);
    expect(stop(defs, 3)).toBe("def f(x):\n    return x\n".length * 3);
    const decorated = "@d\ndef f(x):\n    return x\n".repeat(5);
    expect(stop(decorated, 3)).toBe("@d\ndef f(x):\n    return x\n".length * 3);
    // An indentation error in a while loop's body: before the loop, whose diagnostic spans it.
    const loop = "import os\nwhile x:\n    y = 1\n      z = 1\n";
    expect(stop(loop, 1)).toBe("import os\n".length);
    // Problems have their own budget: suspicious tokens do not use it up.
    expect(findCheckLimit("x = = 1\n".repeat(5) + imports, 5)).toBeUndefined();
    expect(
      measureCheck("x = = 1\n".repeat(5) + imports, 100, Infinity).limit,
    ).toBeUndefined();
  });

  it("flags random bytes and token soups", () => {
    for (const kind of [
      "random bytes (UTF-8)",
      "random bytes (latin1)",
      "token soup",
      "thousands of broken lines",
    ] as const)
      expect(findCheckLimit(largeInput(kind, 1), 200)?.reason, kind).toBe(
        "dense",
      );
    expect(SOUP_TOKENS.length).toBeGreaterThan(50);
  });
});
