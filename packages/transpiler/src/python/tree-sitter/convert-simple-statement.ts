import type { Assign, Expr, ExprStmt, Stmt } from "../ast/nodes.js";
import {
  field,
  hasComma,
  reportSyntax,
  reportUnsupported,
  spanOf,
  syntaxChildren,
  type ConvertContext,
  type CstNode,
} from "./convert-context.js";
import { convertExpr } from "./convert-expression.js";
import { convertTarget } from "./convert-target.js";

const BARE_TUPLE = "unparenthesised tuples (`a, b`; write `(a, b)`)";

/** An expression, an assignment, or something outside the subset (`a, b`, `x += 1`). */
export function convertExpressionStatement(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): Stmt | undefined {
  const parts = syntaxChildren(ctx, node);
  const [first] = parts;
  if (first === undefined) return reportSyntax(ctx, node, "empty statement");
  if (parts.length > 1 || hasComma(ctx, node, parts))
    return reportUnsupported(ctx, node, BARE_TUPLE);
  if (first.type === "assignment") return convertAssign(ctx, first, depth);
  if (first.type === "augmented_assignment")
    return reportUnsupported(ctx, first, "augmented assignments (`+=`, …)");
  const value = convertExpr(ctx, first, depth);
  return (
    value &&
    ({ kind: "Expr", value, span: spanOf(ctx, node) } satisfies ExprStmt)
  );
}

const TARGET_CONSTRUCTS: Readonly<Record<string, string>> = {
  pattern_list: "tuple unpacking (`a, b = …`)",
  tuple_pattern: "tuple unpacking (`a, b = …`)",
  list_pattern: "list unpacking (`[a, b] = …`)",
  attribute: "assignment to an attribute",
  subscript: "assignment to a subscript",
  list_splat_pattern: "starred assignment targets",
};

function targetConstruct(node: CstNode): string {
  return TARGET_CONSTRUCTS[node.type] ?? "assignment targets other than a name";
}

function convertAssign(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): Assign | undefined {
  const left = field(node, "left");
  const right = field(node, "right");
  if (field(node, "type") !== undefined)
    return reportUnsupported(ctx, node, "annotated assignments (`x: T = …`)");
  if (left === undefined || right === undefined)
    return reportSyntax(ctx, node, "incomplete assignment");
  if (right.type === "assignment")
    return reportUnsupported(ctx, node, "chained assignments (`a = b = …`)");
  const target = convertTarget(ctx, left, targetConstruct(left));
  const value = convertRightHandSide(ctx, right, depth);
  return (
    target &&
    value && {
      kind: "Assign",
      targets: [target],
      value,
      span: spanOf(ctx, node),
    }
  );
}

/** The value of `x = …` or the iterable of `for x in …`. */
export function convertRightHandSide(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): Expr | undefined {
  if (node.type === "expression_list" || node.type === "pattern_list")
    return reportUnsupported(ctx, node, BARE_TUPLE);
  if (node.type === "augmented_assignment")
    return reportUnsupported(ctx, node, "augmented assignments (`+=`, …)");
  return convertExpr(ctx, node, depth);
}
