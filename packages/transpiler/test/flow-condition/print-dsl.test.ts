import { describe, expect, it } from "vitest";
import type {
  Condition,
  LiteralOperand,
  Operand,
} from "../../src/dialects/flow/condition/condition-ast.js";
import { printConditionDsl } from "../../src/dialects/flow/condition/print-dsl.js";

const nil = (p: string): Condition => ({
  kind: "Unary",
  operand: { kind: "Path", path: p },
  op: "nil?",
});
const eq = (p: string, rhs: Operand): Condition => ({
  kind: "Comparison",
  lhs: { kind: "Path", path: p },
  op: "==",
  rhs,
});
const str = (text: string): LiteralOperand => ({
  kind: "Literal",
  type: "string",
  text,
});

describe("printConditionDsl: canonical form", () => {
  it.each<[string, Condition, string]>([
    ["a single test is wrapped", nil("a"), "(a nil?)"],
    [
      "a single-operand group is unwrapped",
      { kind: "Logical", op: "OR", operands: [nil("a")] },
      "(a nil?)",
    ],
    [
      "same-operator groups are flattened",
      {
        kind: "Logical",
        op: "AND",
        operands: [
          { kind: "Logical", op: "AND", operands: [nil("a"), nil("b")] },
          { kind: "Logical", op: "OR", operands: [nil("c")] },
        ],
      },
      "((a nil?) && (b nil?) && (c nil?))",
    ],
    [
      "mixed operators keep their own parentheses",
      {
        kind: "Logical",
        op: "OR",
        operands: [
          nil("a"),
          { kind: "Logical", op: "AND", operands: [nil("b"), nil("c")] },
        ],
      },
      "((a nil?) || ((b nil?) && (c nil?)))",
    ],
    [
      "a quantifier body is a group",
      {
        kind: "Quantified",
        path: "order.tags",
        quantifier: "none",
        binder: "tags_item",
        body: eq("tags_item", str("x")),
      },
      "(order.tags none? |tags_item| (tags_item == 'x'))",
    ],
    [
      "strings keep spaces, newlines and double quotes",
      eq("a", str(' x\n"y" ')),
      "(a == ' x\n\"y\" ')",
    ],
    [
      "numbers are verbatim",
      eq("a", { kind: "Literal", type: "number", text: "-010.00" }),
      "(a == -010.00)",
    ],
  ])("%s", (_, c, text) => {
    expect(printConditionDsl(c)).toEqual({
      ok: true,
      value: text,
      diagnostics: [],
    });
  });
});

describe("printConditionDsl: values the DSL cannot spell", () => {
  it.each<[string, Condition, string, string]>([
    [
      "a quote in a string",
      eq("a", str("it's")),
      "condition-syntax",
      "contains '",
    ],
    ["Liquid in a string", eq("a", str("{{ x }}")), "condition-liquid", "'{{'"],
    [
      "a malformed path",
      eq("a..b", str("x")),
      "condition-syntax",
      'invalid path "a..b"',
    ],
    [
      "a reserved path segment",
      nil("order.true"),
      "condition-syntax",
      'invalid path "order.true"',
    ],
    [
      "a malformed number",
      eq("a", { kind: "Literal", type: "number", text: "1e5" }),
      "condition-syntax",
      "invalid number",
    ],
    [
      "a malformed boolean",
      eq("a", { kind: "Literal", type: "boolean", text: "TRUE" }),
      "condition-syntax",
      "invalid boolean",
    ],
    [
      "a malformed binder",
      {
        kind: "Quantified",
        path: "a",
        quantifier: "any",
        binder: "x y",
        body: nil("x"),
      },
      "condition-syntax",
      'invalid binder "x y"',
    ],
    [
      "an empty group",
      { kind: "Logical", op: "AND", operands: [] },
      "condition-syntax",
      "without operands",
    ],
  ])("%s", (_, c, code, fragment) => {
    const r = printConditionDsl(c);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.code).toBe(code);
    expect(r.diagnostics[0]?.message).toContain(fragment);
    expect(r.diagnostics[0]?.hint).toMatch(/\S/);
  });

  it("refuses nesting the parser would reject, without overflowing the stack", () => {
    let c: Condition = nil("x");
    for (let i = 0; i < 20_000; i++)
      c = {
        kind: "Quantified",
        path: "a",
        quantifier: "any",
        binder: "x",
        body: c,
      };
    const r = printConditionDsl(c);
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]?.message).toContain("deeper than 100");
  });
});
