/**
 * tree-sitter-python expression nodes → our `Expr`. One handler per supported CST type
 * (the table below); every other type is reported as `py-unsupported` by name. Handlers
 * return `undefined` after reporting a diagnostic, and keep converting siblings so one
 * pass reports every problem.
 */
import type {
  Constant,
  Dict,
  Expr,
  Keyword,
  List,
  Name,
  Tuple,
} from "../ast/nodes.js";
import {
  convertBoolOp,
  convertCompare,
  convertNot,
  convertUnary,
} from "./convert-operator.js";
import { convertCall } from "./convert-call.js";
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
import { convertGenerator } from "./convert-generator.js";
import { convertNumber, convertString } from "./convert-literal.js";

type ExprHandler = (
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
) => Expr | undefined;

const SUPPORTED = {
  boolean_operator: convertBoolOp,
  not_operator: convertNot,
  comparison_operator: convertCompare,
  unary_operator: convertUnary,
  call: convertCall,
  attribute: convertAttribute,
  identifier: (ctx, node) => convertName(ctx, node),
  string: (ctx, node) => convertString(ctx, node),
  concatenated_string: (ctx, node) => convertString(ctx, node),
  integer: (ctx, node) => convertNumber(ctx, node),
  float: (ctx, node) => convertNumber(ctx, node),
  true: (ctx, node): Constant => ({
    kind: "Constant",
    value: true,
    span: spanOf(ctx, node),
  }),
  false: (ctx, node): Constant => ({
    kind: "Constant",
    value: false,
    span: spanOf(ctx, node),
  }),
  none: (ctx, node): Constant => ({
    kind: "Constant",
    value: null,
    span: spanOf(ctx, node),
  }),
  list: convertList,
  tuple: convertTuple,
  // tree-sitter's grammar lets a right-hand side be a pattern list (for `a = b, c = …`),
  // so its error-free ambiguous parses can put patterns where CPython sees expressions.
  list_pattern: convertList,
  tuple_pattern: convertTuplePattern,
  dictionary: convertDict,
  parenthesized_expression: convertParenthesized,
  generator_expression: convertGenerator,
} as const satisfies Record<string, ExprHandler>;

type SupportedExprType = keyof typeof SUPPORTED;

/** Names for CST types outside the subset, used in `py-unsupported` messages. */
const UNSUPPORTED: Readonly<Record<string, string>> = {
  lambda: "lambda expressions",
  conditional_expression: "conditional expressions (`a if c else b`)",
  named_expression: "assignment expressions (`:=`)",
  as_pattern: "`as` outside a `with` item",
  await: "`await` expressions",
  subscript: "subscripts (`x[i]`)",
  slice: "slices",
  list_comprehension: "list comprehensions",
  dictionary_comprehension: "dict comprehensions",
  set_comprehension: "set comprehensions",
  set: "set literals",
  ellipsis: "`...` (Ellipsis)",
  list_splat: "`*` unpacking",
  list_splat_pattern: "`*` unpacking",
  dictionary_splat: "`**` unpacking",
  parenthesized_list_splat: "`*` unpacking",
  yield: "`yield` expressions",
  keyword_argument: "keyword arguments outside a call",
};

/**
 * Brackets and prefix operators are what the EBNF's nesting measure counts (part 5); the
 * `depth` handed to a handler already includes its own node.
 */
const NESTING: ReadonlySet<string> = new Set([
  "list",
  "tuple",
  "dictionary",
  "parenthesized_expression",
  "generator_expression",
  "list_pattern",
  "tuple_pattern",
  "not_operator",
  "unary_operator",
]);

export function convertExpr(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): Expr | undefined {
  const type = node.type;
  if (Object.hasOwn(SUPPORTED, type)) {
    const nested = NESTING.has(type) ? depth + 1 : depth;
    if (nested > ctx.maxDepth) return reportTooDeep(ctx, node);
    return inFrame(ctx, node, () =>
      SUPPORTED[type as SupportedExprType](ctx, node, nested),
    );
  }
  if (type === "binary_operator") {
    const op = field(node, "operator");
    return reportUnsupported(
      ctx,
      node,
      `the binary operator \`${op === undefined ? "?" : op.type}\``,
    );
  }
  return reportUnsupported(ctx, node, UNSUPPORTED[type] ?? `\`${type}\``);
}

/** Converts every node, reporting all failures; `undefined` if any failed. */
export function convertAll(
  ctx: ConvertContext,
  nodes: readonly CstNode[],
  depth: number,
): Expr[] | undefined {
  const out: Expr[] = [];
  let failed = false;
  for (const n of nodes) {
    const e = convertExpr(ctx, n, depth);
    if (e === undefined) failed = true;
    else out.push(e);
  }
  return failed ? undefined : out;
}

/**
 * CPython NFKC-normalises non-ASCII identifiers (PEP 3131). `async`/`await` are keywords
 * that tree-sitter still accepts as names (Python 3.6 compatibility).
 */
export function convertName(
  ctx: ConvertContext,
  node: CstNode,
): Name | undefined {
  // Names are the commonest node: their end offset (a wasm call) is read once.
  const end = node.endIndex;
  const raw = ctx.text.slice(node.startIndex, end);
  if (raw === "async" || raw === "await")
    return reportSyntax(
      ctx,
      node,
      `\`${raw}\` is a keyword and cannot be used as a name`,
    );
  return {
    kind: "Name",
    id: identifierText(raw),
    span: ctx.lines.span(node.startIndex, end),
  };
}

function identifierText(raw: string): string {
  return /^[\x00-\x7f]*$/.test(raw) ? raw : raw.normalize("NFKC");
}

function convertAttribute(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): Expr | undefined {
  const object = field(node, "object");
  const attr = field(node, "attribute");
  if (object === undefined || attr === undefined)
    return reportSyntax(ctx, node, "incomplete attribute access");
  const value = convertExpr(ctx, object, depth);
  const name = convertName(ctx, attr);
  if (value === undefined || name === undefined) return undefined;
  return { kind: "Attribute", value, attr: name.id, span: spanOf(ctx, node) };
}

function convertList(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): List | undefined {
  const elts = convertAll(ctx, syntaxChildren(ctx, node), depth);
  return elts && { kind: "List", elts, span: spanOf(ctx, node) };
}

function convertTuple(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): Tuple | undefined {
  const elts = convertAll(ctx, syntaxChildren(ctx, node), depth);
  return elts && { kind: "Tuple", elts, span: spanOf(ctx, node) };
}

function convertTuplePattern(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): Expr | undefined {
  const elements = syntaxChildren(ctx, node);
  const [only] = elements;
  if (
    only !== undefined &&
    elements.length === 1 &&
    !tokens(ctx, node).some((t) => t.type === ",")
  )
    return convertExpr(ctx, only, depth);
  return convertTuple(ctx, node, depth);
}

function convertDict(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): Dict | undefined {
  // tree-sitter's grammar allows a lone trailing comma: `{,}`.
  if (
    syntaxChildren(ctx, node).length === 0 &&
    tokens(ctx, node).some((t) => t.type === ",")
  )
    return reportSyntax(ctx, node, "invalid syntax: `,` without an item");
  const keys: Expr[] = [];
  const values: Expr[] = [];
  let failed = false;
  for (const item of syntaxChildren(ctx, node)) {
    const key = item.type === "pair" ? field(item, "key") : undefined;
    const value = item.type === "pair" ? field(item, "value") : undefined;
    if (key === undefined || value === undefined) {
      failed = true;
      convertExpr(ctx, item, depth);
      continue;
    }
    const k = convertExpr(ctx, key, depth);
    const v = convertExpr(ctx, value, depth);
    if (k === undefined || v === undefined) failed = true;
    else {
      keys.push(k);
      values.push(v);
    }
  }
  return failed
    ? undefined
    : { kind: "Dict", keys, values, span: spanOf(ctx, node) };
}

/** CPython keeps no node for parentheses: the inner expression keeps its own span. */
function convertParenthesized(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): Expr | undefined {
  const [inner, ...rest] = syntaxChildren(ctx, node);
  if (inner === undefined || rest.length > 0)
    return reportSyntax(ctx, node, "malformed parenthesized expression");
  return convertExpr(ctx, inner, depth);
}

/** `name=value` inside a call. */
export function convertKeyword(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
): Keyword | undefined {
  const name = field(node, "name");
  const value = field(node, "value");
  if (name === undefined || value === undefined)
    return reportSyntax(ctx, node, "incomplete keyword argument");
  const arg = convertName(ctx, name);
  const v = convertExpr(ctx, value, depth);
  return arg && v && { arg: arg.id, value: v, span: spanOf(ctx, node) };
}
