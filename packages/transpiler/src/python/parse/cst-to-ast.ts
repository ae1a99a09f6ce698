/**
 * CST → AST for statements (EBNF §2); expressions are in `cst-expressions.ts`. Every node
 * gets a span. Statements outside the subset are reported once, at their header, and
 * their bodies are not examined (one clear diagnostic instead of a cascade).
 */
import type { IToken } from "chevrotain";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { LineIndex } from "../../source/line-index.js";
import type { Span } from "../../source/span.js";
import type {
  Expr,
  FunctionDef,
  If,
  Module,
  Stmt,
  WithItem,
} from "../ast/nodes.js";
import {
  nodeRange,
  tokenEnd,
  tokenSpan,
  unsupported,
  type ConvertContext,
} from "./convert-context.js";
import {
  checkTarget,
  identifier,
  convertNamedExpression,
  convertTargetOperand,
  convertSingle,
  convertStarList,
  convertTargetList,
  convertTest,
} from "./cst-expressions.js";
import type {
  DecoratedCstNode,
  ForStatementCstNode,
  FunctionDefCstNode,
  IfStatementCstNode,
  ModuleCstNode,
  SimpleStatementsCstNode,
  SmallStatementCstNode,
  StatementCstNode,
  SuiteCstNode,
  UnsupportedCompoundCstNode,
  WithStatementCstNode,
} from "./cst.generated.js";
import { noneUnlisted, type Unlisted } from "./unlisted.js";

export interface ConvertedModule {
  readonly module: Module;
  readonly diagnostics: readonly Diagnostic[];
  readonly unlisted: Unlisted;
}

/** The first `maxListed` problems found become diagnostics, the others are only counted. */
export function cstToAst(
  cst: ModuleCstNode,
  lines: LineIndex,
  length: number,
  maxListed = Number.POSITIVE_INFINITY,
): ConvertedModule {
  const ctx: ConvertContext = {
    lines,
    diagnostics: [],
    maxListed,
    unlisted: noneUnlisted(),
  };
  const body = statements(ctx, cst.children.statement ?? []);
  return {
    module: { kind: "Module", body, span: lines.span(0, length) },
    diagnostics: ctx.diagnostics,
    unlisted: ctx.unlisted,
  };
}

function statements(
  ctx: ConvertContext,
  nodes: readonly StatementCstNode[],
): Stmt[] {
  const out: Stmt[] = [];
  for (const node of nodes) statement(ctx, node, out);
  return out;
}

function statement(
  ctx: ConvertContext,
  node: StatementCstNode,
  out: Stmt[],
): void {
  const c = node.children;
  if (c.smallStatement !== undefined) {
    for (const small of c.smallStatement) smallStatement(ctx, small, out);
  } else if (c.ifStatement?.[0] !== undefined)
    out.push(ifStatement(ctx, c.ifStatement[0]));
  else if (c.forStatement?.[0] !== undefined)
    out.push(forStatement(ctx, c.forStatement[0]));
  else if (c.withStatement?.[0] !== undefined)
    out.push(withStatement(ctx, c.withStatement[0]));
  else if (c.functionDef?.[0] !== undefined)
    out.push(functionDef(ctx, c.functionDef[0], []));
  else if (c.decorated?.[0] !== undefined) decorated(ctx, c.decorated[0], out);
  else if (c.unsupportedCompound?.[0] !== undefined)
    unsupportedCompound(ctx, c.unsupportedCompound[0]);
  else if (c.softKeywordStatement?.[0] !== undefined) {
    const keyword = c.softKeywordStatement[0].children.Name[0];
    const colon = c.softKeywordStatement[0].children.Colon[0];
    if (keyword !== undefined) {
      unsupported(
        ctx,
        `'${keyword.image}' statements are not supported`,
        keyword.startOffset,
        colon === undefined ? tokenEnd(keyword) : tokenEnd(colon),
        "use if/elif/else",
      );
    }
  }
}

function suite(ctx: ConvertContext, node: SuiteCstNode | undefined): Stmt[] {
  if (node === undefined) return [];
  const simple = node.children.simpleStatements?.[0];
  if (simple !== undefined) {
    const out: Stmt[] = [];
    simpleStatements(ctx, simple, out);
    return out;
  }
  return statements(ctx, node.children.statement ?? []);
}

/** Span from a header token to the end of the last statement of the last body. */
function blockSpan(
  ctx: ConvertContext,
  first: IToken | undefined,
  body: readonly Stmt[],
  fallback: IToken | undefined,
): Span | undefined {
  if (first === undefined) return undefined;
  const last =
    body[body.length - 1]?.span?.end ??
    (fallback === undefined
      ? undefined
      : ctx.lines.position(tokenEnd(fallback)));
  return {
    start: ctx.lines.position(first.startOffset),
    end: last ?? ctx.lines.position(tokenEnd(first)),
  };
}

// ---------------------------------------------------------------- simple statements

const simpleKeywords: Readonly<
  Record<string, { readonly what: string; readonly hint: string }>
> = {
  import: {
    what: "import statements are",
    hint: "remove the import; workflow code uses no modules",
  },
  from: {
    what: "import statements are",
    hint: "remove the import; workflow code uses no modules",
  },
  return: {
    what: "return statements are",
    hint: "a workflow body describes steps and returns nothing; remove the return",
  },
  global: { what: "global declarations are", hint: "remove it" },
  nonlocal: { what: "nonlocal declarations are", hint: "remove it" },
  del: { what: "del statements are", hint: "remove it" },
  assert: { what: "assert statements are", hint: "use an if statement" },
  raise: {
    what: "raise statements are",
    hint: "exceptions are outside the supported Python subset",
  },
  break: {
    what: "break statements are",
    hint: "restructure the loop with if statements",
  },
  continue: {
    what: "continue statements are",
    hint: "restructure the loop with if statements",
  },
  yield: {
    what: "yield expressions are",
    hint: "a workflow function does not yield values",
  },
};

function simpleStatements(
  ctx: ConvertContext,
  node: SimpleStatementsCstNode,
  out: Stmt[],
): void {
  for (const small of node.children.smallStatement)
    smallStatement(ctx, small, out);
}

function smallStatement(
  ctx: ConvertContext,
  node: SmallStatementCstNode,
  out: Stmt[],
): void {
  const c = node.children;
  const pass = c.Pass?.[0];
  if (pass !== undefined) {
    out.push({ kind: "Pass", span: tokenSpan(ctx, pass) });
    return;
  }
  const keyword = c.SimpleStatementKeyword?.[0];
  if (keyword !== undefined) {
    const info = simpleKeywords[keyword.image] ?? {
      what: `'${keyword.image}' statements are`,
      hint: "remove it",
    };
    const range = nodeRange(node);
    unsupported(
      ctx,
      `${info.what} not supported`,
      range.start,
      range.end,
      info.hint,
    );
    return;
  }
  const stmt = expressionStatement(ctx, node);
  if (stmt !== undefined) out.push(stmt);
}

/** The expression-statement alternative of `smallStatement` (inlined in the grammar). */
function expressionStatement(
  ctx: ConvertContext,
  node: SmallStatementCstNode,
): Stmt | undefined {
  const c = node.children;
  const head = c.starList?.[0];
  if (head === undefined) return undefined;
  const augmented = c.AugmentedAssign?.[0];
  if (augmented !== undefined) {
    unsupported(
      ctx,
      `augmented assignment ('${augmented.image}') is not supported`,
      augmented.startOffset,
      tokenEnd(augmented),
      "assign the new value to a new name with '='",
    );
    return undefined;
  }
  const colon = c.Colon?.[0];
  if (colon !== undefined) {
    const range = nodeRange(node);
    unsupported(
      ctx,
      "annotated assignments (x: T = …) are not supported",
      range.start,
      range.end,
      "drop the type annotation",
    );
    return undefined;
  }
  const values = c.assignedValue ?? [];
  if (values.length === 0) {
    const value = convertSingle(ctx, head);
    return {
      kind: "Expr",
      value: value.expr,
      span: ctx.lines.span(value.start, value.end),
    };
  }
  if (values.length > 1) {
    const range = nodeRange(node);
    unsupported(
      ctx,
      "chained assignment (a = b = …) is not supported",
      range.start,
      range.end,
      "assign one name per statement",
    );
    return undefined;
  }
  const { items, tuple } = convertStarList(ctx, head);
  const first = items[0];
  if (tuple || first === undefined) {
    const range = nodeRange(head);
    if ((head.children.Star?.length ?? 0) === 0) {
      unsupported(
        ctx,
        "unpacking assignment (a, b = …) is not supported",
        range.start,
        range.end,
        "assign one name per statement",
      );
    }
    return undefined;
  }
  const target = checkTarget(ctx, first.expr, "assignment target");
  const valueNode = values[0];
  const yieldNode = valueNode?.children.yieldExpression?.[0];
  if (yieldNode !== undefined) {
    const range = nodeRange(yieldNode);
    unsupported(
      ctx,
      "yield expressions are not supported",
      range.start,
      range.end,
      "a workflow function does not yield values",
    );
    return undefined;
  }
  const list = valueNode?.children.starList?.[0];
  if (list === undefined) return undefined;
  const value = convertSingle(ctx, list);
  return {
    kind: "Assign",
    targets: [target],
    value: value.expr,
    span: ctx.lines.span(first.start, value.end),
  };
}

// ---------------------------------------------------------------- compound statements

function ifStatement(ctx: ConvertContext, node: IfStatementCstNode): If {
  const c = node.children;
  const [bodyNode, elseNode] = c.suite;
  const test = testOf(ctx, c.namedExpression[0]);
  const body = suite(ctx, bodyNode);
  let orelse: Stmt[] = c.Else === undefined ? [] : suite(ctx, elseNode);
  // `elif` chains nest as `If` inside `orelse`; build them from the last clause backwards.
  const elifs = c.elifClause ?? [];
  const converted = elifs.map((e) => ({
    keyword: e.children.Elif[0],
    colon: e.children.Colon[0],
    test: testOf(ctx, e.children.namedExpression[0]),
    body: suite(ctx, e.children.suite[0]),
  }));
  for (let i = converted.length - 1; i >= 0; i--) {
    const e = converted[i];
    if (e === undefined) continue;
    const span = blockSpan(
      ctx,
      e.keyword,
      orelse.length > 0 ? orelse : e.body,
      e.colon,
    );
    orelse = [
      span === undefined
        ? { kind: "If", test: e.test, body: e.body, orelse }
        : { kind: "If", test: e.test, body: e.body, orelse, span },
    ];
  }
  const span = blockSpan(
    ctx,
    c.If[0],
    orelse.length > 0 ? orelse : body,
    c.Colon[0],
  );
  return span === undefined
    ? { kind: "If", test, body, orelse }
    : { kind: "If", test, body, orelse, span };
}

function testOf(
  ctx: ConvertContext,
  node: Parameters<typeof convertNamedExpression>[1] | undefined,
): Expr {
  return node === undefined
    ? { kind: "Name", id: "" }
    : convertNamedExpression(ctx, node);
}

function forStatement(ctx: ConvertContext, node: ForStatementCstNode): Stmt {
  const c = node.children;
  const target = convertTargetList(ctx, c.targetList[0], "for loop variable");
  const iterNode = c.starList[0];
  const iter =
    iterNode === undefined
      ? { kind: "Name" as const, id: "" }
      : convertSingle(ctx, iterNode).expr;
  const body = suite(ctx, c.suite[0]);
  const elseToken = c.Else?.[0];
  if (elseToken !== undefined) {
    unsupported(
      ctx,
      "for-else is not supported",
      elseToken.startOffset,
      tokenEnd(elseToken),
      "move the else body after the loop, guarded by an if",
    );
  }
  const span = blockSpan(ctx, c.For[0], body, c.Colon[0]);
  return span === undefined
    ? { kind: "For", target, iter, body }
    : { kind: "For", target, iter, body, span };
}

function withStatement(ctx: ConvertContext, node: WithStatementCstNode): Stmt {
  const c = node.children;
  const items: WithItem[] = (c.withItem ?? []).map((item) => {
    const [expr] = item.children.test;
    const context_expr =
      expr === undefined
        ? { kind: "Name" as const, id: "" }
        : convertTest(ctx, expr);
    const target = item.children.operand?.[0];
    if (target === undefined) return { context_expr };
    const star = item.children.Star?.[0];
    if (star !== undefined) {
      unsupported(
        ctx,
        "'*' unpacking is not supported",
        star.startOffset,
        tokenEnd(star),
        "use a single name after 'as'",
      );
    }
    return {
      context_expr,
      optional_vars: checkTarget(
        ctx,
        convertTargetOperand(ctx, target),
        "with ... as target",
      ),
    };
  });
  const body = suite(ctx, c.suite[0]);
  const span = blockSpan(ctx, c.With[0], body, c.Colon[0]);
  return span === undefined
    ? { kind: "With", items, body }
    : { kind: "With", items, body, span };
}

function functionDef(
  ctx: ConvertContext,
  node: FunctionDefCstNode,
  decorator_list: readonly Expr[],
): FunctionDef {
  const c = node.children;
  const args: string[] = [];
  for (const parameter of c.parameter ?? []) {
    const p = parameter.children;
    const name = p.parameterName?.[0];
    const marker = p.Slash?.[0] ?? p.Star?.[0] ?? p.DoubleStar?.[0];
    const plain = name?.children.Name[0];
    if (
      marker === undefined &&
      name?.children.Colon === undefined &&
      p.Equals === undefined &&
      plain !== undefined
    ) {
      args.push(identifier(plain));
      continue;
    }
    const range = nodeRange(parameter);
    if (marker !== undefined) {
      const what =
        marker.image === "/"
          ? "positional-only markers ('/')"
          : marker.image === "*"
            ? "'*' parameters"
            : "'**' parameters";
      unsupported(
        ctx,
        `${what} are not supported`,
        range.start,
        range.end,
        "use plain parameter names",
      );
    } else if (name?.children.Colon !== undefined) {
      unsupported(
        ctx,
        "parameter annotations are not supported",
        range.start,
        range.end,
        "drop the type annotation",
      );
    } else if (p.Equals !== undefined) {
      unsupported(
        ctx,
        "default parameter values are not supported",
        range.start,
        range.end,
        "use plain parameter names",
      );
    }
  }
  const arrow = c.Arrow?.[0];
  if (arrow !== undefined) {
    const end =
      c.test?.[0] === undefined ? tokenEnd(arrow) : nodeRange(c.test[0]).end;
    unsupported(
      ctx,
      "return annotations are not supported",
      arrow.startOffset,
      end,
      "drop the '-> …' annotation",
    );
  }
  const body = suite(ctx, c.suite[0]);
  const nameToken = c.Name[0];
  const name = nameToken === undefined ? "" : identifier(nameToken);
  const span = blockSpan(ctx, c.Def[0], body, c.Colon[0]);
  const result: FunctionDef =
    span === undefined
      ? { kind: "FunctionDef", name, args, body, decorator_list }
      : { kind: "FunctionDef", name, args, body, decorator_list, span };
  return result;
}

function decorated(
  ctx: ConvertContext,
  node: DecoratedCstNode,
  out: Stmt[],
): void {
  const decorators = node.children.namedExpression.map((d) =>
    convertNamedExpression(ctx, d),
  );
  const def = node.children.functionDef?.[0];
  if (def !== undefined) out.push(functionDef(ctx, def, decorators));
  const other = node.children.unsupportedCompound?.[0];
  if (other !== undefined) unsupportedCompound(ctx, other);
}

const compoundKeywords: Readonly<
  Record<string, { readonly what: string; readonly hint: string }>
> = {
  class: {
    what: "class definitions are",
    hint: "define workflow steps with def functions",
  },
  while: { what: "while loops are", hint: "use a for loop over a collection" },
  try: {
    what: "try statements are",
    hint: "error handling is outside the supported Python subset",
  },
  async: { what: "async functions and statements are", hint: "remove 'async'" },
};

function unsupportedCompound(
  ctx: ConvertContext,
  node: UnsupportedCompoundCstNode,
): void {
  const keyword = node.children.CompoundStatementKeyword[0];
  const colon = node.children.Colon[0];
  if (keyword === undefined) return;
  const info = compoundKeywords[keyword.image] ?? {
    what: `'${keyword.image}' statements are`,
    hint: "remove it",
  };
  unsupported(
    ctx,
    `${info.what} not supported`,
    keyword.startOffset,
    colon === undefined ? tokenEnd(keyword) : tokenEnd(colon),
    info.hint,
  );
}
