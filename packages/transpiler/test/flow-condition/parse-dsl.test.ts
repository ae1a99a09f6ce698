import { describe, expect, it } from "vitest";
import type { Diagnostic, Result } from "../../src/diagnostics/diagnostic.js";
import {
  BINARY_OPS,
  UNARY_OPS,
  type Condition,
  type LiteralOperand,
  type PathOperand,
} from "../../src/dialects/flow/condition/condition-ast.js";
import { parseConditionDsl } from "../../src/dialects/flow/condition/parse-dsl.js";
import { printConditionDsl } from "../../src/dialects/flow/condition/print-dsl.js";

const path = (p: string): PathOperand => ({ kind: "Path", path: p });
const str = (text: string): LiteralOperand => ({
  kind: "Literal",
  type: "string",
  text,
});
const num = (text: string): LiteralOperand => ({
  kind: "Literal",
  type: "number",
  text,
});
const bool = (text: "true" | "false"): LiteralOperand => ({
  kind: "Literal",
  type: "boolean",
  text,
});
const nil = (p: string): Condition => ({
  kind: "Unary",
  operand: path(p),
  op: "nil?",
});

function parsed(text: string): Condition {
  const r = parseConditionDsl(text);
  if (!r.ok)
    throw new Error(
      `expected ${JSON.stringify(text)} to parse: ${JSON.stringify(r.diagnostics)}`,
    );
  expect(r.diagnostics).toEqual([]);
  return r.value;
}

function printed(r: Result<string>): string {
  if (!r.ok) throw new Error(`print failed: ${JSON.stringify(r.diagnostics)}`);
  return r.value;
}

function where(d: Diagnostic | undefined): string {
  const s = d?.span;
  return s
    ? `${s.start.line}:${s.start.column}-${s.end.line}:${s.end.column}`
    : "no span";
}

describe("parseConditionDsl: operators", () => {
  it.each(BINARY_OPS)("binary %s", (op) => {
    const text = `(order.customer.note ${op} 'x')`;
    expect(parsed(text)).toEqual({
      kind: "Comparison",
      lhs: path("order.customer.note"),
      op,
      rhs: str("x"),
    });
    expect(printed(printConditionDsl(parsed(text)))).toBe(text);
  });

  it.each(UNARY_OPS)("unary %s", (op) => {
    const text = `(order.note ${op})`;
    expect(parsed(text)).toEqual({
      kind: "Unary",
      operand: path("order.note"),
      op,
    });
    expect(printed(printConditionDsl(parsed(text)))).toBe(text);
  });

  it.each(["any", "all", "none"] as const)("quantifier %s?", (quantifier) => {
    const text = `(order.tags ${quantifier}? |tags_item| (tags_item == 'vip'))`;
    expect(parsed(text)).toEqual({
      kind: "Quantified",
      path: "order.tags",
      quantifier,
      binder: "tags_item",
      body: {
        kind: "Comparison",
        lhs: path("tags_item"),
        op: "==",
        rhs: str("vip"),
      },
    });
    expect(printed(printConditionDsl(parsed(text)))).toBe(text);
  });

  it.each([
    ["(a.b == 'paid')", str("paid")],
    ["(a.b == '')", str("")],
    ["(a.b == '2025-06-05T04:00:00.000Z')", str("2025-06-05T04:00:00.000Z")],
    ["(a.b == 'it is \"x\" && y || (z)')", str('it is "x" && y || (z)')],
    ["(a.b == 42)", num("42")],
    ["(a.b == 10.00)", num("10.00")],
    ["(a.b == -3)", num("-3")],
    ["(a.b == -0.5)", num("-0.5")],
    ["(a.b == true)", bool("true")],
    ["(a.b == false)", bool("false")],
    ["(a.b == trueValue)", path("trueValue")],
    ["(a.b == customer.lastOrderDate)", path("customer.lastOrderDate")],
  ] as const)("literal %s", (text, rhs) => {
    expect(parsed(text)).toEqual({
      kind: "Comparison",
      lhs: path("a.b"),
      op: "==",
      rhs,
    });
    expect(printed(printConditionDsl(parsed(text)))).toBe(text);
  });

  it("accepts a literal on the left", () => {
    expect(parsed("('x' == a)")).toEqual({
      kind: "Comparison",
      lhs: str("x"),
      op: "==",
      rhs: path("a"),
    });
  });

  it("lexes names that start like operators as names", () => {
    expect(parsed("(in.nil.any_x.include nil?)")).toEqual(
      nil("in.nil.any_x.include"),
    );
    expect(
      parsed("(none all? |all_item| (all_item.in in? '1,2'))"),
    ).toMatchObject({ path: "none", quantifier: "all" });
  });
});

describe("parseConditionDsl: SPEC §b.2 examples print back identically", () => {
  it.each([
    "(order.currentSubtotalLineItemsQuantity >= 3)",
    "(order.email end_with? '@example.org')",
    "(order.displayFinancialStatus in? 'PAID,PARTIALLY_PAID')",
    "(order.note empty_or_nil?)",
    "(order.cancelledAt nil?)",
    "((order.tags any? |tags_item| (tags_item == 'wholesale')) && (order.customer.numberOfOrders > 1))",
    "(order.lineItems any? |lineItems_item| ((lineItems_item.sku start_with? 'GIFT-') && (lineItems_item.quantity > 1)))",
    "(draftOrder.lineItems none? |lineItems_item| (lineItems_item.product.tags any? |tags_item| (tags_item == 'fragile')))",
    "(order.createdAt > customer.lastOrderDate)",
    "(list any? |x| ((x.p == 'q') && (x.r > 1)))",
    "((a nil?) && ((b nil?) || (c nil?)))",
  ])("%s", (text) => {
    expect(printed(printConditionDsl(parsed(text)))).toBe(text);
  });

  it("gives the expected structure for a nested quantifier", () => {
    expect(
      parsed(
        "(order.lineItems any? |lineItems_item| ((lineItems_item.sku start_with? 'GIFT-') && (lineItems_item.quantity > 1)))",
      ),
    ).toEqual({
      kind: "Quantified",
      path: "order.lineItems",
      quantifier: "any",
      binder: "lineItems_item",
      body: {
        kind: "Logical",
        op: "AND",
        operands: [
          {
            kind: "Comparison",
            lhs: path("lineItems_item.sku"),
            op: "start_with?",
            rhs: str("GIFT-"),
          },
          {
            kind: "Comparison",
            lhs: path("lineItems_item.quantity"),
            op: ">",
            rhs: num("1"),
          },
        ],
      },
    });
  });
});

describe("parseConditionDsl: tolerance and normal form", () => {
  const abc: Condition = {
    kind: "Logical",
    op: "AND",
    operands: [nil("a"), nil("b"), nil("c")],
  };

  it.each([
    ["((a nil?) && (b nil?) && (c nil?))", abc],
    ["(((a nil?) && (b nil?)) && (c nil?))", abc],
    ["((a nil?) && ((b nil?) && ((c nil?))))", abc],
    ["(a nil?) && (b nil?) && (c nil?)", abc],
    ["a nil? && b nil? && c nil?", abc],
    ["  (\n\t(a   nil?)&&(b nil?)\r\n&&   ( c nil? ) )  ", abc],
    ["(((a nil?)))", nil("a")],
    ["a nil?", nil("a")],
    ["(a . b nil?)", nil("a.b")],
    [
      "((a nil?) || ((b nil?) && (c nil?)))",
      {
        kind: "Logical",
        op: "OR",
        operands: [
          nil("a"),
          { kind: "Logical", op: "AND", operands: [nil("b"), nil("c")] },
        ],
      },
    ],
  ] as const)("%j", (text, expected) => {
    expect(parsed(text)).toEqual(expected);
  });

  it("parses a flat chain of 5000 tests without recursion trouble", () => {
    const text = `(${Array.from({ length: 5000 }, (_, i) => `(p${i} nil?)`).join(" || ")})`;
    const c = parsed(text);
    expect(c.kind === "Logical" && c.operands.length).toBe(5000);
    expect(printed(printConditionDsl(c))).toBe(text);
  });

  it("accepts nesting up to the depth limit", () => {
    expect(parsed(`${"(".repeat(100)}a nil?${")".repeat(100)}`)).toEqual(
      nil("a"),
    );
  });
});

describe("parseConditionDsl: errors", () => {
  it.each([
    // [input, code, message fragment, span]
    ["", "condition-syntax", "empty condition", "1:1-1:1"],
    ["   \n ", "condition-syntax", "empty condition", "1:1-2:2"],
    [
      "(a nil?) && (b nil?) || (c nil?)",
      "condition-syntax",
      "'||' mixed with '&&'",
      "1:22-1:24",
    ],
    [
      "((a nil?) || (b nil?) && (c nil?))",
      "condition-syntax",
      "'&&' mixed with '||'",
      "1:23-1:25",
    ],
    ["(a == {{ x }})", "condition-liquid", "'{{'", "1:7-1:9"],
    ["(a == '{% if %}')", "condition-liquid", "'{%'", "1:8-1:10"],
    [
      "((a == 1)",
      "condition-syntax",
      "expected ')' but found the end of the condition",
      "1:10-1:10",
    ],
    [
      "(a == 1))",
      "condition-syntax",
      "unexpected ')' after the end",
      "1:9-1:10",
    ],
    [
      "(a == 1) (b == 2)",
      "condition-syntax",
      "unexpected '(' after the end",
      "1:10-1:11",
    ],
    ["(a = 1)", "condition-syntax", "unexpected character '='", "1:4-1:5"],
    ['(a == "x")', "condition-syntax", "unexpected character '\"'", "1:7-1:8"],
    [
      "(a == 'abc)",
      "condition-syntax",
      "unterminated string literal",
      "1:7-1:12",
    ],
    ["(a foo 1)", "condition-syntax", "but found 'foo'", "1:4-1:7"],
    ["(a ==)", "condition-syntax", "but found ')'", "1:6-1:7"],
    ["(a.b.)", "condition-syntax", "expected a name but found ')'", "1:6-1:7"],
    [
      "(a.true nil?)",
      "condition-syntax",
      "expected a name but found 'true'",
      "1:4-1:8",
    ],
    ["(1 nil?)", "condition-syntax", "but found 'nil?'", "1:4-1:8"],
    [
      "(a any? |x| x == 1)",
      "condition-syntax",
      "expected '(' but found 'x'",
      "1:13-1:14",
    ],
    [
      "(a any? |true| (x nil?))",
      "condition-syntax",
      "expected a name but found 'true'",
      "1:10-1:14",
    ],
    [
      "(order.tags[0] == 'x')",
      "condition-syntax",
      "unexpected character '['",
      "1:12-1:13",
    ],
    ["(a &&)", "condition-syntax", "expected an operator (==", "1:4-1:6"],
    ["((a nil?) &&)", "condition-syntax", "but found ')'", "1:13-1:14"],
    ["(a nil?) &", "condition-syntax", "unexpected character '&'", "1:10-1:11"],
    [
      "(a nil?)\n&& (b\n == 'x\ny') ||\n c nil?",
      "condition-syntax",
      "'||' mixed with '&&'",
      "4:5-4:7",
    ],
  ])("%j → %s %s at %s", (text, code, fragment, span) => {
    const r = parseConditionDsl(text);
    expect(r.ok).toBe(false);
    const d = r.diagnostics[0];
    expect(d?.code).toBe(code);
    expect(d?.severity).toBe("error");
    expect(d?.message).toContain(fragment);
    expect(d?.hint).toMatch(/\S/);
    expect(where(d)).toBe(span);
  });

  it("reports excessive nesting instead of overflowing the stack", () => {
    for (const text of [
      "(".repeat(10_000),
      `${"(".repeat(10_000)}a nil?${")".repeat(10_000)}`,
    ]) {
      const r = parseConditionDsl(text);
      expect(r.ok).toBe(false);
      expect(r.diagnostics[0]?.message).toContain("nested deeper than 100");
      expect(where(r.diagnostics[0])).toBe("1:101-1:102");
    }
  });

  it("reports every distinct lexing error, with spans", () => {
    const r = parseConditionDsl("(a = 1) && (b ~ 2)");
    expect(r.diagnostics.map(where)).toEqual(["1:4-1:5", "1:15-1:16"]);
  });
});
