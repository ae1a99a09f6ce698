import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic, Result } from "../../src/diagnostics/diagnostic.js";
import type { Module } from "../../src/python/ast/nodes.js";
import { py } from "../../src/python/ast/builders.js";
import {
  loadTreeSitterPython,
  type TreeSitterPython,
} from "../../src/python/tree-sitter/load-tree-sitter.js";
import {
  containsUnsupported,
  cpythonParse,
  normalizeAst,
  type CpythonResult,
} from "../support/cpython-ast.js";
import { assertAgainstOracle } from "./support/oracle-property.js";
import { loadPythonSources } from "./support/python-sources.js";
import {
  editedProgramArb,
  programArb,
  unsupportedProgramArb,
} from "./support/python-programs.js";

let treeSitter: TreeSitterPython;
beforeAll(async () => {
  treeSitter = await loadTreeSitterPython();
});

const where = (d: Diagnostic | undefined): string =>
  d?.span === undefined
    ? "none"
    : `${d.span.start.line}:${d.span.start.column}-${d.span.end.line}:${d.span.end.column}`;

function diagnostics(text: string): readonly Diagnostic[] {
  const result = treeSitter.parse(text);
  expect(result.ok, `expected ${JSON.stringify(text)} to be rejected`).toBe(
    false,
  );
  return result.diagnostics;
}

/**
 * Constructs CPython's tree does not mark but the subset excludes
 * (grammars/python-subset.ebnf part 4): rejecting them is not a disagreement.
 */
const SUBSET_ONLY = [/^py-unsupported .*unparenthesised tuples/];

/** See known-differences.ts: tree-sitter counts a tab after spaces differently. */
const SPACES_THEN_TAB_INDENT = /^[ \f]+\t/m;

/** What CPython's verdict requires of us. */
function checkAgainstCpython(
  text: string,
  result: Result<Module>,
  reference: CpythonResult,
): void {
  if (reference.ok && !result.ok && SPACES_THEN_TAB_INDENT.test(text)) return;
  const got = result.ok
    ? normalizeAst(result.value)
    : result.diagnostics.map((d) => `${d.code} ${where(d)}: ${d.message}`);
  if (
    Array.isArray(got) &&
    got.length > 0 &&
    got.every((d) => SUBSET_ONLY.some((r) => r.test(d)))
  )
    return;
  if (!reference.ok) {
    expect(
      result.ok,
      `CPython rejects this (${reference.message} at ${reference.line}:${reference.column}) but tree-sitter accepted it`,
    ).toBe(false);
  } else if (containsUnsupported(reference.module)) {
    expect(got, "CPython found constructs outside the subset").toEqual(
      expect.arrayContaining([expect.stringMatching(/^py-unsupported /)]),
    );
  } else {
    expect(got, `CPython accepts this:\n${text}`).toEqual(
      normalizeAst(reference.module),
    );
  }
}

describe("treeSitterToAst builds our AST", () => {
  it("converts a small workflow", () => {
    const result = treeSitter.parse(
      '@workflow(name="x")\ndef run(order):\n    if order.total > 10 and not order.test:\n        tag(order, tags=["big"])\n',
    );
    expect(result.ok && normalizeAst(result.value)).toEqual(
      normalizeAst(
        py.module([
          py.def(
            "run",
            ["order"],
            [
              py.if(
                py.boolOp("And", [
                  py.compare(py.dotted("order.total"), "Gt", py.num("10")),
                  py.unary("Not", py.dotted("order.test")),
                ]),
                [
                  py.expr(
                    py.call(
                      py.name("tag"),
                      [py.name("order")],
                      [py.keyword("tags", py.list([py.str("big")]))],
                    ),
                  ),
                ],
              ),
            ],
            [
              py.call(
                py.name("workflow"),
                [],
                [py.keyword("name", py.str("x"))],
              ),
            ],
          ),
        ]),
      ),
    );
  });

  it("keeps number lexemes", () => {
    const result = treeSitter.parse(
      "x = [10.00, 1e5, 12345678901234567890, -0.5]\n",
    );
    expect(result.ok && normalizeAst(result.value)).toEqual(
      normalizeAst(
        py.module([
          py.assign(
            py.name("x"),
            py.list([
              py.num("10.00"),
              py.num("1e5"),
              py.num("12345678901234567890"),
              py.unary("USub", py.num("0.5")),
            ]),
          ),
        ]),
      ),
    );
  });

  it("reads astral characters wherever the text is cut into chunks for tree-sitter", () => {
    // The text reaches tree-sitter in chunks of a few hundred characters: a surrogate pair
    // in a string at every alignment near the first chunk boundary.
    for (let pad = 0; pad < 1100; pad += pad < 500 || pad > 530 ? 101 : 1) {
      const text = `s = "${"a".repeat(pad)}😀"\nt = s\n`;
      const result = treeSitter.parse(text);
      expect(result.ok && normalizeAst(result.value), `pad ${pad}`).toEqual(
        normalizeAst(
          py.module([
            py.assign(py.name("s"), py.str(`${"a".repeat(pad)}😀`)),
            py.assign(py.name("t"), py.name("s")),
          ]),
        ),
      );
    }
  });

  it("puts a span on every node", () => {
    const result = treeSitter.parse(
      loadPythonSources().find((s) => s.file.endsWith("47-workflow-example.py"))
        ?.text ?? "",
    );
    if (!result.ok) throw new Error("fixture must parse");
    const missing: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (Array.isArray(node))
        return node.forEach((n, i) => visit(n, `${path}[${i}]`));
      if (node === null || typeof node !== "object") return;
      const record = node as Record<string, unknown>;
      if (("kind" in record || "arg" in record) && record["span"] === undefined)
        missing.push(path);
      for (const [k, v] of Object.entries(record))
        if (k !== "span") visit(v, `${path}.${k}`);
    };
    visit(result.value, "$");
    expect(missing).toEqual([]);
  });
});

describe("treeSitterToAst reports problems as diagnostics", () => {
  it.each([
    ["x = lambda: 1\n", "py-unsupported", "lambda expressions", "1:5-1:14"],
    ["x = a[0]\n", "py-unsupported", "subscripts", "1:5-1:9"],
    ["x = 1 + 2\n", "py-unsupported", "binary operator `+`", "1:5-1:10"],
    ["class A:\n    pass\n", "py-unsupported", "classes", "1:1-2:9"],
    [
      "def f(a=1):\n    pass\n",
      "py-unsupported",
      "default parameter values",
      "1:7-1:10",
    ],
    ["x = f'{a}'\n", "py-unsupported", "f-strings", "1:5-1:11"],
    [
      "for a, b in c:\n    pass\n",
      "py-unsupported",
      "`for` targets",
      "1:5-1:9",
    ],
    ["a = b = 1\n", "py-unsupported", "chained assignments", "1:1-1:10"],
    [
      "f(a=1, b)\n",
      "py-syntax",
      "positional argument follows keyword argument",
      "1:8-1:9",
    ],
    ["x = 0123\n", "py-syntax", "leading zeros", "1:5-1:9"],
    [
      "print 'x'\n",
      "py-syntax",
      "Missing parentheses in call to 'print'",
      "1:1-1:10",
    ],
    ["x = 1 <> 2\n", "py-syntax", "`<>`", "1:7-1:9"],
    [
      "x = '\\N{NOPE}'\n",
      "py-syntax",
      "unknown Unicode character name",
      "1:6-1:14",
    ],
    ["x =\u00a01\n", "py-syntax", "U+00A0", "1:4-1:5"],
    [
      "if x:\n# nothing\n",
      "py-indentation",
      "expected an indented block after 'if' statement on line 1",
      "1:1-1:6",
    ],
    ["x = 1\n  y = 2\n", "py-indentation", "unexpected indent", "2:3-2:4"],
    [
      "if a:\n\tx = 1\n        y = 2\n",
      "py-indentation",
      "inconsistent use of tabs and spaces",
      "3:9-3:10",
    ],
    ["x = (1,\n", "py-syntax", "'(' was never closed", "1:5-1:6"],
    [
      "x = 'abc\ny = 1\n",
      "py-syntax",
      "unterminated string literal",
      "1:5-1:6",
    ],
    ["x = 1 \\\n", "py-syntax", "unexpected EOF while parsing", "1:7-1:8"],
    ["async = 1\n", "py-syntax", "keyword", "1:1-1:6"],
  ])("%j", (text, code, message, span) => {
    const [first] = diagnostics(text);
    expect(first?.code).toBe(code);
    expect(first?.message).toContain(message);
    expect(where(first)).toBe(span);
  });

  it("reports every problem in one pass", () => {
    const found = diagnostics("x = lambda: 1\ny = a[0]\nf(k=1, 2)\n");
    expect(found.map((d) => `${d.code} ${where(d)}`)).toEqual([
      "py-unsupported 1:5-1:14",
      "py-unsupported 2:5-2:9",
      "py-syntax 3:8-3:9",
    ]);
  });

  it("classifies each error case like CPython and reports the codes of its expect.json", async () => {
    const errors = loadPythonSources().filter((s) => s.isError);
    const references = await cpythonParse(errors.map((s) => s.text));
    const wrong = errors.flatMap((source, i) => {
      const reference = references[i];
      const result = treeSitter.parse(source.text);
      const found = new Set(result.diagnostics.map((d) => d.code));
      const expected =
        reference === undefined || !reference.ok
          ? ["py-syntax", "py-indentation", "py-too-deep"]
          : containsUnsupported(reference.module)
            ? ["py-unsupported"]
            : [];
      const problems = [
        ...(result.ok ? ["accepted"] : []),
        ...(expected.length > 0 && !expected.some((c) => found.has(c))
          ? [`expected one of ${expected.join("/")}`]
          : []),
        ...source.expectedCodes
          .filter((c) => !found.has(c))
          .map((c) => `missing ${c}`),
      ];
      return problems.length === 0
        ? []
        : [
            `${source.file}: ${problems.join(", ")} (got ${[...found].join(", ")})`,
          ];
    });
    expect(wrong).toEqual([]);
  });
});

describe("treeSitterToAst's shortcuts: keywords, commas, function parts", () => {
  // `async` and `,` are found without listing a node's children, and a `def`'s parts from
  // its children instead of its fields; these pin the answers.
  it.each([
    ["async def f(x):\n    pass\n", "`async def` functions", "1:1-2:9"],
    [
      "if a:\n    async def f(x):\n        pass\n",
      "`async def` functions",
      "2:5-3:13",
    ],
    ["x = 1\n\\\nasync def f():\n    pass\n", "`async def`", "3:1-4:9"],
    ["async for a in b:\n    pass\n", "`async for` loops", "1:1-2:9"],
    ["async with a:\n    pass\n", "`async with` statements", "1:1-2:9"],
    ["f(a async for a in b)\n", "`async for` comprehensions", "1:5-1:21"],
    ["x = 1, \\\n    2\n", "unparenthesised tuples", "1:5-2:6"],
    ["f(x), \\\n  g(y)\n", "unparenthesised tuples", "1:1-2:7"],
    ["def f(x) -> int:\n    pass\n", "return annotations", "1:13-1:16"],
    ["def f(x) \\\n  -> int:\n    pass\n", "return annotations", "2:6-2:9"],
    ["def f[T](x):\n    pass\n", "type parameters", "1:6-1:9"],
    ["def f[T](x) -> int:\n    pass\n", "type parameters", "1:6-1:9"],
    ["def f(x, y=1):\n    pass\n", "default parameter values", "1:10-1:13"],
  ])("%j", (text, message, span) => {
    const found = diagnostics(text);
    expect(found.map((d) => d.code)).toEqual(["py-unsupported"]);
    expect(found[0]?.message).toContain(message);
    expect(where(found[0])).toBe(span);
  });

  it.each([
    "def asyncf(x):\n    pass\n",
    "for asyncx in b:\n    pass\n",
    "with asyncio:\n    pass\n",
    "f(a for asyncx in b)\n",
    "asyncio(x)\n",
    "x = \\\n    f(y)\n",
    "f(x, \\\n  y)\n",
    "def f \\\n(x):\n    pass\n",
    "def f(x): pass\n",
    "def f(x, y):\n    pass\n",
  ])("accepts %j", (text) => {
    expect(treeSitter.parse(text).ok).toBe(true);
  });
});

describe("treeSitterToAst never throws", () => {
  it("on deep nesting", () => {
    for (const text of [
      `${"(".repeat(20_000)}1${")".repeat(20_000)}`,
      `x = ${"not ".repeat(20_000)}y`,
      `x = ${"-".repeat(20_000)}1`,
      `x = ${"[".repeat(5_000)}${"]".repeat(5_000)}`,
      `x = a${".b".repeat(20_000)}`,
      `x = f${"()".repeat(20_000)}`,
      Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}if x:`).join(
        "\n",
      ) + `\n${" ".repeat(300)}pass\n`,
      `if a:\n    pass\n${"elif a:\n    pass\n".repeat(5_000)}`,
      `x = ${Array.from({ length: 20_000 }, () => "a").join(" and ")}`,
    ]) {
      const result = treeSitter.parse(text);
      expect(
        result.ok === false ? result.diagnostics.length : 0,
        text.slice(0, 40),
      ).toBeGreaterThanOrEqual(result.ok ? 0 : 1);
    }
  });

  it("on arbitrary text", () => {
    const numRuns = Number(process.env["FLOWPY_RUNS"] ?? 1000);
    const pythonish = fc.array(
      fc.constantFrom(
        "def",
        "if",
        "else",
        "elif",
        "for",
        "in",
        "with",
        "as",
        "not",
        "and",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ":",
        ",",
        "=",
        "==",
        "\n",
        "    ",
        "\t",
        "'",
        '"',
        "\\",
        "#",
        "x",
        "1",
        "é",
        "😀",
        "\r",
        "\u00a0",
        "@",
        ".",
        "\0",
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          pythonish.map((p) => p.join("")),
        ),
        (text) => {
          const result = treeSitter.parse(text);
          if (!result.ok) expect(result.diagnostics.length).toBeGreaterThan(0);
        },
      ),
      { numRuns },
    );
  });
});

describe("treeSitterToAst agrees with CPython", () => {
  it("on generated programs in the subset", async () => {
    await assertAgainstOracle(
      programArb,
      (programs) => cpythonParse(programs),
      (text, reference) =>
        checkAgainstCpython(text, treeSitter.parse(text), reference),
    );
  });

  it("on generated programs with a construct outside the subset", async () => {
    await assertAgainstOracle(
      unsupportedProgramArb,
      (programs) => cpythonParse(programs),
      (text, reference) => {
        expect(reference.ok, `CPython must accept:\n${text}`).toBe(true);
        const result = treeSitter.parse(text);
        expect(result.ok, `outside the subset:\n${text}`).toBe(false);
        checkAgainstCpython(text, result, reference);
      },
    );
  });

  it("on generated programs with a random edit", async () => {
    await assertAgainstOracle(
      editedProgramArb,
      (programs) => cpythonParse(programs),
      (text, reference) =>
        checkAgainstCpython(text, treeSitter.parse(text), reference),
    );
  });
});

describe("performance", () => {
  it("parses a 2,000-line file quickly", () => {
    const chunk =
      "if order.total >= 100 and 'vip' not in order.tags:\n    tag(order, tags=['big', \"x\"], note='\\N{BULLET}')\nelse:\n    pass\n";
    const text = `def run(order):\n${chunk.repeat(500).replace(/^/gm, "    ")}`;
    treeSitter.parse(text);
    const start = performance.now();
    const result = treeSitter.parse(text);
    const elapsed = performance.now() - start;
    expect(result.ok).toBe(true);
    expect(elapsed).toBeLessThan(1_000);
  });
});
