import type { Call, Expr, Keyword } from "../ast/nodes.js";
import {
  field,
  reportSyntax,
  spanOf,
  syntaxChildren,
  tokens,
  type ConvertContext,
  type CstNode,
} from "./convert-context.js";
import { convertExpr, convertKeyword } from "./convert-expression.js";

/**
 * `f(a, b, k=v)` or `f(x for x in y)`. tree-sitter accepts a positional argument after a
 * keyword argument, which CPython rejects, so the order is checked here.
 */
export function convertCall(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): Call | undefined {
  const fn = field(node, "function");
  const argumentsNode = field(node, "arguments");
  if (fn === undefined || argumentsNode === undefined)
    return reportSyntax(ctx, node, "incomplete call");
  const func = convertExpr(ctx, fn, depth);
  let failed = func === undefined;
  const args: Expr[] = [];
  const keywords: Keyword[] = [];
  const parts =
    argumentsNode.type === "generator_expression"
      ? [argumentsNode]
      : syntaxChildren(ctx, argumentsNode);
  // tree-sitter's grammar allows a lone trailing comma: `f(,)`.
  if (
    parts.length === 0 &&
    tokens(ctx, argumentsNode).some((t) => t.type === ",")
  )
    return reportSyntax(
      ctx,
      argumentsNode,
      "invalid syntax: `,` without an argument",
    );
  for (const part of parts) {
    if (part.type === "keyword_argument") {
      const keyword = convertKeyword(ctx, part, depth + 1);
      if (keyword === undefined) failed = true;
      else keywords.push(keyword);
      continue;
    }
    // `f(k=v, *rest)` is valid Python; the `*` is reported as unsupported instead.
    if (keywords.length > 0 && part.type !== "list_splat") {
      failed = true;
      reportSyntax(ctx, part, "positional argument follows keyword argument");
      continue;
    }
    // Inside the call's parentheses (a bare generator argument counts them itself).
    const arg = convertExpr(
      ctx,
      part,
      part === argumentsNode ? depth : depth + 1,
    );
    if (arg === undefined) failed = true;
    else args.push(arg);
  }
  return failed || func === undefined
    ? undefined
    : { kind: "Call", func, args, keywords, span: spanOf(ctx, node) };
}
