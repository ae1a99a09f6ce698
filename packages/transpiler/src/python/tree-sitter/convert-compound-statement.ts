/**
 * Compound statements. Each ends where its last body statement ends (CPython's
 * convention), not where tree-sitter's block ends (which includes trailing comments).
 */
import type {
  Expr,
  For,
  FunctionDef,
  If,
  Stmt,
  With,
  WithItem,
} from "../ast/nodes.js";
import {
  field,
  reportSyntax,
  reportTooDeep,
  reportUnsupported,
  startsWithKeyword,
  syntaxChildren,
  tokens,
  type ConvertContext,
  type CstNode,
} from "./convert-context.js";
import { convertExpr, convertName } from "./convert-expression.js";
import { convertRightHandSide } from "./convert-simple-statement.js";
import {
  checkClauseIndentation,
  compoundSpan,
  convertBody,
} from "./convert-statement.js";
import { convertTarget } from "./convert-target.js";
import type { Indentation } from "./indentation.js";

export function convertIf(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
  indent: Indentation | undefined,
): If | undefined {
  const alternatives = node
    .childrenForFieldName("alternative")
    .filter((c): c is CstNode => c !== null);
  // Build from the last clause backwards: each `elif` becomes an If nested in `orelse`.
  // Each `elif` is one level deeper than the previous branch (an If inside its orelse).
  const elifs = alternatives.filter((c) => c.type === "elif_clause").length;
  if (depth + elifs > ctx.maxDepth) return reportTooDeep(ctx, node);
  let orelse: Stmt[] | undefined = [];
  let failed = false;
  let level = elifs;
  for (const clause of alternatives.reverse()) {
    failed = !checkClauseIndentation(ctx, clause, indent) || failed;
    if (clause.type === "else_clause") {
      orelse = convertBody(
        ctx,
        clause,
        field(clause, "body"),
        "'else' statement",
        depth + elifs,
        indent,
      );
      failed ||= orelse === undefined;
      continue;
    }
    const branch = convertBranch(
      ctx,
      clause,
      "'elif' statement",
      orelse ?? [],
      depth + level,
      indent,
    );
    level--;
    failed ||= branch === undefined;
    orelse = branch && [branch];
  }
  const top = convertBranch(
    ctx,
    node,
    "'if' statement",
    orelse ?? [],
    depth,
    indent,
  );
  return failed ? undefined : top;
}

function convertBranch(
  ctx: ConvertContext,
  node: CstNode,
  what: string,
  orelse: readonly Stmt[],
  depth: number,
  indent: Indentation | undefined,
): If | undefined {
  const condition = field(node, "condition");
  if (condition === undefined)
    return reportSyntax(ctx, node, `${what} without a condition`);
  const test = convertExpr(ctx, condition, depth);
  const body = convertBody(
    ctx,
    node,
    field(node, "consequence"),
    what,
    depth,
    indent,
  );
  if (test === undefined || body === undefined) return undefined;
  return {
    kind: "If",
    test,
    body,
    orelse,
    span: compoundSpan(ctx, node, orelse.length > 0 ? orelse : body),
  };
}

export function convertFor(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
  indent: Indentation | undefined,
): For | undefined {
  if (startsWithKeyword(ctx, node, "async"))
    return reportUnsupported(ctx, node, "`async for` loops");
  const alternative = field(node, "alternative");
  if (alternative !== undefined)
    return reportUnsupported(ctx, alternative, "`else` clauses on `for` loops");
  const left = field(node, "left");
  const right = field(node, "right");
  if (left === undefined || right === undefined)
    return reportSyntax(ctx, node, "incomplete `for` statement");
  const target = convertTarget(ctx, left, "`for` targets other than a name");
  const iter = convertRightHandSide(ctx, right, depth);
  const body = convertBody(
    ctx,
    node,
    field(node, "body"),
    "'for' statement",
    depth,
    indent,
  );
  if (target === undefined || iter === undefined || body === undefined)
    return undefined;
  return {
    kind: "For",
    target,
    iter,
    body,
    span: compoundSpan(ctx, node, body),
  };
}

export function convertWith(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
  indent: Indentation | undefined,
): With | undefined {
  if (startsWithKeyword(ctx, node, "async"))
    return reportUnsupported(ctx, node, "`async with` statements");
  const clause = syntaxChildren(ctx, node).find(
    (c) => c.type === "with_clause",
  );
  if (clause === undefined)
    return reportSyntax(ctx, node, "`with` without items");
  const clauseTokens = tokens(ctx, clause);
  // `with a, b,:` is invalid; a trailing comma needs `with (a, b,):` (CPython 3.9+).
  if (
    clauseTokens[clauseTokens.length - 1]?.type === "," &&
    clauseTokens[0]?.type !== "("
  ) {
    return reportSyntax(
      ctx,
      clause,
      "trailing comma not allowed without surrounding parentheses",
    );
  }
  const items: WithItem[] = [];
  let failed = false;
  const parenthesizedItems = parenthesizedItemsAsTuple(
    ctx,
    clause,
    clauseTokens,
  );
  for (const item of parenthesizedItems ?? syntaxChildren(ctx, clause)) {
    const converted =
      parenthesizedItems === undefined
        ? convertWithItem(ctx, item, depth)
        : convertExpr(ctx, item, depth);
    if (converted === undefined) failed = true;
    else
      items.push(
        "context_expr" in converted ? converted : { context_expr: converted },
      );
  }
  const body = convertBody(
    ctx,
    node,
    field(node, "body"),
    "'with' statement",
    depth,
    indent,
  );
  if (failed || body === undefined) return undefined;
  return { kind: "With", items, body, span: compoundSpan(ctx, node, body) };
}

/**
 * CPython reads `with (a, b,):` as a parenthesized list of items (3.9+), but tree-sitter
 * sometimes parses it as one item that is a tuple; returns the items then.
 */
function parenthesizedItemsAsTuple(
  ctx: ConvertContext,
  clause: CstNode,
  clauseTokens: readonly CstNode[],
): CstNode[] | undefined {
  const [item] = clauseTokens;
  if (clauseTokens.length !== 1 || item?.type !== "with_item") return undefined;
  const value = field(item, "value");
  if (value?.type !== "tuple") return undefined;
  const elements = syntaxChildren(ctx, value);
  return elements.length > 0 &&
    value.startIndex === clause.startIndex &&
    value.endIndex === clause.endIndex
    ? elements
    : undefined;
}

function convertWithItem(
  ctx: ConvertContext,
  item: CstNode,
  depth: number,
): WithItem | undefined {
  const value = field(item, "value");
  if (value === undefined) return reportSyntax(ctx, item, "empty `with` item");
  if (value.type !== "as_pattern") {
    const context_expr = convertExpr(ctx, value, depth);
    return context_expr && { context_expr };
  }
  const [expression] = syntaxChildren(ctx, value);
  const alias = field(value, "alias");
  if (expression === undefined || alias === undefined)
    return reportSyntax(ctx, value, "incomplete `with … as` item");
  const context_expr = convertExpr(ctx, expression, depth);
  const optional_vars = convertTarget(
    ctx,
    alias,
    "`with … as` targets other than a name",
  );
  return context_expr && optional_vars && { context_expr, optional_vars };
}

const PARAMETER_CONSTRUCTS: Readonly<Record<string, string>> = {
  typed_parameter: "parameter annotations",
  default_parameter: "default parameter values",
  typed_default_parameter: "default parameter values",
  list_splat_pattern: "`*args` parameters",
  dictionary_splat_pattern: "`**kwargs` parameters",
  keyword_separator: "keyword-only parameters (`*`)",
  positional_separator: "positional-only parameters (`/`)",
};

export function convertFunction(
  ctx: ConvertContext,
  node: CstNode,
  decorator_list: readonly Expr[],
  depth: number,
  indent: Indentation | undefined,
): FunctionDef | undefined {
  if (startsWithKeyword(ctx, node, "async"))
    return reportUnsupported(ctx, node, "`async def` functions");
  const parts = functionParts(ctx, node);
  if (parts.typeParameters !== undefined)
    return reportUnsupported(ctx, parts.typeParameters, "type parameters");
  if (parts.returnType !== undefined)
    return reportUnsupported(ctx, parts.returnType, "return annotations");
  const { name: nameNode, parameters, body: bodyNode } = parts;
  if (nameNode === undefined || parameters === undefined)
    return reportSyntax(ctx, node, "incomplete function definition");
  const name = convertName(ctx, nameNode);
  const args: string[] = [];
  let failed = name === undefined;
  for (const parameter of syntaxChildren(ctx, parameters)) {
    const arg = convertParameter(ctx, parameter);
    if (arg === undefined) failed = true;
    else args.push(arg);
  }
  const body = convertBody(
    ctx,
    node,
    bodyNode,
    "function definition",
    depth,
    indent,
  );
  if (failed || name === undefined || body === undefined) return undefined;
  return {
    kind: "FunctionDef",
    name: name.id,
    args,
    body,
    decorator_list,
    span: compoundSpan(ctx, node, body),
  };
}

interface FunctionParts {
  readonly name: CstNode | undefined;
  readonly typeParameters: CstNode | undefined;
  readonly parameters: CstNode | undefined;
  readonly returnType: CstNode | undefined;
  readonly body: CstNode | undefined;
}

/**
 * The fields of a `function_definition`. Its syntax children are, in order, the name,
 * optional type parameters, the parameters, an optional return type and the body (a
 * block), so three of them are the three required ones: one wasm call instead of five
 * field lookups, which dominate the conversion of thousands of small `def`s.
 */
function functionParts(ctx: ConvertContext, node: CstNode): FunctionParts {
  const children = syntaxChildren(ctx, node);
  const [name, parameters, body] = children;
  if (children.length === 3)
    return {
      name,
      typeParameters: undefined,
      parameters,
      returnType: undefined,
      body,
    };
  return {
    name: field(node, "name"),
    typeParameters: field(node, "type_parameters"),
    parameters: field(node, "parameters"),
    returnType: field(node, "return_type"),
    body: field(node, "body"),
  };
}

function convertParameter(
  ctx: ConvertContext,
  parameter: CstNode,
): string | undefined {
  if (parameter.type === "identifier") return convertName(ctx, parameter)?.id;
  // Python 2 tuple parameters `def f((a, b)):`.
  if (parameter.type === "tuple_pattern")
    return reportSyntax(
      ctx,
      parameter,
      "tuple parameters are not valid in Python 3",
    );
  return reportUnsupported(
    ctx,
    parameter,
    PARAMETER_CONSTRUCTS[parameter.type] ?? `\`${parameter.type}\` parameters`,
  );
}

/** CPython's FunctionDef starts at `def`; the decorators only add to `decorator_list`. */
export function convertDecorated(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
  indent: Indentation | undefined,
): Stmt | undefined {
  const definition = field(node, "definition");
  if (definition === undefined)
    return reportSyntax(ctx, node, "decorator without a definition");
  const decorators: Expr[] = [];
  let failed = false;
  for (const decorator of syntaxChildren(ctx, node).filter(
    (c) => c.type === "decorator",
  )) {
    failed =
      !(
        decorator.startIndex === node.startIndex ||
        checkClauseIndentation(ctx, decorator, indent)
      ) || failed;
    const [expression] = syntaxChildren(ctx, decorator);
    const converted =
      expression === undefined
        ? reportSyntax(ctx, decorator, "empty decorator")
        : convertExpr(ctx, expression, depth);
    if (converted === undefined) failed = true;
    else decorators.push(converted);
  }
  if (definition.type !== "function_definition")
    return reportUnsupported(ctx, definition, "classes");
  failed = !checkClauseIndentation(ctx, definition, indent) || failed;
  const fn = convertFunction(ctx, definition, decorators, depth, indent);
  return failed ? undefined : fn;
}
