import { describe, expect, it } from "vitest";
import { py } from "../../src/python/ast/builders.js";
import type { Expr } from "../../src/python/ast/nodes.js";
import {
  printExpression,
  printPython,
} from "../../src/python/print/print-python.js";
import { cpythonParse, normalizeAst } from "../support/cpython-ast.js";
import { blackCheck } from "./support/black-oracle.js";
import { layoutCases } from "./support/layout-cases.js";

describe("black layouts of the Flow dialect's constructs", () => {
  it.each(layoutCases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(printPython(c.module)).toBe(c.expected);
  });

  it("black 23.1 leaves every expected text unchanged and CPython reads back the same AST", async () => {
    const texts = layoutCases.map((c) => c.expected);
    const [verdicts, parsed] = await Promise.all([
      blackCheck(texts),
      cpythonParse(texts),
    ]);
    layoutCases.forEach((c, i) => {
      const verdict = verdicts[i];
      expect(
        verdict?.ok ? "" : (verdict as { report: string }).report,
        c.name,
      ).toBe("");
      const result = parsed[i];
      if (!result?.ok) throw new Error(`${c.name}: ${JSON.stringify(result)}`);
      expect(comparable(result.module), c.name).toEqual(comparable(c.module));
    });
  });

  it("the black oracle does report a source black would change", async () => {
    const [verdict] = await blackCheck(["x=1\n"]);
    expect(verdict?.ok).toBe(false);
  });
});

describe("printPython / printExpression", () => {
  it("prints an empty module as an empty file", () => {
    expect(printPython(py.module([]))).toBe("");
  });

  it("is deterministic and does not mutate its input", () => {
    const c = layoutCases[4];
    if (c === undefined) throw new Error("missing case");
    const before = JSON.stringify(c.module);
    expect(printPython(c.module)).toBe(printPython(c.module));
    expect(JSON.stringify(c.module)).toBe(before);
  });

  it("printExpression lays out a long expression like an expression statement", () => {
    const call = py.call(
      py.dotted("shopify.add_order_tags"),
      [],
      [
        py.keyword("order_id", py.dotted("order.id")),
        py.keyword(
          "tags",
          py.list([
            py.str("a very long tag name number one"),
            py.str("and a second, longer tag"),
          ]),
        ),
      ],
    );
    expect(printExpression(call)).toBe(
      'shopify.add_order_tags(\n    order_id=order.id,\n    tags=["a very long tag name number one", "and a second, longer tag"],\n)',
    );
  });
});

/** Our AST and CPython's, compared by value: number lexemes may differ (`1.` prints `1.0`). */
function comparable(node: unknown): unknown {
  return normalizeAst(
    JSON.parse(
      JSON.stringify(node, (key: string, value: unknown) =>
        key === "raw" ? undefined : value,
      ),
    ),
  );
}

describe("decorators", () => {
  const def = (decorator: Expr): string =>
    printPython(py.module([py.def("f", [], [py.pass()], [decorator])])).split(
      "\n",
    )[0] ?? "";
  // black drops the space after `@` only when the first token is at most one node deep.
  it.each([
    [py.compare(py.dotted("x.y"), "Eq", py.name("z")), "@ x.y == z"],
    [py.unary("Not", py.name("x")), "@not x"],
    [py.boolOp("Or", [py.name("a"), py.name("b")]), "@a or b"],
    [py.unary("USub", py.name("x")), "@-x"],
    [py.list([py.name("a")]), "@[a]"],
    [py.attr(py.list([py.name("a")]), "b"), "@ [a].b"],
    [
      py.call(py.attr(py.boolOp("Or", [py.name("a"), py.name("b")]), "c")),
      "@ (a or b).c()",
    ],
    [
      py.call(py.dotted("shopify.trigger"), [
        py.dotted("shopify.admin.order_created"),
      ]),
      "@shopify.trigger(shopify.admin.order_created)",
    ],
  ] as const)("%#: %s", (decorator, text) => {
    expect(def(decorator)).toBe(text);
  });
});
