import { describe, expect, it } from "vitest";
import {
  conditionEquals,
  isBinaryOp,
  isUnaryOp,
  makeLogical,
  normalizeCondition,
  type Condition,
} from "../../src/dialects/flow/condition/condition-ast.js";

const t = (p: string): Condition => ({
  kind: "Unary",
  operand: { kind: "Path", path: p },
  op: "nil?",
});
const and = (...operands: Condition[]): Condition => ({
  kind: "Logical",
  op: "AND",
  operands,
});
const or = (...operands: Condition[]): Condition => ({
  kind: "Logical",
  op: "OR",
  operands,
});

describe("normalizeCondition", () => {
  it.each<[string, Condition, Condition]>([
    ["unwraps a single-operand root", and(t("a")), t("a")],
    ["unwraps nested single-operand groups", or(and(or(t("a")))), t("a")],
    [
      "flattens left-nested chains",
      and(and(and(t("a"), t("b")), t("c")), t("d")),
      and(t("a"), t("b"), t("c"), t("d")),
    ],
    [
      "flattens right-nested chains",
      and(t("a"), and(t("b"), and(t("c")))),
      and(t("a"), t("b"), t("c")),
    ],
    [
      "splices a group that unwraps to the same operator",
      and(t("a"), or(and(t("b"), t("c")))),
      and(t("a"), t("b"), t("c")),
    ],
    [
      "keeps mixed operators nested",
      and(t("a"), or(t("b"), t("c"))),
      and(t("a"), or(t("b"), t("c"))),
    ],
    [
      "normalises quantifier bodies",
      {
        kind: "Quantified",
        path: "l",
        quantifier: "all",
        binder: "x",
        body: and(and(t("x"))),
      },
      {
        kind: "Quantified",
        path: "l",
        quantifier: "all",
        binder: "x",
        body: t("x"),
      },
    ],
  ])("%s", (_, input, expected) => {
    expect(normalizeCondition(input)).toEqual(expected);
    expect(normalizeCondition(expected)).toBe(expected);
  });

  it("returns normal-form input as is (no allocation)", () => {
    const c = and(t("a"), or(t("b"), t("c")), {
      kind: "Quantified",
      path: "l",
      quantifier: "any",
      binder: "x",
      body: t("x"),
    });
    expect(normalizeCondition(c)).toBe(c);
  });

  it("flattens a 100k-deep same-operator chain without recursion", () => {
    let c: Condition = t("p0");
    for (let i = 1; i < 100_000; i++) c = and(c, t(`p${i}`));
    const n = normalizeCondition(c);
    expect(n.kind === "Logical" && n.operands.length).toBe(100_000);
  });
});

describe("conditionEquals", () => {
  it("compares normal forms", () => {
    expect(
      conditionEquals(
        and(and(t("a"), t("b")), t("c")),
        and(t("a"), and(t("b"), t("c"))),
      ),
    ).toBe(true);
    expect(conditionEquals(and(t("a")), or(t("a")))).toBe(true);
  });

  it.each<[string, Condition, Condition]>([
    ["operator", and(t("a"), t("b")), or(t("a"), t("b"))],
    ["operand order", and(t("a"), t("b")), and(t("b"), t("a"))],
    [
      "grouping across operators",
      and(t("a"), or(t("b"), t("c"))),
      or(and(t("a"), t("b")), t("c")),
    ],
    [
      "unary operator",
      t("a"),
      { kind: "Unary", operand: { kind: "Path", path: "a" }, op: "not_nil?" },
    ],
    [
      "literal type",
      {
        kind: "Comparison",
        lhs: { kind: "Path", path: "a" },
        op: "==",
        rhs: { kind: "Literal", type: "string", text: "1" },
      },
      {
        kind: "Comparison",
        lhs: { kind: "Path", path: "a" },
        op: "==",
        rhs: { kind: "Literal", type: "number", text: "1" },
      },
    ],
    [
      "number lexeme",
      {
        kind: "Comparison",
        lhs: { kind: "Path", path: "a" },
        op: "==",
        rhs: { kind: "Literal", type: "number", text: "1.0" },
      },
      {
        kind: "Comparison",
        lhs: { kind: "Path", path: "a" },
        op: "==",
        rhs: { kind: "Literal", type: "number", text: "1" },
      },
    ],
    [
      "path vs literal",
      {
        kind: "Comparison",
        lhs: { kind: "Path", path: "a" },
        op: "==",
        rhs: { kind: "Path", path: "b" },
      },
      {
        kind: "Comparison",
        lhs: { kind: "Path", path: "a" },
        op: "==",
        rhs: { kind: "Literal", type: "string", text: "b" },
      },
    ],
    [
      "binder",
      {
        kind: "Quantified",
        path: "l",
        quantifier: "any",
        binder: "x",
        body: t("x"),
      },
      {
        kind: "Quantified",
        path: "l",
        quantifier: "any",
        binder: "y",
        body: t("x"),
      },
    ],
    [
      "quantifier",
      {
        kind: "Quantified",
        path: "l",
        quantifier: "any",
        binder: "x",
        body: t("x"),
      },
      {
        kind: "Quantified",
        path: "l",
        quantifier: "none",
        binder: "x",
        body: t("x"),
      },
    ],
  ])("distinguishes %s", (_, a, b) => {
    expect(conditionEquals(a, b)).toBe(false);
    expect(conditionEquals(b, a)).toBe(false);
  });
});

describe("operator guards and makeLogical", () => {
  it("recognises exactly the DSL operators", () => {
    expect(["==", "in?", "not_end_with?"].every(isBinaryOp)).toBe(true);
    expect(["=", "in", "nil?", "any?"].some(isBinaryOp)).toBe(false);
    expect(["nil?", "not_empty_and_not_nil?"].every(isUnaryOp)).toBe(true);
    expect(isUnaryOp("==")).toBe(false);
  });

  it("splices same-operator operands and unwraps one", () => {
    expect(makeLogical("OR", [t("a")])).toEqual(t("a"));
    expect(makeLogical("OR", [or(t("a"), t("b")), t("c")])).toEqual(
      or(t("a"), t("b"), t("c")),
    );
  });
});
