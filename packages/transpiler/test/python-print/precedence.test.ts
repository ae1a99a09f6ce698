import { describe, expect, it } from "vitest";
import { py } from "../../src/python/ast/builders.js";
import type { Expr } from "../../src/python/ast/nodes.js";
import { printExpression } from "../../src/python/print/print-python.js";
import { cpythonParse, normalizeAst } from "../support/cpython-ast.js";

const [a, b, c, x, y] = ["a", "b", "c", "x", "y"].map(py.name) as [
  Expr,
  Expr,
  Expr,
  Expr,
  Expr,
];
const not = (e: Expr): Expr => py.unary("Not", e);
const neg = (e: Expr): Expr => py.unary("USub", e);
const and = (...values: Expr[]): Expr => py.boolOp("And", values);
const or = (...values: Expr[]): Expr => py.boolOp("Or", values);
const gen = py.genexp(x, py.name("x"), y);

/** [AST, exact text] */
const table: readonly (readonly [Expr, string])[] = [
  [not(and(a, b)), "not (a and b)"],
  [and(or(a, b), c), "(a or b) and c"],
  [or(a, and(b, c)), "a or b and c"],
  [or(or(a, b), c), "(a or b) or c"],
  [and(a, and(b, c)), "a and (b and c)"],
  [or(a, b, c), "a or b or c"],
  [and(not(a), b), "not a and b"],
  [neg(x), "-x"],
  [neg(neg(x)), "--x"],
  [neg(py.num("1")), "-1"],
  [neg(py.compare(a, "Eq", b)), "-(a == b)"],
  [neg(not(a)), "-(not a)"],
  [neg(py.attr(a, "b")), "-a.b"],
  [neg(py.call(py.name("f"), [x])), "-f(x)"],
  [not(neg(a)), "not -a"],
  [not(not(a)), "not not a"],
  [not(py.compare(a, "Eq", b)), "not a == b"],
  [py.compare(not(a), "Eq", b), "(not a) == b"],
  [py.compare(py.compare(a, "Lt", b), "Lt", c), "(a < b) < c"],
  [
    { kind: "Compare", left: a, ops: ["Lt", "LtE"], comparators: [b, c] },
    "a < b <= c",
  ],
  [py.compare(a, "Eq", and(b, c)), "a == (b and c)"],
  [py.compare(a, "In", py.compare(b, "In", c)), "a in (b in c)"],
  [py.compare(x, "Is", py.none()), "x is None"],
  [py.compare(x, "IsNot", py.none()), "x is not None"],
  [py.compare(x, "NotIn", y), "x not in y"],
  [py.compare(x, "NotEq", neg(py.num("1"))), "x != -1"],
  [py.attr(or(a, b), "c"), "(a or b).c"],
  [py.call(or(a, b), [x]), "(a or b)(x)"],
  [py.attr(py.num("1"), "real"), "(1).real"],
  [py.attr(py.num("1.5"), "real"), "(1.5).real"],
  [py.call(py.attr(py.str("abc"), "upper")), '"abc".upper()'],
  [py.attr(neg(x), "y"), "(-x).y"],
  [py.attr(py.call(py.name("f"), [x]), "y"), "f(x).y"],
  [py.call(py.name("any"), [gen]), "any(x for x in y)"],
  [
    py.call(py.name("f"), [gen], [py.keyword("k", py.num("1"))]),
    "f((x for x in y), k=1)",
  ],
  [py.call(py.name("f"), [gen, x]), "f((x for x in y), x)"],
  [py.list([gen]), "[(x for x in y)]"],
  [gen, "(x for x in y)"],
  [
    py.genexp(or(a, b), py.name("x"), or(a, b), [not(c)]),
    "(a or b for x in a or b if not c)",
  ],
  [py.tuple([]), "()"],
  [py.tuple([a]), "(a,)"],
  [py.tuple([a, b]), "(a, b)"],
  [py.call(py.name("f"), [py.tuple([a, b])]), "f((a, b))"],
  [py.list([py.tuple([a])]), "[(a,)]"],
  [
    py.dict([py.str("k"), or(a, b)], [not(a), neg(b)]),
    '{"k": not a, a or b: -b}',
  ],
  [
    py.call(
      py.name("f"),
      [],
      [py.keyword("k", neg(py.num("2"))), py.keyword("j", not(a))],
    ),
    "f(k=-2, j=not a)",
  ],
  [py.compare(py.str("x"), "In", py.dotted("p")), '"x" in p'],
  [
    py.compare(py.name("p"), "In", py.list([py.str("a"), py.str("b")])),
    'p in ["a", "b"]',
  ],
  [
    py.compare(
      py.name("p"),
      "In",
      py.call(py.dotted("q.split"), [py.str(",")]),
    ),
    'p in q.split(",")',
  ],
  [
    not(
      py.call(py.name("any"), [
        py.genexp(
          py.compare(x, "Eq", py.str("a")),
          py.name("x"),
          py.dotted("order.tags"),
        ),
      ]),
    ),
    'not any(x == "a" for x in order.tags)',
  ],
  [py.list([]), "[]"],
  [py.dict([], []), "{}"],
  [py.call(py.name("f")), "f()"],
];

describe("parentheses and operators", () => {
  it.each(table.map(([expr, text], i) => [i, text, expr] as const))(
    "#%i %s",
    (_i, text, expr) => {
      expect(printExpression(expr)).toBe(text);
    },
  );

  it("every printed expression parses back (CPython) to the same AST", async () => {
    const results = await cpythonParse(table.map(([, text]) => `${text}\n`));
    results.forEach((result, i) => {
      const [expr, text] = table[i] as readonly [Expr, string];
      if (!result.ok) throw new Error(`${text}: ${result.message}`);
      expect(normalizeAst(withoutRaw(result.module.body[0])), text).toEqual(
        normalizeAst(withoutRaw({ kind: "Expr", value: expr })),
      );
    });
  });
});

function withoutRaw(node: unknown): unknown {
  return JSON.parse(
    JSON.stringify(node, (key: string, value: unknown) =>
      key === "raw" ? undefined : value,
    ),
  ) as unknown;
}
