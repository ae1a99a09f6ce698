/**
 * tree-sitter-python statements → our `Stmt`: the dispatch table, statement sequences and
 * suites with CPython's indentation rules (tree-sitter's scanner is lenient about them).
 * Simple statements are in `convert-simple-statement.ts`, compound ones in
 * `convert-compound-statement.ts`.
 */
import { codes } from "../../diagnostics/codes.js";
import { error } from "../../diagnostics/diagnostic.js";
import type { Stmt } from "../ast/nodes.js";
import {
  convertDecorated,
  convertFor,
  convertFunction,
  convertIf,
  convertWith,
} from "./convert-compound-statement.js";
import {
  inFrame,
  reportSyntax,
  reportTooDeep,
  reportUnsupported,
  spanOf,
  syntaxChildren,
  type ConvertContext,
  type CstNode,
} from "./convert-context.js";
import { convertExpressionStatement } from "./convert-simple-statement.js";
import {
  compareIndentation,
  lineIndentation,
  type Indentation,
  type IndentationOrder,
} from "./indentation.js";

/** `indent` is the statement's own indentation when it starts a line, else `undefined`. */
type StmtHandler = (
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
  indent: Indentation | undefined,
) => Stmt | undefined;

const SUPPORTED = {
  expression_statement: convertExpressionStatement,
  pass_statement: (ctx, node) => ({ kind: "Pass", span: spanOf(ctx, node) }),
  if_statement: convertIf,
  for_statement: convertFor,
  with_statement: convertWith,
  function_definition: (ctx, node, depth, indent) =>
    convertFunction(ctx, node, [], depth, indent),
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
  print_statement:
    "Missing parentheses in call to 'print'. Did you mean print(...)?",
  exec_statement:
    "Missing parentheses in call to 'exec'. Did you mean exec(...)?",
};

/**
 * A statement sequence whose line-starting statements must all be indented like `block`
 * (`undefined` for the `;`-separated statements of a one-line suite).
 */
export function convertStatements(
  ctx: ConvertContext,
  nodes: readonly CstNode[],
  depth: number,
  block: Indentation | undefined,
): Stmt[] | undefined {
  const out: Stmt[] = [];
  let failed = false;
  for (const node of nodes) {
    const indent = block && indentationAt(ctx, node.startIndex);
    const order = indent && compareIndentation(indent, block ?? indent);
    const stmt =
      order !== undefined && order !== "equal"
        ? reportIndentation(ctx, node, order)
        : convertStatement(ctx, node, depth, indent);
    if (stmt === undefined) failed = true;
    else out.push(stmt);
  }
  return failed ? undefined : out;
}

/** A backslash ending a comment is not a continuation; tree-sitter knows which is which. */
function indentationAt(
  ctx: ConvertContext,
  offset: number,
): Indentation | undefined {
  return lineIndentation(
    ctx.text,
    offset,
    (i) => ctx.root.descendantForIndex(i, i + 1)?.type === "line_continuation",
  );
}

const INDENTATION_MESSAGES = {
  equal: "unexpected statement",
  deeper: "unexpected indent",
  shallower: "unindent does not match any outer indentation level",
  inconsistent: "inconsistent use of tabs and spaces in indentation",
} as const satisfies Record<IndentationOrder, string>;

function reportIndentation(
  ctx: ConvertContext,
  node: CstNode,
  order: IndentationOrder,
): undefined {
  const span = ctx.lines.span(node.startIndex, node.startIndex + 1);
  ctx.diagnostics.push(
    error(codes.pyIndentation, INDENTATION_MESSAGES[order], { span }),
  );
  return undefined;
}

function convertStatement(
  ctx: ConvertContext,
  node: CstNode,
  depth: number,
  indent: Indentation | undefined,
): Stmt | undefined {
  const type = node.type;
  if (Object.hasOwn(SUPPORTED, type))
    return inFrame(ctx, node, () =>
      SUPPORTED[type as SupportedStmtType](ctx, node, depth, indent),
    );
  const python2 = PYTHON2[type];
  if (python2 !== undefined) return reportSyntax(ctx, node, python2);
  return reportUnsupported(ctx, node, UNSUPPORTED[type] ?? `\`${type}\``);
}

/**
 * The statements of a suite: on the header's line, or an indented block deeper than the
 * header (`owner`, indented `indent`). An empty one is CPython's "expected an indented block".
 */
export function convertBody(
  ctx: ConvertContext,
  owner: CstNode,
  block: CstNode | undefined,
  what: string,
  depth: number,
  indent: Indentation | undefined,
): Stmt[] | undefined {
  const statements = block === undefined ? [] : syntaxChildren(ctx, block);
  const first = statements[0];
  const blockIndent = first && indentationAt(ctx, first.startIndex);
  const order =
    blockIndent && indent && compareIndentation(blockIndent, indent);
  if (order === "inconsistent")
    return reportIndentation(ctx, first ?? owner, order);
  if (first === undefined || (order !== undefined && order !== "deeper")) {
    const span = ctx.lines.span(
      owner.startIndex,
      block?.startIndex ?? owner.endIndex,
    );
    ctx.diagnostics.push(
      error(
        codes.pyIndentation,
        `expected an indented block after ${what} on line ${span.start.line}`,
        { span },
      ),
    );
    return undefined;
  }
  // An indented block is one level of the EBNF's nesting measure; a one-line suite is not.
  const nested = blockIndent === undefined ? depth : depth + 1;
  if (nested > ctx.maxDepth) return reportTooDeep(ctx, first);
  return convertStatements(ctx, statements, nested, blockIndent);
}

/** `elif`/`else` (and a decorated `def`) start their own line, indented like the statement. */
export function checkClauseIndentation(
  ctx: ConvertContext,
  clause: CstNode,
  indent: Indentation | undefined,
): boolean {
  if (indent === undefined) return true;
  const own = indentationAt(ctx, clause.startIndex);
  if (own === undefined) {
    reportSyntax(
      ctx,
      clause,
      "invalid syntax: this clause must start a new line",
    );
    return false;
  }
  const order = compareIndentation(own, indent);
  if (order === "equal") return true;
  reportIndentation(ctx, clause, order);
  return false;
}

/** From the start of `node` to the end of the last statement (body or `else`). */
export function compoundSpan(
  ctx: ConvertContext,
  node: CstNode,
  last: readonly Stmt[],
) {
  const end = last[last.length - 1]?.span?.end.offset ?? node.endIndex;
  return ctx.lines.span(node.startIndex, end);
}
