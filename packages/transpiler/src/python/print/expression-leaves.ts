import { assertNever, InternalError } from "../../diagnostics/errors.js";
import type { CmpOperator, Expr } from "../ast/nodes.js";
import { checkIdentifier } from "./identifiers.js";
import { type Leaf, type LeafInit, makeLeaf } from "./layout/leaf.js";
import { formatNumberLiteral } from "./number-literal.js";
import { needsParens, type ParentSlot } from "./precedence.js";
import { formatStringLiteral } from "./string-literal.js";

/**
 * Collects the leaves of one logical line, once: layout passes work on copies (see
 * `LeafTemplate`). Trailing commas are the exception: black adds them when it explodes a
 * collection, and on its next pass they are "magic" and force the same explosion, so layout
 * is iterated with them in place; `magicCommaSlots` holds the comma each bracket would get.
 */
export interface LeafBuilder {
  readonly leaves: Leaf[];
  /** Indexed by bracket id; a slot is empty when the bracket already ends with a comma. */
  readonly magicCommaSlots: (Leaf | undefined)[];
}

/** The pristine leaves of a logical line, never mutated; layout copies them per pass. */
export interface LeafTemplate {
  readonly leaves: readonly Leaf[];
  readonly magicCommaSlots: readonly (Leaf | undefined)[];
}

export function newLeafBuilder(): LeafBuilder {
  return { leaves: [], magicCommaSlots: [] };
}

export function pushLeaf(b: LeafBuilder, init: LeafInit): void {
  b.leaves.push(makeLeaf(init));
}

export type OpeningType = "LPAR" | "LSQB" | "LBRACE";

export function openBracket(
  b: LeafBuilder,
  type: OpeningType,
  value: string,
  ws: string,
  atomBracket: boolean,
): number {
  const id = b.magicCommaSlots.length;
  b.magicCommaSlots.push(undefined);
  pushLeaf(b, { type, value, ws, atomBracket, bracketId: id });
  return id;
}

/** Closes bracket `id`, noting the trailing comma it gets if a layout pass adds one. */
export function closeBracket(
  b: LeafBuilder,
  id: number,
  type: "RPAR" | "RSQB" | "RBRACE",
  value: string,
  inArglist: boolean,
): void {
  if (b.leaves[b.leaves.length - 1]?.type !== "COMMA") {
    b.magicCommaSlots[id] = makeLeaf({
      type: "COMMA",
      value: ",",
      ws: "",
      inArglist,
    });
  }
  pushLeaf(b, { type, value, ws: "", bracketId: id });
}

/** Appends `expr`, parenthesized when `slot` requires it. `lead` is its first leaf's whitespace. */
export function pushExpr(
  b: LeafBuilder,
  expr: Expr,
  lead: string,
  slot: ParentSlot,
): void {
  if (!needsParens(expr, slot)) {
    pushBare(b, expr, lead);
    return;
  }
  const id = openBracket(b, "LPAR", "(", lead, true);
  pushBare(b, expr, "");
  closeBracket(b, id, "RPAR", ")", false);
}

function pushBare(b: LeafBuilder, expr: Expr, lead: string): void {
  switch (expr.kind) {
    case "Name":
      return pushLeaf(b, {
        type: "NAME",
        value: checkIdentifier(expr.id),
        ws: lead,
      });
    case "Constant":
      return pushLeaf(
        b,
        constantLeaf(expr.value, "raw" in expr ? expr.raw : undefined, lead),
      );
    case "Attribute":
      pushExpr(b, expr.value, lead, { parent: expr, field: "value" });
      pushLeaf(b, { type: "DOT", value: ".", ws: "" });
      return pushLeaf(b, {
        type: "NAME",
        value: checkIdentifier(expr.attr),
        ws: "",
      });
    case "Call":
      return pushCall(b, expr, lead);
    case "BoolOp": {
      if (expr.values.length < 2)
        throw new InternalError("BoolOp needs at least two values");
      const op = expr.op === "And" ? "and" : "or";
      expr.values.forEach((value, i) => {
        if (i > 0)
          pushLeaf(b, { type: "NAME", value: op, ws: " ", role: "logic" });
        pushExpr(b, value, i === 0 ? lead : " ", {
          parent: expr,
          field: "values",
        });
      });
      return;
    }
    case "UnaryOp":
      if (expr.op === "Not") {
        pushLeaf(b, { type: "NAME", value: "not", ws: lead });
        return pushExpr(b, expr.operand, " ", {
          parent: expr,
          field: "operand",
        });
      }
      pushLeaf(b, { type: "MINUS", value: "-", ws: lead });
      return pushExpr(b, expr.operand, "", { parent: expr, field: "operand" });
    case "Compare":
      if (
        expr.ops.length === 0 ||
        expr.ops.length !== expr.comparators.length
      ) {
        throw new InternalError(
          "Compare needs as many comparators as operators (at least one)",
        );
      }
      pushExpr(b, expr.left, lead, { parent: expr, field: "left" });
      expr.ops.forEach((op, i) => {
        pushCompareOperator(b, op);
        pushExpr(b, expr.comparators[i] as Expr, " ", {
          parent: expr,
          field: "comparators",
        });
      });
      return;
    case "List": {
      const id = openBracket(b, "LSQB", "[", lead, true);
      pushSequence(b, expr.elts, expr);
      return closeBracket(b, id, "RSQB", "]", false);
    }
    case "Tuple":
      // Parentheses come from `needsParens`, which always asks for them around a tuple.
      pushSequence(b, expr.elts, expr);
      if (expr.elts.length === 1)
        pushLeaf(b, { type: "COMMA", value: ",", ws: "" });
      return;
    case "Dict": {
      if (expr.keys.length !== expr.values.length)
        throw new InternalError("Dict keys and values differ in length");
      const id = openBracket(b, "LBRACE", "{", lead, true);
      expr.keys.forEach((key, i) => {
        if (i > 0) pushLeaf(b, { type: "COMMA", value: ",", ws: "" });
        pushExpr(b, key, i === 0 ? "" : " ", { parent: expr, field: "keys" });
        pushLeaf(b, { type: "COLON", value: ":", ws: "" });
        pushExpr(b, expr.values[i] as Expr, " ", {
          parent: expr,
          field: "values",
        });
      });
      return closeBracket(b, id, "RBRACE", "}", false);
    }
    case "GeneratorExp":
      return pushGenerator(b, expr, lead);
    default:
      return assertNever(expr, "expression kind");
  }
}

function constantLeaf(
  value: string | number | boolean | null,
  raw: string | undefined,
  ws: string,
): LeafInit {
  if (typeof value === "string")
    return { type: "STRING", value: formatStringLiteral(value), ws };
  if (typeof value === "number") {
    if (raw === undefined)
      throw new InternalError("number constant without its lexeme");
    return { type: "NUMBER", value: formatNumberLiteral(raw), ws };
  }
  return {
    type: "NAME",
    value: value === null ? "None" : value ? "True" : "False",
    ws,
  };
}

function pushCall(
  b: LeafBuilder,
  call: Extract<Expr, { kind: "Call" }>,
  lead: string,
): void {
  pushExpr(b, call.func, lead, { parent: call, field: "func" });
  const id = openBracket(b, "LPAR", "(", "", false);
  const soleArgument = call.args.length === 1 && call.keywords.length === 0;
  let first = true;
  for (const arg of call.args) {
    if (!first)
      pushLeaf(b, { type: "COMMA", value: ",", ws: "", inArglist: true });
    pushExpr(b, arg, first ? "" : " ", {
      parent: call,
      field: "args",
      soleArgument,
    });
    first = false;
  }
  for (const keyword of call.keywords) {
    if (!first)
      pushLeaf(b, { type: "COMMA", value: ",", ws: "", inArglist: true });
    pushLeaf(b, {
      type: "NAME",
      value: checkIdentifier(keyword.arg),
      ws: first ? "" : " ",
    });
    pushLeaf(b, { type: "EQUAL", value: "=", ws: "" });
    pushExpr(b, keyword.value, "", { parent: call, field: "keywords" });
    first = false;
  }
  closeBracket(b, id, "RPAR", ")", true);
}

function pushSequence(
  b: LeafBuilder,
  elts: readonly Expr[],
  parent: Expr,
): void {
  elts.forEach((elt, i) => {
    if (i > 0) pushLeaf(b, { type: "COMMA", value: ",", ws: "" });
    pushExpr(b, elt, i === 0 ? "" : " ", { parent, field: "elts" });
  });
}

function pushGenerator(
  b: LeafBuilder,
  expr: Extract<Expr, { kind: "GeneratorExp" }>,
  lead: string,
): void {
  if (expr.generators.length === 0)
    throw new InternalError("GeneratorExp needs a generator");
  pushExpr(b, expr.elt, lead, { parent: expr, field: "elt" });
  for (const generator of expr.generators) {
    pushLeaf(b, { type: "NAME", value: "for", ws: " ", role: "compFor" });
    pushLeaf(b, {
      type: "NAME",
      value: checkIdentifier(generator.target.id),
      ws: " ",
    });
    pushLeaf(b, { type: "NAME", value: "in", ws: " " });
    pushExpr(b, generator.iter, " ", { parent: expr, field: "iter" });
    for (const condition of generator.ifs) {
      pushLeaf(b, { type: "NAME", value: "if", ws: " ", role: "compIf" });
      pushExpr(b, condition, " ", { parent: expr, field: "ifs" });
    }
  }
}

const COMPARATOR_TEXT = {
  Eq: "==",
  NotEq: "!=",
  Lt: "<",
  LtE: "<=",
  Gt: ">",
  GtE: ">=",
} as const;

function pushCompareOperator(b: LeafBuilder, op: CmpOperator): void {
  switch (op) {
    case "Eq":
    case "NotEq":
    case "Lt":
    case "LtE":
    case "Gt":
    case "GtE":
      return pushLeaf(b, {
        type: "COMPARATOR",
        value: COMPARATOR_TEXT[op],
        ws: " ",
      });
    case "In":
      return pushLeaf(b, {
        type: "NAME",
        value: "in",
        ws: " ",
        role: "compareIn",
      });
    case "NotIn":
      pushLeaf(b, { type: "NAME", value: "not", ws: " ", role: "compareNot" });
      return pushLeaf(b, {
        type: "NAME",
        value: "in",
        ws: " ",
        role: "compareIn",
      });
    case "Is":
      return pushLeaf(b, { type: "NAME", value: "is", ws: " " });
    case "IsNot":
      pushLeaf(b, { type: "NAME", value: "is", ws: " " });
      return pushLeaf(b, {
        type: "NAME",
        value: "not",
        ws: " ",
        role: "compareNot",
      });
    default:
      return assertNever(op, "comparison operator");
  }
}
