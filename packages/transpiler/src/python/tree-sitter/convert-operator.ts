import type {
  BoolOp,
  BoolOperator,
  CmpOperator,
  Compare,
  UnaryOp,
} from "../ast/nodes.js";
import {
  field,
  reportSyntax,
  reportUnsupported,
  spanOf,
  tokens,
  type ConvertContext,
  type CstNode,
} from "./convert-context.js";
import { convertAll, convertExpr } from "./convert-expression.js";

const BOOL_OPERATORS = { and: "And", or: "Or" } as const satisfies Record<
  string,
  BoolOperator
>;

/**
 * tree-sitter nests `a and b and c` as `(a and b) and c`; CPython flattens a run of the
 * same operator into one BoolOp (but not across parentheses, which stay a separate node
 * here). The left spine is walked in a loop so long chains cost no stack.
 */
export function convertBoolOp(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): BoolOp | undefined {
  const operator = field(node, "operator")?.type;
  if (operator !== "and" && operator !== "or")
    return reportSyntax(ctx, node, "malformed boolean expression");
  const rights: CstNode[] = [];
  let left: CstNode | undefined = node;
  while (
    left !== undefined &&
    left.type === "boolean_operator" &&
    field(left, "operator")?.type === operator
  ) {
    const right = field(left, "right");
    if (right === undefined)
      return reportSyntax(ctx, left, "incomplete boolean expression");
    rights.push(right);
    left = field(left, "left");
  }
  if (left === undefined)
    return reportSyntax(ctx, node, "incomplete boolean expression");
  const values = convertAll(ctx, [left, ...rights.reverse()], depth);
  return (
    values && {
      kind: "BoolOp",
      op: BOOL_OPERATORS[operator],
      values,
      span: spanOf(ctx, node),
    }
  );
}

export function convertNot(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): UnaryOp | undefined {
  const argument = field(node, "argument");
  if (argument === undefined)
    return reportSyntax(ctx, node, "`not` without an operand");
  const operand = convertExpr(ctx, argument, depth);
  return (
    operand && { kind: "UnaryOp", op: "Not", operand, span: spanOf(ctx, node) }
  );
}

export function convertUnary(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): UnaryOp | undefined {
  const operator = field(node, "operator");
  const argument = field(node, "argument");
  if (operator === undefined || argument === undefined)
    return reportSyntax(ctx, node, "incomplete unary expression");
  if (operator.type !== "-")
    return reportUnsupported(
      ctx,
      node,
      `the unary operator \`${operator.type}\``,
    );
  const operand = convertExpr(ctx, argument, depth);
  return (
    operand && { kind: "UnaryOp", op: "USub", operand, span: spanOf(ctx, node) }
  );
}

const COMPARISON_OPERATORS = {
  "==": "Eq",
  "!=": "NotEq",
  "<": "Lt",
  "<=": "LtE",
  ">": "Gt",
  ">=": "GtE",
  in: "In",
  "not in": "NotIn",
  is: "Is",
  "is not": "IsNot",
} as const satisfies Record<string, CmpOperator>;

/** tree-sitter already keeps a chain `a < b <= c` flat: operands and operator tokens alternate. */
export function convertCompare(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): Compare | undefined {
  const operands: CstNode[] = [];
  const ops: CmpOperator[] = [];
  for (const part of tokens(ctx, node)) {
    if (part.isNamed) {
      operands.push(part);
      continue;
    }
    const op: string = part.type;
    // Python 2's `<>` is still in tree-sitter's grammar.
    if (!Object.hasOwn(COMPARISON_OPERATORS, op))
      return reportSyntax(ctx, part, `invalid comparison operator \`${op}\``);
    ops.push(COMPARISON_OPERATORS[op as keyof typeof COMPARISON_OPERATORS]);
  }
  const values = convertAll(ctx, operands, depth);
  if (values === undefined) return undefined;
  const [left, ...comparators] = values;
  if (
    left === undefined ||
    comparators.length !== ops.length ||
    ops.length === 0
  )
    return reportSyntax(ctx, node, "malformed comparison");
  return { kind: "Compare", left, ops, comparators, span: spanOf(ctx, node) };
}
