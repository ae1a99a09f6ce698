/**
 * tree-sitter-python statement nodes → our `Stmt`. Compound statements end where their last
 * body statement ends (CPython's convention), not where tree-sitter's block ends (which
 * includes trailing comments).
 */
import { codes } from "../../diagnostics/codes.js";
import { error } from "../../diagnostics/diagnostic.js";
import type { Assign, Expr, ExprStmt, For, FunctionDef, If, Stmt, With, WithItem } from "../ast/nodes.js";
import {
  field,
  inFrame,
  reportSyntax,
  reportTooDeep,
  reportUnsupported,
  spanOf,
  syntaxChildren,
  tokens,
  type ConvertContext,
  type CstNode,
} from "./convert-context.js";
import { convertExpr, convertName, convertTarget } from "./convert-expression.js";
import { compareIndentation, lineIndentation, type Indentation, type IndentationOrder } from "./indentation.js";

/** `indent` is the statement's own indentation when it starts a line, else `undefined`. */
type StmtHandler = (ctx: ConvertContext, node: CstNode, depth: number, indent: Indentation | undefined) => Stmt | undefined;

const SUPPORTED = {
  expression_statement: convertExpressionStatement,
  pass_statement: (ctx, node) => ({ kind: "Pass", span: spanOf(ctx, node) }),
  if_statement: convertIf,
  for_statement: convertFor,
  with_statement: convertWith,
  function_definition: (ctx, node, depth, indent) => convertFunction(ctx, node, [], depth, indent),
  decorated_definition: convertDecorated,
} as const satisfies Record<string, StmtHandler>;

type SupportedStmtType = keyof typeof SUPPORTED;

const UNSUPPORTED: Readonly<Record<string, string>> = {
  import_statement: "`import` statements",
  import_from_statement: "`from … import` statements",
  future_import_statement: "`from __future__ import` statements",
  assert_statement: "`assert` statements",
  return_statement: "`return` statements",
  delete_statement: "`del` statements",
  raise_statement: "`raise` statements",
  break_statement: "`break` statements",
  continue_statement: "`continue` statements",
  global_statement: "`global` statements",
  nonlocal_statement: "`nonlocal` statements",
  while_statement: "`while` loops",
  try_statement: "`try` statements",
  class_definition: "classes",
  match_statement: "`match` statements",
  type_alias_statement: "`type` alias statements",
};

/** Python 2 statements tree-sitter still parses; CPython 3 rejects them. */
const PYTHON2: Readonly<Record<string, string>> = {
  print_statement: "Missing parentheses in call to 'print'. Did you mean print(...)?",
  exec_statement: "Missing parentheses in call to 'exec'. Did you mean exec(...)?",
};

/**
 * A statement sequence whose line-starting statements must all be indented like `block`
 * (`undefined` for the `;`-separated statements of a one-line suite).
 */
export function convertStatements(ctx: ConvertContext, nodes: readonly CstNode[], depth: number, block: Indentation | undefined): Stmt[] | undefined {
  const out: Stmt[] = [];
  let failed = false;
  for (const node of nodes) {
    const indent = block && indentationAt(ctx, node.startIndex);
    const order = indent && compareIndentation(indent, block ?? indent);
    const stmt = order !== undefined && order !== "equal" ? reportIndentation(ctx, node, order) : convertStatement(ctx, node, depth, indent);
    if (stmt === undefined) failed = true;
    else out.push(stmt);
  }
  return failed ? undefined : out;
}

/** A backslash ending a comment is not a continuation; tree-sitter knows which is which. */
function indentationAt(ctx: ConvertContext, offset: number): Indentation | undefined {
  return lineIndentation(ctx.text, offset, (i) => ctx.root.descendantForIndex(i, i + 1)?.type === "line_continuation");
}

const INDENTATION_MESSAGES = {
  equal: "unexpected statement",
  deeper: "unexpected indent",
  shallower: "unindent does not match any outer indentation level",
  inconsistent: "inconsistent use of tabs and spaces in indentation",
} as const satisfies Record<IndentationOrder, string>;

function reportIndentation(ctx: ConvertContext, node: CstNode, order: IndentationOrder): undefined {
  const span = ctx.lines.span(node.startIndex, node.startIndex + 1);
  ctx.diagnostics.push(error(codes.pyIndentation, INDENTATION_MESSAGES[order], { span }));
  return undefined;
}

function convertStatement(ctx: ConvertContext, node: CstNode, depth: number, indent: Indentation | undefined): Stmt | undefined {
  const type = node.type;
  if (Object.hasOwn(SUPPORTED, type)) return inFrame(ctx, node, () => SUPPORTED[type as SupportedStmtType](ctx, node, depth, indent));
  const python2 = PYTHON2[type];
  if (python2 !== undefined) return reportSyntax(ctx, node, python2);
  return reportUnsupported(ctx, node, UNSUPPORTED[type] ?? `\`${type}\``);
}

/**
 * The statements of a suite: on the header's line, or an indented block deeper than the
 * header (`owner`, indented `indent`). An empty one is CPython's "expected an indented block".
 */
function convertBody(
  ctx: ConvertContext,
  owner: CstNode,
  block: CstNode | undefined,
  what: string,
  depth: number,
  indent: Indentation | undefined,
): Stmt[] | undefined {
  const statements = block === undefined ? [] : syntaxChildren(block);
  const first = statements[0];
  const blockIndent = first && indentationAt(ctx, first.startIndex);
  const order = blockIndent && indent && compareIndentation(blockIndent, indent);
  if (order === "inconsistent") return reportIndentation(ctx, first ?? owner, order);
  if (first === undefined || (order !== undefined && order !== "deeper")) {
    const span = ctx.lines.span(owner.startIndex, block?.startIndex ?? owner.endIndex);
    ctx.diagnostics.push(error(codes.pyIndentation, `expected an indented block after ${what} on line ${span.start.line}`, { span }));
    return undefined;
  }
  // An indented block is one level of the EBNF's nesting measure; a one-line suite is not.
  const nested = blockIndent === undefined ? depth : depth + 1;
  if (nested > ctx.maxDepth) return reportTooDeep(ctx, first);
  return convertStatements(ctx, statements, nested, blockIndent);
}

/** `elif`/`else` (and a decorated `def`) start their own line, indented like the statement. */
function checkClauseIndentation(ctx: ConvertContext, clause: CstNode, indent: Indentation | undefined): boolean {
  if (indent === undefined) return true;
  const own = indentationAt(ctx, clause.startIndex);
  if (own === undefined) {
    reportSyntax(ctx, clause, "invalid syntax: this clause must start a new line");
    return false;
  }
  const order = compareIndentation(own, indent);
  if (order === "equal") return true;
  reportIndentation(ctx, clause, order);
  return false;
}

/** From the start of `node` to the end of the last statement (body or `else`). */
function compoundSpan(ctx: ConvertContext, node: CstNode, last: readonly Stmt[]) {
  const end = last[last.length - 1]?.span?.end.offset ?? node.endIndex;
  return ctx.lines.span(node.startIndex, end);
}

function convertExpressionStatement(ctx: ConvertContext, node: CstNode, depth: number): Stmt | undefined {
  const parts = syntaxChildren(node);
  const [first] = parts;
  if (first === undefined) return reportSyntax(ctx, node, "empty statement");
  if (parts.length > 1 || tokens(node).some((t) => t.type === ",")) return reportUnsupported(ctx, node, BARE_TUPLE);
  if (first.type === "assignment") return convertAssign(ctx, first, depth);
  if (first.type === "augmented_assignment") return reportUnsupported(ctx, first, "augmented assignments (`+=`, …)");
  const value = convertExpr(ctx, first, depth);
  return value && ({ kind: "Expr", value, span: spanOf(ctx, node) } satisfies ExprStmt);
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

function convertAssign(ctx: ConvertContext, node: CstNode, depth: number): Assign | undefined {
  const left = field(node, "left");
  const right = field(node, "right");
  if (field(node, "type") !== undefined) return reportUnsupported(ctx, node, "annotated assignments (`x: T = …`)");
  if (left === undefined || right === undefined) return reportSyntax(ctx, node, "incomplete assignment");
  if (right.type === "assignment") return reportUnsupported(ctx, node, "chained assignments (`a = b = …`)");
  const target = convertTarget(ctx, left, targetConstruct(left));
  const value = convertRightHandSide(ctx, right, depth);
  return target && value && { kind: "Assign", targets: [target], value, span: spanOf(ctx, node) };
}

const BARE_TUPLE = "unparenthesised tuples (`a, b`; write `(a, b)`)";

/** The value of `x = …` or the iterable of `for x in …`. */
function convertRightHandSide(ctx: ConvertContext, node: CstNode, depth: number): Expr | undefined {
  if (node.type === "expression_list" || node.type === "pattern_list") return reportUnsupported(ctx, node, BARE_TUPLE);
  if (node.type === "augmented_assignment") return reportUnsupported(ctx, node, "augmented assignments (`+=`, …)");
  return convertExpr(ctx, node, depth);
}

function convertIf(ctx: ConvertContext, node: CstNode, depth: number, indent: Indentation | undefined): If | undefined {
  const alternatives = node.childrenForFieldName("alternative").filter((c): c is CstNode => c !== null);
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
      orelse = convertBody(ctx, clause, field(clause, "body"), "'else' statement", depth + elifs, indent);
      failed ||= orelse === undefined;
      continue;
    }
    const branch = convertBranch(ctx, clause, "'elif' statement", orelse ?? [], depth + level, indent);
    level--;
    failed ||= branch === undefined;
    orelse = branch && [branch];
  }
  const top = convertBranch(ctx, node, "'if' statement", orelse ?? [], depth, indent);
  return failed ? undefined : top;
}

function convertBranch(ctx: ConvertContext, node: CstNode, what: string, orelse: readonly Stmt[], depth: number, indent: Indentation | undefined): If | undefined {
  const condition = field(node, "condition");
  if (condition === undefined) return reportSyntax(ctx, node, `${what} without a condition`);
  const test = convertExpr(ctx, condition, depth);
  const body = convertBody(ctx, node, field(node, "consequence"), what, depth, indent);
  if (test === undefined || body === undefined) return undefined;
  return { kind: "If", test, body, orelse, span: compoundSpan(ctx, node, orelse.length > 0 ? orelse : body) };
}

function convertFor(ctx: ConvertContext, node: CstNode, depth: number, indent: Indentation | undefined): For | undefined {
  if (tokens(node)[0]?.type === "async") return reportUnsupported(ctx, node, "`async for` loops");
  const alternative = field(node, "alternative");
  if (alternative !== undefined) return reportUnsupported(ctx, alternative, "`else` clauses on `for` loops");
  const left = field(node, "left");
  const right = field(node, "right");
  if (left === undefined || right === undefined) return reportSyntax(ctx, node, "incomplete `for` statement");
  const target = convertTarget(ctx, left, "`for` targets other than a name");
  const iter = convertRightHandSide(ctx, right, depth);
  const body = convertBody(ctx, node, field(node, "body"), "'for' statement", depth, indent);
  if (target === undefined || iter === undefined || body === undefined) return undefined;
  return { kind: "For", target, iter, body, span: compoundSpan(ctx, node, body) };
}

function convertWith(ctx: ConvertContext, node: CstNode, depth: number, indent: Indentation | undefined): With | undefined {
  if (tokens(node)[0]?.type === "async") return reportUnsupported(ctx, node, "`async with` statements");
  const clause = syntaxChildren(node).find((c) => c.type === "with_clause");
  if (clause === undefined) return reportSyntax(ctx, node, "`with` without items");
  const clauseTokens = tokens(clause);
  // `with a, b,:` is invalid; a trailing comma needs `with (a, b,):` (CPython 3.9+).
  if (clauseTokens[clauseTokens.length - 1]?.type === "," && clauseTokens[0]?.type !== "(") {
    return reportSyntax(ctx, clause, "trailing comma not allowed without surrounding parentheses");
  }
  const items: WithItem[] = [];
  let failed = false;
  const parenthesizedItems = parenthesizedItemsAsTuple(clause, clauseTokens);
  for (const item of parenthesizedItems ?? syntaxChildren(clause)) {
    const converted = parenthesizedItems === undefined ? convertWithItem(ctx, item, depth) : convertExpr(ctx, item, depth);
    if (converted === undefined) failed = true;
    else items.push("context_expr" in converted ? converted : { context_expr: converted });
  }
  const body = convertBody(ctx, node, field(node, "body"), "'with' statement", depth, indent);
  if (failed || body === undefined) return undefined;
  return { kind: "With", items, body, span: compoundSpan(ctx, node, body) };
}

/**
 * CPython reads `with (a, b,):` as a parenthesized list of items (3.9+), but tree-sitter
 * sometimes parses it as one item that is a tuple; returns the items then.
 */
function parenthesizedItemsAsTuple(clause: CstNode, clauseTokens: readonly CstNode[]): CstNode[] | undefined {
  const [item] = clauseTokens;
  if (clauseTokens.length !== 1 || item?.type !== "with_item") return undefined;
  const value = field(item, "value");
  if (value?.type !== "tuple") return undefined;
  const elements = syntaxChildren(value);
  return elements.length > 0 && value.startIndex === clause.startIndex && value.endIndex === clause.endIndex ? elements : undefined;
}

function convertWithItem(ctx: ConvertContext, item: CstNode, depth: number): WithItem | undefined {
  const value = field(item, "value");
  if (value === undefined) return reportSyntax(ctx, item, "empty `with` item");
  if (value.type !== "as_pattern") {
    const context_expr = convertExpr(ctx, value, depth);
    return context_expr && { context_expr };
  }
  const [expression] = syntaxChildren(value);
  const alias = field(value, "alias");
  if (expression === undefined || alias === undefined) return reportSyntax(ctx, value, "incomplete `with … as` item");
  const context_expr = convertExpr(ctx, expression, depth);
  const optional_vars = convertTarget(ctx, alias, "`with … as` targets other than a name");
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

function convertFunction(
  ctx: ConvertContext,
  node: CstNode,
  decorator_list: readonly Expr[],
  depth: number,
  indent: Indentation | undefined,
): FunctionDef | undefined {
  if (tokens(node)[0]?.type === "async") return reportUnsupported(ctx, node, "`async def` functions");
  const typeParameters = field(node, "type_parameters");
  if (typeParameters !== undefined) return reportUnsupported(ctx, typeParameters, "type parameters");
  const returnType = field(node, "return_type");
  if (returnType !== undefined) return reportUnsupported(ctx, returnType, "return annotations");
  const nameNode = field(node, "name");
  const parameters = field(node, "parameters");
  if (nameNode === undefined || parameters === undefined) return reportSyntax(ctx, node, "incomplete function definition");
  const name = convertName(ctx, nameNode);
  const args: string[] = [];
  let failed = name === undefined;
  for (const parameter of syntaxChildren(parameters)) {
    const arg = convertParameter(ctx, parameter);
    if (arg === undefined) failed = true;
    else args.push(arg);
  }
  const body = convertBody(ctx, node, field(node, "body"), "function definition", depth, indent);
  if (failed || name === undefined || body === undefined) return undefined;
  return { kind: "FunctionDef", name: name.id, args, body, decorator_list, span: compoundSpan(ctx, node, body) };
}

function convertParameter(ctx: ConvertContext, parameter: CstNode): string | undefined {
  if (parameter.type === "identifier") return convertName(ctx, parameter)?.id;
  // Python 2 tuple parameters `def f((a, b)):`.
  if (parameter.type === "tuple_pattern") return reportSyntax(ctx, parameter, "tuple parameters are not valid in Python 3");
  return reportUnsupported(ctx, parameter, PARAMETER_CONSTRUCTS[parameter.type] ?? `\`${parameter.type}\` parameters`);
}

/** CPython's FunctionDef starts at `def`; the decorators only add to `decorator_list`. */
function convertDecorated(ctx: ConvertContext, node: CstNode, depth: number, indent: Indentation | undefined): Stmt | undefined {
  const definition = field(node, "definition");
  if (definition === undefined) return reportSyntax(ctx, node, "decorator without a definition");
  const decorators: Expr[] = [];
  let failed = false;
  for (const decorator of syntaxChildren(node).filter((c) => c.type === "decorator")) {
    failed = !(decorator.startIndex === node.startIndex || checkClauseIndentation(ctx, decorator, indent)) || failed;
    const [expression] = syntaxChildren(decorator);
    const converted = expression === undefined ? reportSyntax(ctx, decorator, "empty decorator") : convertExpr(ctx, expression, depth);
    if (converted === undefined) failed = true;
    else decorators.push(converted);
  }
  if (definition.type !== "function_definition") return reportUnsupported(ctx, definition, "classes");
  failed = !checkClauseIndentation(ctx, definition, indent) || failed;
  const fn = convertFunction(ctx, definition, decorators, depth, indent);
  return failed ? undefined : fn;
}
