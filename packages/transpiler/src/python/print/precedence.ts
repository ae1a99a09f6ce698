import { assertNever } from "../../diagnostics/errors.js";
import type { Expr } from "../ast/nodes.js";

/**
 * Python operator precedence, loosest first (the Language Reference's §6.17 table).
 * Only some levels occur in our AST; the rest are kept so the table reads like Python's.
 */
export const Precedence = {
  Lambda: 1,
  IfElse: 2,
  Or: 3,
  And: 4,
  Not: 5,
  Compare: 6,
  BitOr: 7,
  BitXor: 8,
  BitAnd: 9,
  Shift: 10,
  Arith: 11,
  Term: 12,
  Unary: 13,
  Power: 14,
  Await: 15,
  Primary: 16,
  Atom: 17,
} as const;

export function precedenceOf(expr: Expr): number {
  switch (expr.kind) {
    case "BoolOp":
      return expr.op === "Or" ? Precedence.Or : Precedence.And;
    case "UnaryOp":
      return expr.op === "Not" ? Precedence.Not : Precedence.Unary;
    case "Compare":
      return Precedence.Compare;
    case "Call":
    case "Attribute":
      return Precedence.Primary;
    case "Name":
    case "Constant":
    case "List":
    case "Tuple":
    case "Dict":
    case "GeneratorExp":
      return Precedence.Atom;
    default:
      return assertNever(expr, "expression kind");
  }
}

/** Where an expression sits: its parent node and the parent's field holding it. */
export type ParentSlot =
  | { readonly parent: "statement" }
  | {
      readonly parent: Expr;
      readonly field:
        "values" | "operand" | "left" | "comparators" | "func" | "value";
    }
  | {
      readonly parent: Expr;
      readonly field: "args";
      readonly soleArgument: boolean;
    }
  | {
      readonly parent: Expr;
      readonly field: "elts" | "keys" | "keywords" | "elt" | "iter" | "ifs";
    };

/**
 * Does `child` need parentheses in `slot`? The AST stores none, so every parenthesis the
 * printer writes comes from here. Tuples always get theirs (our printer never writes a bare
 * tuple); a generator expression gets them unless it is a call's only argument.
 */
export function needsParens(child: Expr, slot: ParentSlot): boolean {
  return slot.parent === "statement"
    ? needsParensIn(child, undefined, "value", false)
    : needsParensIn(
        child,
        slot.parent,
        slot.field,
        "soleArgument" in slot && slot.soleArgument,
      );
}

/** A slot's field name; `SlotField` of a `ParentSlot` that is not a statement. */
export type SlotField = Exclude<ParentSlot, { parent: "statement" }>["field"];

/**
 * `needsParens` with the slot spread over arguments (`parent` undefined for a statement),
 * so the leaf builder allocates no slot object per subexpression.
 */
export function needsParensIn(
  child: Expr,
  parent: Expr | undefined,
  field: SlotField,
  soleArgument: boolean,
): boolean {
  if (child.kind === "Tuple") return true;
  if (child.kind === "GeneratorExp") return !soleArgument;
  if (parent === undefined) return false;
  const prec = precedenceOf(child);
  switch (parent.kind) {
    case "BoolOp":
      // Same-operator nesting too: `a or b or c` would parse back as one flat BoolOp.
      return prec <= precedenceOf(parent);
    case "UnaryOp":
      // `not not x` and `--x` parse back as nested unary operators, so equal is fine.
      return prec < precedenceOf(parent);
    case "Compare":
      // Comparisons chain (`a < b < c` is one Compare), so a nested one needs parens.
      return prec <= Precedence.Compare;
    case "Call":
    case "Attribute":
      if (field !== "func" && field !== "value") return false;
      // `1.real` / `1(x)` do not tokenize as intended; parenthesize numbers too.
      return prec < Precedence.Primary || isNumber(child);
    case "GeneratorExp":
      // `for x in <or_test> if <or_test>`: everything in our AST is at least an or_test.
      return prec < Precedence.Or;
    case "Name":
    case "Constant":
    case "List":
    case "Tuple":
    case "Dict":
      return false;
    default:
      return assertNever(parent, "expression kind");
  }
}

function isNumber(expr: Expr): boolean {
  return expr.kind === "Constant" && typeof expr.value === "number";
}
