import type { Name } from "../ast/nodes.js";
import {
  reportUnsupported,
  syntaxChildren,
  tokens,
  type ConvertContext,
  type CstNode,
} from "./convert-context.js";
import { convertName } from "./convert-expression.js";

/**
 * A `for`/`with`/comprehension/assignment target: only a plain name is in the subset.
 * `(x)` is a name in CPython, but tree-sitter parses it as a one-element tuple pattern.
 */
export function convertTarget(
  ctx: ConvertContext,
  node: CstNode,
  construct: string,
): Name | undefined {
  if (node.type === "identifier") return convertName(ctx, node);
  const parts = tokens(ctx, node);
  const inner = syntaxChildren(ctx, node);
  const isParenthesized =
    parts.length === 3 && parts[0]?.type === "(" && parts[2]?.type === ")";
  if (
    (node.type === "tuple_pattern" ||
      node.type === "parenthesized_expression") &&
    isParenthesized &&
    inner[0] !== undefined
  ) {
    return convertTarget(ctx, inner[0], construct);
  }
  if (
    node.type === "as_pattern_target" &&
    inner.length === 1 &&
    inner[0] !== undefined
  )
    return convertTarget(ctx, inner[0], construct);
  return reportUnsupported(ctx, node, construct);
}
