/**
 * Operator precedence over the grammar's flat `operand (op operand)*` lists (EBNF §3.2),
 * by precedence climbing. It reproduces Python's rules: `or` < `and` < `not` <
 * comparisons (chained into one `Compare`) < `|` < `^` < `&` < shifts < `+ -` <
 * `* / // % @` < unary `- + ~` < `**` < `await`; same-operator `and`/`or` runs become one
 * `BoolOp`; and a prefix operator is only legal where the grammar allows it (`a < not b`
 * and `- not a` are syntax errors, `a ** -b` is fine).
 *
 * Recursion only happens for a prefix operator or a strictly higher precedence level, so
 * its depth is bounded by the nesting pre-check plus the number of levels.
 */
import type { IToken, TokenType } from "chevrotain";
import { InternalError } from "../../diagnostics/errors.js";
import type { BoolOperator, CmpOperator, Expr } from "../ast/nodes.js";
import {
  placeholder,
  syntaxError,
  tokenEnd,
  unsupported,
  type ConvertContext,
  type Part,
} from "./convert-context.js";
import type { OperandCstNode } from "./cst.generated.js";
import * as T from "./tokens.js";

export type OperandConverter = (
  ctx: ConvertContext,
  node: OperandCstNode,
) => Part;

/** The flat operand/operator lists of a `disjunction` (or of a `test`, which inlines one). */
export interface FlatBinary {
  readonly operand?: readonly OperandCstNode[];
  readonly op?: readonly IToken[];
}

const OR = 1;
const AND = 2;
const NOT = 3;
const COMPARE = 4;
const UNARY = 11;
const POWER = 12;
const AWAIT = 13;

const comparisons: ReadonlyMap<TokenType, CmpOperator> = new Map([
  [T.EqualEqual, "Eq"],
  [T.NotEqual, "NotEq"],
  [T.Less, "Lt"],
  [T.LessEqual, "LtE"],
  [T.Greater, "Gt"],
  [T.GreaterEqual, "GtE"],
  [T.In, "In"],
  [T.NotIn, "NotIn"],
  [T.Is, "Is"],
  [T.IsNot, "IsNot"],
]);

/** Arithmetic and bitwise operators: recognised for precedence, reported as unsupported. */
const arithmetic: ReadonlyMap<
  TokenType,
  { readonly precedence: number; readonly name: string }
> = new Map([
  [T.Pipe, { precedence: 5, name: "bitwise or" }],
  [T.Caret, { precedence: 6, name: "bitwise xor" }],
  [T.Ampersand, { precedence: 7, name: "bitwise and" }],
  [T.LeftShift, { precedence: 8, name: "shift" }],
  [T.RightShift, { precedence: 8, name: "shift" }],
  [T.Plus, { precedence: 9, name: "addition" }],
  [T.Minus, { precedence: 9, name: "subtraction" }],
  [T.Star, { precedence: 10, name: "multiplication" }],
  [T.Slash, { precedence: 10, name: "division" }],
  [T.DoubleSlash, { precedence: 10, name: "floor division" }],
  [T.Percent, { precedence: 10, name: "modulo / %-formatting" }],
  [T.At, { precedence: 10, name: "matrix multiplication" }],
  [T.DoubleStar, { precedence: POWER, name: "power" }],
]);

function precedence(op: TokenType): number {
  if (op === T.Or) return OR;
  if (op === T.And) return AND;
  if (comparisons.has(op)) return COMPARE;
  return arithmetic.get(op)?.precedence ?? 0;
}

interface Climb {
  readonly ctx: ConvertContext;
  readonly operands: readonly OperandCstNode[];
  readonly ops: readonly IToken[];
  readonly convertOperand: OperandConverter;
  /** Index of the next operand; the operator after operand `k` is `ops[k]`. */
  pos: number;
  /** How many prefix operators of `operands[pos]` are already applied. */
  prefix: number;
}

/** Converts flat `operand (op operand)*` lists into a correctly nested expression. */
export function convertDisjunction(
  ctx: ConvertContext,
  children: FlatBinary,
  convertOperand: OperandConverter,
): Part {
  const ops = children.op ?? [];
  const operands = children.operand ?? [];
  const first = operands[0];
  if (
    ops.length === 0 &&
    first !== undefined &&
    first.children.prefix === undefined
  )
    return convertOperand(ctx, first);
  const state: Climb = {
    ctx,
    operands,
    ops,
    convertOperand,
    pos: 0,
    prefix: 0,
  };
  const part = climb(state, OR, OR);
  if (state.pos !== operands.length)
    throw new InternalError("operator precedence left operands unconsumed");
  return part;
}

function climb(s: Climb, minPrecedence: number, prefixFloor: number): Part {
  let left = prefixed(s, prefixFloor);
  for (;;) {
    // The operator after operand k is ops[k]; parsing the right operand moves `pos` past it.
    const op = s.ops[s.pos - 1];
    if (op === undefined) return left;
    const p = precedence(op.tokenType);
    if (p < minPrecedence) return left;
    if (p === OR || p === AND)
      left = boolOp(s, left, op.tokenType, p === OR ? "Or" : "And");
    else if (p === COMPARE) left = compare(s, left);
    else {
      const info = arithmetic.get(op.tokenType);
      unsupported(
        s.ctx,
        `the '${op.image}' operator (${info?.name ?? "arithmetic"}) is not supported`,
        op.startOffset,
        tokenEnd(op),
        "arithmetic and bitwise operators are outside the supported Python subset; use a literal value or a Flow action",
      );
      // `**` binds its right operand at unary level (`a ** -b`); the tree shape is irrelevant here.
      const right =
        op.tokenType === T.DoubleStar
          ? climb(s, AWAIT, UNARY)
          : climb(s, p + 1, p + 1);
      left = {
        expr: placeholder(s.ctx.lines.span(left.start, right.end)),
        start: left.start,
        end: right.end,
      };
    }
  }
}

function boolOp(s: Climb, left: Part, type: TokenType, op: BoolOperator): Part {
  const values: Expr[] = [left.expr];
  const next = op === "Or" ? AND : NOT;
  let end = left.end;
  while (s.ops[s.pos - 1]?.tokenType === type) {
    const right = climb(s, next, next);
    values.push(right.expr);
    end = right.end;
  }
  return {
    expr: {
      kind: "BoolOp",
      op,
      values,
      span: s.ctx.lines.span(left.start, end),
    },
    start: left.start,
    end,
  };
}

function compare(s: Climb, left: Part): Part {
  const ops: CmpOperator[] = [];
  const comparators: Expr[] = [];
  let end = left.end;
  for (;;) {
    const token = s.ops[s.pos - 1];
    const op =
      token === undefined ? undefined : comparisons.get(token.tokenType);
    if (op === undefined) break;
    ops.push(op);
    const right = climb(s, COMPARE + 1, COMPARE + 1);
    comparators.push(right.expr);
    end = right.end;
  }
  return {
    expr: {
      kind: "Compare",
      left: left.expr,
      ops,
      comparators,
      span: s.ctx.lines.span(left.start, end),
    },
    start: left.start,
    end,
  };
}

/** The operand at `pos` with its remaining prefix operators applied. */
function prefixed(s: Climb, floor: number): Part {
  const operand = s.operands[s.pos];
  if (operand === undefined)
    throw new InternalError("operator precedence ran out of operands");
  const token = operand.children.prefix?.[s.prefix];
  if (token === undefined) {
    s.pos++;
    s.prefix = 0;
    return s.convertOperand(s.ctx, operand);
  }
  s.prefix++;
  const type = token.tokenType;
  const level = type === T.Not ? NOT : type === T.Await ? AWAIT : UNARY;
  if (level < floor) {
    syntaxError(
      s.ctx,
      `invalid syntax: '${token.image}' cannot appear here`,
      token.startOffset,
      tokenEnd(token),
      "wrap the operand in parentheses",
    );
  }
  const inner =
    type === T.Not
      ? climb(s, COMPARE, NOT)
      : type === T.Await
        ? climb(s, AWAIT + 1, AWAIT + 1)
        : climb(s, UNARY, UNARY);
  const start = token.startOffset;
  const end = inner.end;
  if (type === T.Not || type === T.Minus) {
    const span = s.ctx.lines.span(start, end);
    return {
      expr: {
        kind: "UnaryOp",
        op: type === T.Not ? "Not" : "USub",
        operand: inner.expr,
        span,
      },
      start,
      end,
    };
  }
  const what =
    type === T.Plus
      ? "unary '+'"
      : type === T.Tilde
        ? "bitwise inversion '~'"
        : "'await'";
  unsupported(
    s.ctx,
    `${what} is not supported`,
    token.startOffset,
    tokenEnd(token),
    type === T.Plus
      ? "remove the '+'"
      : "this operator is outside the supported Python subset",
  );
  return { expr: placeholder(s.ctx.lines.span(start, end)), start, end };
}
