import { assertNever, InternalError } from "../../diagnostics/errors.js";
import type {
  Call,
  CmpOperator,
  Constant,
  Expr,
  GeneratorExp,
  Keyword,
} from "../ast/nodes.js";
import { checkIdentifier } from "./identifiers.js";
import {
  codePointLength,
  type Leaf,
  type LeafInit,
  type LeafRole,
  type LeafType,
  makeLeaf,
  newLeaf,
} from "./layout/leaf.js";
import { formatNumberLiteral } from "./number-literal.js";
import { needsParensIn, type SlotField } from "./precedence.js";
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

/** A keyword or punctuation token: ASCII, so its width is its length. */
export function pushToken(
  b: LeafBuilder,
  type: LeafType,
  value: string,
  ws: string,
  role: LeafRole = "plain",
): void {
  b.leaves.push(newLeaf(type, value, value.length, ws, role, false, false, -1));
}

/** A NAME leaf for an identifier from the AST (checked: a bad name is a broken invariant). */
export function pushName(b: LeafBuilder, name: string, ws: string): void {
  const value = checkIdentifier(name);
  b.leaves.push(
    newLeaf(
      "NAME",
      value,
      codePointLength(value),
      ws,
      "plain",
      false,
      false,
      -1,
    ),
  );
}

export function pushComma(b: LeafBuilder, inArglist: boolean): void {
  b.leaves.push(newLeaf("COMMA", ",", 1, "", "plain", false, inArglist, -1));
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
  b.leaves.push(
    newLeaf(type, value, value.length, ws, "plain", atomBracket, false, id),
  );
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
    b.magicCommaSlots[id] = newLeaf(
      "COMMA",
      ",",
      1,
      "",
      "plain",
      false,
      inArglist,
      -1,
    );
  }
  b.leaves.push(
    newLeaf(type, value, value.length, "", "plain", false, false, id),
  );
}

/**
 * Appends `expr`, parenthesized when its slot requires it (`parent` undefined: a statement;
 * see `needsParensIn`). `lead` is its first leaf's whitespace. The slot travels as arguments
 * rather than an object: this runs once per subexpression.
 */
export function pushExpr(
  b: LeafBuilder,
  expr: Expr,
  lead: string,
  parent: Expr | undefined,
  field: SlotField,
  soleArgument = false,
): void {
  if (!needsParensIn(expr, parent, field, soleArgument)) {
    pushBare(b, expr, lead);
    return;
  }
  const id = openBracket(b, "LPAR", "(", lead, true);
  pushBare(b, expr, "");
  closeBracket(b, id, "RPAR", ")", false);
}

// Loops rather than `forEach` callbacks below: no closure per node.
function pushBare(b: LeafBuilder, expr: Expr, lead: string): void {
  switch (expr.kind) {
    case "Name":
      return pushName(b, expr.id, lead);
    case "Constant":
      return pushConstant(b, expr, lead);
    case "Attribute":
      pushExpr(b, expr.value, lead, expr, "value");
      pushToken(b, "DOT", ".", "");
      return pushName(b, expr.attr, "");
    case "Call":
      return pushCall(b, expr, lead);
    case "BoolOp": {
      if (expr.values.length < 2)
        throw new InternalError("BoolOp needs at least two values");
      const op = expr.op === "And" ? "and" : "or";
      const values = expr.values;
      for (let i = 0; i < values.length; i++) {
        if (i > 0) pushToken(b, "NAME", op, " ", "logic");
        pushExpr(b, values[i] as Expr, i === 0 ? lead : " ", expr, "values");
      }
      return;
    }
    case "UnaryOp":
      if (expr.op === "Not") {
        pushToken(b, "NAME", "not", lead);
        return pushExpr(b, expr.operand, " ", expr, "operand");
      }
      pushToken(b, "MINUS", "-", lead);
      return pushExpr(b, expr.operand, "", expr, "operand");
    case "Compare": {
      const ops = expr.ops;
      if (ops.length === 0 || ops.length !== expr.comparators.length) {
        throw new InternalError(
          "Compare needs as many comparators as operators (at least one)",
        );
      }
      pushExpr(b, expr.left, lead, expr, "left");
      for (let i = 0; i < ops.length; i++) {
        pushCompareOperator(b, ops[i] as CmpOperator);
        pushExpr(b, expr.comparators[i] as Expr, " ", expr, "comparators");
      }
      return;
    }
    case "List": {
      const id = openBracket(b, "LSQB", "[", lead, true);
      pushSequence(b, expr.elts, expr);
      return closeBracket(b, id, "RSQB", "]", false);
    }
    case "Tuple":
      // Parentheses come from `needsParens`, which always asks for them around a tuple.
      pushSequence(b, expr.elts, expr);
      if (expr.elts.length === 1) pushComma(b, false);
      return;
    case "Dict": {
      const keys = expr.keys;
      if (keys.length !== expr.values.length)
        throw new InternalError("Dict keys and values differ in length");
      const id = openBracket(b, "LBRACE", "{", lead, true);
      for (let i = 0; i < keys.length; i++) {
        if (i > 0) pushComma(b, false);
        pushExpr(b, keys[i] as Expr, i === 0 ? "" : " ", expr, "keys");
        pushToken(b, "COLON", ":", "");
        pushExpr(b, expr.values[i] as Expr, " ", expr, "values");
      }
      return closeBracket(b, id, "RBRACE", "}", false);
    }
    case "GeneratorExp":
      return pushGenerator(b, expr, lead);
    default:
      return assertNever(expr, "expression kind");
  }
}

function pushConstant(b: LeafBuilder, expr: Constant, ws: string): void {
  const value = expr.value;
  if (typeof value === "string") {
    const literal = formatStringLiteral(value);
    // Every escape makes a literal longer than the character it stands for, so a
    // single-line literal just two quotes longer than its value has none: its width is the
    // value's plus two (and the value is usually flat, the literal a concatenation that a
    // scan would have to flatten first).
    const width =
      literal.length === value.length + 2
        ? codePointLength(value) + 2
        : codePointLength(literal);
    b.leaves.push(
      newLeaf("STRING", literal, width, ws, "plain", false, false, -1),
    );
    return;
  }
  if (typeof value === "number") {
    if (!("raw" in expr))
      throw new InternalError("number constant without its lexeme");
    const text = formatNumberLiteral(expr.raw);
    b.leaves.push(
      newLeaf("NUMBER", text, text.length, ws, "plain", false, false, -1),
    );
    return;
  }
  pushToken(b, "NAME", value === null ? "None" : value ? "True" : "False", ws);
}

function pushCall(b: LeafBuilder, call: Call, lead: string): void {
  pushExpr(b, call.func, lead, call, "func");
  const id = openBracket(b, "LPAR", "(", "", false);
  const args = call.args;
  const keywords = call.keywords;
  const soleArgument = args.length === 1 && keywords.length === 0;
  for (let i = 0; i < args.length; i++) {
    if (i > 0) pushComma(b, true);
    pushExpr(
      b,
      args[i] as Expr,
      i === 0 ? "" : " ",
      call,
      "args",
      soleArgument,
    );
  }
  for (let i = 0; i < keywords.length; i++) {
    const keyword = keywords[i] as Keyword;
    const first = i === 0 && args.length === 0;
    if (!first) pushComma(b, true);
    pushName(b, keyword.arg, first ? "" : " ");
    pushToken(b, "EQUAL", "=", "");
    pushExpr(b, keyword.value, "", call, "keywords");
  }
  closeBracket(b, id, "RPAR", ")", true);
}

function pushSequence(
  b: LeafBuilder,
  elts: readonly Expr[],
  parent: Expr,
): void {
  for (let i = 0; i < elts.length; i++) {
    if (i > 0) pushComma(b, false);
    pushExpr(b, elts[i] as Expr, i === 0 ? "" : " ", parent, "elts");
  }
}

function pushGenerator(b: LeafBuilder, expr: GeneratorExp, lead: string): void {
  if (expr.generators.length === 0)
    throw new InternalError("GeneratorExp needs a generator");
  pushExpr(b, expr.elt, lead, expr, "elt");
  for (const generator of expr.generators) {
    pushToken(b, "NAME", "for", " ", "compFor");
    pushName(b, generator.target.id, " ");
    pushToken(b, "NAME", "in", " ");
    pushExpr(b, generator.iter, " ", expr, "iter");
    for (const condition of generator.ifs) {
      pushToken(b, "NAME", "if", " ", "compIf");
      pushExpr(b, condition, " ", expr, "ifs");
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
      return pushToken(b, "COMPARATOR", COMPARATOR_TEXT[op], " ");
    case "In":
      return pushToken(b, "NAME", "in", " ", "compareIn");
    case "NotIn":
      pushToken(b, "NAME", "not", " ", "compareNot");
      return pushToken(b, "NAME", "in", " ", "compareIn");
    case "Is":
      return pushToken(b, "NAME", "is", " ");
    case "IsNot":
      pushToken(b, "NAME", "is", " ");
      return pushToken(b, "NAME", "not", " ", "compareNot");
    default:
      return assertNever(op, "comparison operator");
  }
}
