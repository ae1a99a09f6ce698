import type { Comprehension, GeneratorExp } from "../ast/nodes.js";
import {
  field,
  reportSyntax,
  reportUnsupported,
  spanOf,
  syntaxChildren,
  startsWithKeyword,
  tokens,
  type ConvertContext,
  type CstNode,
} from "./convert-context.js";
import { convertExpr } from "./convert-expression.js";
import { convertTarget } from "./convert-target.js";

/** `(elt for x in it if c …)`, several `for` clauses allowed (EBNF `generator_clauses`). */
export function convertGenerator(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): GeneratorExp | undefined {
  const body = field(node, "body");
  if (body === undefined)
    return reportSyntax(ctx, node, "generator expression without a body");
  const elt = convertExpr(ctx, body, depth);
  const generators: Comprehension[] = [];
  let failed = elt === undefined;
  for (const clause of syntaxChildren(ctx, node).slice(1)) {
    if (clause.type === "for_in_clause") {
      const comprehension = convertForIn(ctx, clause, depth);
      if (comprehension === undefined) failed = true;
      else generators.push(comprehension);
      continue;
    }
    const [condition] = syntaxChildren(ctx, clause);
    const test = condition && convertExpr(ctx, condition, depth);
    const last = generators[generators.length - 1];
    if (test === undefined || last === undefined) failed = true;
    else
      generators[generators.length - 1] = { ...last, ifs: [...last.ifs, test] };
  }
  return failed || elt === undefined
    ? undefined
    : { kind: "GeneratorExp", elt, generators, span: spanOf(ctx, node) };
}

function convertForIn(
  ctx: ConvertContext,
  clause: CstNode,
  depth: number,
): Comprehension | undefined {
  if (startsWithKeyword(ctx, clause, "async"))
    return reportUnsupported(ctx, clause, "`async for` comprehensions");
  const left = field(clause, "left");
  const rights = clause
    .childrenForFieldName("right")
    .filter((c): c is CstNode => c !== null);
  const [right, ...more] = rights;
  if (left === undefined || right === undefined)
    return reportSyntax(ctx, clause, "incomplete `for` clause");
  // `(x for x in a, b)` is Python 2 syntax; Python 3 requires `in (a, b)`.
  if (more.length > 0 || tokens(ctx, clause).some((t) => t.type === ","))
    return reportSyntax(
      ctx,
      clause,
      "invalid syntax: parenthesize the tuple after `in`",
    );
  const target = convertTarget(
    ctx,
    left,
    "comprehension targets other than a name",
  );
  const iter = convertExpr(ctx, right, depth);
  return target && iter && { target, iter, ifs: [] };
}
