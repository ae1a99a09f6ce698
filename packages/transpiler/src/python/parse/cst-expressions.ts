/**
 * CST → AST for expressions (EBNF §3): atoms, trailers, calls, containers, generator
 * expressions and assignment targets. Constructs outside the subset are reported with
 * `py-unsupported` and replaced by a placeholder; checks CPython's parser makes on top of
 * the grammar (keyword names, argument order, generator placement, assignment targets)
 * are reported as `py-syntax`, so we never accept what `ast.parse` rejects.
 */
import type { IToken } from "chevrotain";
import type { Span } from "../../source/span.js";
import type {
  Comprehension,
  Constant,
  Expr,
  Keyword,
  Name,
} from "../ast/nodes.js";
import {
  nodeRange,
  placeholder,
  syntaxError,
  tokenEnd,
  tokenSpan,
  unsupported,
  type ConvertContext,
  type Part,
} from "./convert-context.js";
import { InternalError } from "../../diagnostics/errors.js";
import { convertDisjunction } from "./cst-operators.js";
import type {
  BraceAtomCstNode,
  CallArgumentsCstNode,
  ComprehensionForCstNode,
  ListAtomCstNode,
  NamedExpressionCstNode,
  OperandCstNode,
  ParenAtomCstNode,
  SequenceCstNode,
  StarListCstNode,
  TargetListCstNode,
  TestCstNode,
} from "./cst.generated.js";
import type { StringPayload } from "./string-literal.js";

const starredHint =
  "unpacking with '*' or '**' is outside the supported Python subset; pass the items explicitly";
const tupleHint = "wrap the items in parentheses: (a, b)";

function reportedPart(ctx: ConvertContext, start: number, end: number): Part {
  return { expr: placeholder(ctx.lines.span(start, end)), start, end };
}

export function convertTestPart(ctx: ConvertContext, node: TestCstNode): Part {
  const { Lambda, If, disjunction } = node.children;
  if (
    Lambda?.[0] === undefined &&
    (If?.[0] === undefined || disjunction === undefined)
  ) {
    return convertDisjunction(ctx, node.children, convertOperand);
  }
  const range = nodeRange(node);
  if (Lambda?.[0] !== undefined) {
    unsupported(
      ctx,
      "lambda expressions are not supported",
      range.start,
      range.end,
      "define a named function with def, or inline the value",
    );
  } else {
    unsupported(
      ctx,
      "conditional expressions (x if c else y) are not supported",
      range.start,
      range.end,
      "use an if statement",
    );
  }
  return reportedPart(ctx, range.start, range.end);
}

export function convertTest(ctx: ConvertContext, node: TestCstNode): Expr {
  return convertTestPart(ctx, node).expr;
}

export function convertNamedExpression(
  ctx: ConvertContext,
  node: NamedExpressionCstNode,
): Expr {
  const [value] = node.children.test;
  const walrus = node.children.Walrus?.[0];
  if (walrus !== undefined) return reportWalrus(ctx, walrus);
  return value === undefined ? placeholder(undefined) : convertTest(ctx, value);
}

function reportWalrus(ctx: ConvertContext, walrus: IToken): Expr {
  unsupported(
    ctx,
    "assignment expressions (:=) are not supported",
    walrus.startOffset,
    tokenEnd(walrus),
    "assign with '=' in a separate statement",
  );
  return placeholder(tokenSpan(ctx, walrus));
}

/** Items of a `starList`; a second element or a trailing comma means a bare tuple. */
export function convertStarList(
  ctx: ConvertContext,
  node: StarListCstNode,
): { readonly items: Part[]; readonly tuple: boolean } {
  for (const star of node.children.Star ?? []) reportStarred(ctx, star);
  const items = (node.children.test ?? []).map((t) => convertTestPart(ctx, t));
  return {
    items,
    tuple:
      (node.children.Comma?.length ?? 0) > 0 ||
      (node.children.Star?.length ?? 0) > 0,
  };
}

/** A single expression from a `starList`, reporting an unparenthesised tuple. */
export function convertSingle(
  ctx: ConvertContext,
  node: StarListCstNode,
): Part {
  const { items, tuple } = convertStarList(ctx, node);
  const first = items[0];
  if (!tuple && first !== undefined) return first;
  const range = nodeRange(node);
  if ((node.children.Star?.length ?? 0) === 0) {
    unsupported(
      ctx,
      "tuples without parentheses are not supported",
      range.start,
      range.end,
      tupleHint,
    );
  }
  return reportedPart(ctx, range.start, range.end);
}

function reportStarred(ctx: ConvertContext, star: IToken): void {
  unsupported(
    ctx,
    `'${star.image}' unpacking is not supported`,
    star.startOffset,
    tokenEnd(star),
    starredHint,
  );
}

// ---------------------------------------------------------------- operands

/** One operand: its atom and trailers (prefix operators are applied by `cst-operators.ts`). */
export function convertOperand(
  ctx: ConvertContext,
  node: OperandCstNode,
): Part {
  const atom = convertAtom(ctx, node);
  const c = node.children;
  const trailers = c.trailer;
  if (trailers === undefined) return atom;
  const start = atom.start;
  let expr = atom.expr;
  let end = atom.end;
  let call = 0;
  let attr = 0;
  let subscript = 0;
  for (const opener of trailers) {
    if (opener.image === "(") {
      const args = c.callArguments?.[call];
      const close = c.callEnd?.[call];
      call++;
      if (args === undefined || close === undefined) continue;
      end = tokenEnd(close);
      expr = convertCall(ctx, expr, start, opener, args, close);
    } else if (opener.image === ".") {
      const name = c.attr?.[attr++];
      if (name === undefined) continue;
      end = tokenEnd(name);
      expr = {
        kind: "Attribute",
        value: expr,
        attr: identifier(name),
        span: ctx.lines.span(start, end),
      };
    } else {
      const close = c.subscriptEnd?.[subscript++];
      end = close === undefined ? tokenEnd(opener) : tokenEnd(close);
      unsupported(
        ctx,
        "subscripts and slices (x[…]) are not supported",
        opener.startOffset,
        end,
        "use attribute access; iterate over lists with a for loop",
      );
      expr = placeholder(ctx.lines.span(start, end));
    }
  }
  return { expr, start, end };
}

/** Identifiers are NFKC-normalised by the lexer when not ASCII (kept in `payload`). */
export function identifier(t: IToken): string {
  const payload: unknown = t.payload;
  return typeof payload === "string" ? payload : t.image;
}

/** The extent of a one-token atom: offsets and span (the atom node is built by the caller). */
function tokenExtent(
  ctx: ConvertContext,
  t: IToken,
): { readonly start: number; readonly end: number; readonly span: Span } {
  const end = tokenEnd(t);
  return {
    start: t.startOffset,
    end,
    span: ctx.lines.span(t.startOffset, end),
  };
}

/** The extent of a bracketed atom: the brackets, whatever node it produces. */
function bracketExtent(
  ctx: ConvertContext,
  open: IToken | undefined,
  close: IToken | undefined,
): { readonly start: number; readonly end: number; readonly span: Span } {
  const start = open?.startOffset ?? 0;
  const end = close === undefined ? start : tokenEnd(close);
  return { start, end, span: ctx.lines.span(start, end) };
}

// Atoms are the most frequent nodes, so each case builds its node directly rather than
// through a callback (one closure less per atom).
function convertAtom(ctx: ConvertContext, node: OperandCstNode): Part {
  const c = node.children;
  const name = c.Name?.[0];
  if (name !== undefined) {
    const { start, end, span } = tokenExtent(ctx, name);
    return { expr: { kind: "Name", id: identifier(name), span }, start, end };
  }
  const number = c.NumberLiteral?.[0];
  if (number !== undefined) {
    const { start, end, span } = tokenExtent(ctx, number);
    return { expr: numberConstant(number, span), start, end };
  }
  const strings = c.StringLiteral;
  if (strings !== undefined) return stringConstant(ctx, strings);
  const keyword = c.True?.[0] ?? c.False?.[0] ?? c.None?.[0];
  if (keyword !== undefined) {
    const value = keyword.image === "None" ? null : keyword.image === "True";
    const { start, end, span } = tokenExtent(ctx, keyword);
    const expr: Constant = { kind: "Constant", value, span };
    return { expr, start, end };
  }
  const ellipsis = c.Ellipsis?.[0];
  if (ellipsis !== undefined) {
    unsupported(
      ctx,
      "the ellipsis literal (...) is not supported",
      ellipsis.startOffset,
      tokenEnd(ellipsis),
      "use pass or None",
    );
    const { start, end, span } = tokenExtent(ctx, ellipsis);
    return { expr: placeholder(span), start, end };
  }
  const paren = c.parenAtom?.[0];
  if (paren !== undefined) {
    const { start, end, span } = bracketExtent(
      ctx,
      paren.children.LParen[0],
      paren.children.RParen[0],
    );
    return { expr: convertParen(ctx, paren, span), start, end };
  }
  const list = c.listAtom?.[0];
  if (list !== undefined) {
    const { start, end, span } = bracketExtent(
      ctx,
      list.children.LBracket[0],
      list.children.RBracket[0],
    );
    return { expr: convertList(ctx, list, span), start, end };
  }
  const brace = c.braceAtom?.[0];
  if (brace !== undefined) {
    const { start, end, span } = bracketExtent(
      ctx,
      brace.children.LBrace[0],
      brace.children.RBrace[0],
    );
    return { expr: convertBrace(ctx, brace, span), start, end };
  }
  throw new InternalError("operand without an atom");
}

export function numberConstant(t: IToken, span: Span): Constant {
  // `Number` understands 0x/0o/0b prefixes and leading zeros; only `_` separators must go.
  const raw = t.image;
  const value = Number(raw.includes("_") ? raw.replaceAll("_", "") : raw);
  return { kind: "Constant", value, raw, span };
}

/** Adjacent literals are one constant (implicit concatenation). */
function stringConstant(ctx: ConvertContext, tokens: readonly IToken[]): Part {
  let value = "";
  for (const t of tokens) value += (t.payload as StringPayload).value;
  const start = tokens[0]?.startOffset ?? 0;
  const last = tokens[tokens.length - 1];
  const end = last === undefined ? start : tokenEnd(last);
  return {
    expr: { kind: "Constant", value, span: ctx.lines.span(start, end) },
    start,
    end,
  };
}

// ---------------------------------------------------------------- containers

function convertParen(
  ctx: ConvertContext,
  node: ParenAtomCstNode,
  span: Span,
): Expr {
  const yieldExpr = node.children.yieldExpression?.[0];
  if (yieldExpr !== undefined) {
    const range = nodeRange(yieldExpr);
    unsupported(
      ctx,
      "yield expressions are not supported",
      range.start,
      range.end,
      "a workflow function does not yield values",
    );
    return placeholder(span);
  }
  const sequence = node.children.sequence?.[0];
  if (sequence === undefined) return { kind: "Tuple", elts: [], span };
  const { items, generators, commas } = convertSequence(ctx, sequence);
  if (generators !== undefined) {
    if (commas) {
      const range = nodeRange(sequence);
      syntaxError(
        ctx,
        "a generator expression must be the only item inside its parentheses",
        range.start,
        range.end,
        "put the generator expression in its own parentheses",
      );
    }
    return {
      kind: "GeneratorExp",
      elt: items[0] ?? placeholder(undefined),
      generators,
      span,
    };
  }
  if (!commas && items.length === 1 && items[0] !== undefined) return items[0];
  return { kind: "Tuple", elts: items, span };
}

function convertList(
  ctx: ConvertContext,
  node: ListAtomCstNode,
  span: Span,
): Expr {
  const sequence = node.children.sequence?.[0];
  if (sequence === undefined) return { kind: "List", elts: [], span };
  const { items, generators, commas } = convertSequence(ctx, sequence);
  if (generators !== undefined) {
    const range = nodeRange(node);
    unsupported(
      ctx,
      "list comprehensions are not supported",
      range.start,
      range.end,
      commas
        ? "use a for loop"
        : "use a for loop, or pass a generator expression to a function such as any(...)",
    );
    return placeholder(span);
  }
  return { kind: "List", elts: items, span };
}

function convertSequence(
  ctx: ConvertContext,
  node: SequenceCstNode,
): {
  readonly items: Expr[];
  readonly generators: Comprehension[] | undefined;
  readonly commas: boolean;
} {
  for (const star of node.children.Star ?? []) reportStarred(ctx, star);
  const walrus = node.children.Walrus?.[0];
  // With a walrus the `test` list mixes items and assigned values; it is reported anyway.
  const items =
    walrus === undefined
      ? (node.children.test ?? []).map((n) => convertTest(ctx, n))
      : [reportWalrus(ctx, walrus)];
  const fors = node.children.comprehensionFor;
  const generators =
    fors === undefined
      ? undefined
      : fors.map((f) => convertComprehension(ctx, f));
  return { items, generators, commas: (node.children.Comma?.length ?? 0) > 0 };
}

function convertBrace(
  ctx: ConvertContext,
  node: BraceAtomCstNode,
  span: Span,
): Expr {
  const items = node.children.braceItem ?? [];
  const keys: Expr[] = [];
  const values: Expr[] = [];
  let pairs = 0;
  let singles = 0;
  for (const item of items) {
    const c = item.children;
    const star = c.DoubleStar?.[0] ?? c.Star?.[0];
    if (star !== undefined) {
      reportStarred(ctx, star);
      continue;
    }
    const key = c.namedExpression?.[0];
    const value = c.test?.[0];
    if (key === undefined) continue;
    if (value === undefined) {
      singles++;
      convertNamedExpression(ctx, key);
      continue;
    }
    pairs++;
    keys.push(convertNamedExpression(ctx, key));
    values.push(convertTest(ctx, value));
  }
  if (node.children.comprehensionFor !== undefined) {
    const range = nodeRange(node);
    unsupported(
      ctx,
      `${pairs > 0 ? "dict" : "set"} comprehensions are not supported`,
      range.start,
      range.end,
      "use a for loop",
    );
    return placeholder(span);
  }
  if (singles > 0) {
    const range = nodeRange(node);
    if (pairs > 0)
      syntaxError(
        ctx,
        "invalid syntax: a dict literal needs 'key: value' for every item",
        range.start,
        range.end,
      );
    else
      unsupported(
        ctx,
        "set literals are not supported",
        range.start,
        range.end,
        "use a list: [a, b]",
      );
  }
  return { kind: "Dict", keys, values, span };
}

function convertComprehension(
  ctx: ConvertContext,
  node: ComprehensionForCstNode,
): Comprehension {
  const async = node.children.Async?.[0];
  if (async !== undefined) {
    unsupported(
      ctx,
      "async comprehensions are not supported",
      async.startOffset,
      tokenEnd(async),
      "remove 'async'",
    );
  }
  const [iterNode, ...ifNodes] = node.children.disjunction;
  const iter =
    iterNode === undefined
      ? placeholder(undefined)
      : convertDisjunction(ctx, iterNode.children, convertOperand).expr;
  const ifs = ifNodes.map(
    (n) => convertDisjunction(ctx, n.children, convertOperand).expr,
  );
  const target = convertTargetList(
    ctx,
    node.children.targetList[0],
    "loop variable",
  );
  return { target, iter, ifs };
}

// ---------------------------------------------------------------- calls

function convertCall(
  ctx: ConvertContext,
  func: Expr,
  start: number,
  open: IToken,
  node: CallArgumentsCstNode,
  close: IToken,
): Expr {
  const args: Expr[] = [];
  const keywords: Keyword[] = [];
  const argumentNodes = node.children.argument ?? [];
  let sawKeyword = false;
  let sawUnpacking = false;
  for (const argument of argumentNodes) {
    const c = argument.children;
    const star = c.Star?.[0] ?? c.DoubleStar?.[0];
    if (star !== undefined) {
      reportStarred(ctx, star);
      if (star.image === "**") sawUnpacking = true;
      continue;
    }
    const [first, second] = c.test ?? [];
    if (first === undefined) continue;
    const keyword = c.keyword?.[0];
    if (keyword !== undefined) {
      sawKeyword = true;
      const { expr: value, end } = convertTestPart(ctx, first);
      keywords.push({
        arg: identifier(keyword),
        value,
        span: ctx.lines.span(keyword.startOffset, end),
      });
      continue;
    }
    if (c.Equals !== undefined && second !== undefined) {
      sawKeyword = true;
      keywords.push(convertKeyword(ctx, first, second));
      continue;
    }
    if (sawKeyword || sawUnpacking) {
      const range = nodeRange(argument);
      syntaxError(
        ctx,
        `positional argument follows keyword argument${sawKeyword ? "" : " unpacking"}`,
        range.start,
        range.end,
        "put positional arguments before keyword arguments",
      );
    }
    const walrus = c.Walrus?.[0];
    if (walrus !== undefined) {
      args.push(reportWalrus(ctx, walrus));
      continue;
    }
    const fors = c.comprehensionFor;
    if (fors === undefined) {
      args.push(convertTest(ctx, first));
      continue;
    }
    if (argumentNodes.length > 1 || (node.children.Comma?.length ?? 0) > 0) {
      const range = nodeRange(argument);
      syntaxError(
        ctx,
        "generator expression must be parenthesized",
        range.start,
        range.end,
        "a generator expression can only be the sole argument; wrap it in parentheses",
      );
    }
    const generators = fors.map((f) => convertComprehension(ctx, f));
    args.push({
      kind: "GeneratorExp",
      elt: convertTest(ctx, first),
      generators,
      span: ctx.lines.span(open.startOffset, tokenEnd(close)),
    });
  }
  return {
    kind: "Call",
    func,
    args,
    keywords,
    span: ctx.lines.span(start, tokenEnd(close)),
  };
}

function convertKeyword(
  ctx: ConvertContext,
  nameNode: TestCstNode,
  valueNode: TestCstNode,
): Keyword {
  const name = plainName(nameNode);
  const { expr: value, end } = convertTestPart(ctx, valueNode);
  if (name === undefined) {
    const range = nodeRange(nameNode);
    syntaxError(
      ctx,
      'expression cannot contain assignment, perhaps you meant "=="?',
      range.start,
      range.end,
      "a keyword argument must be a plain name: f(name=value)",
    );
    return { arg: "", value };
  }
  return {
    arg: identifier(name),
    value,
    span: ctx.lines.span(name.startOffset, end),
  };
}

/** The name token when a `test` is exactly one bare name (no parentheses, operators or trailers). */
function plainName(node: TestCstNode): IToken | undefined {
  const c = node.children;
  if (c.If !== undefined || c.op !== undefined || c.operand?.length !== 1)
    return undefined;
  const operand = c.operand[0]?.children;
  if (
    operand === undefined ||
    operand.prefix !== undefined ||
    operand.trailer !== undefined
  )
    return undefined;
  return operand.Name?.[0];
}

// ---------------------------------------------------------------- targets

/** `for`/comprehension targets: exactly one name (parentheses allowed, as in CPython). */
export function convertTargetList(
  ctx: ConvertContext,
  node: TargetListCstNode | undefined,
  what: string,
): Name {
  if (node === undefined) return placeholder(undefined);
  for (const star of node.children.Star ?? []) reportStarred(ctx, star);
  const operands = (node.children.operand ?? []).map((o) =>
    convertTargetOperand(ctx, o),
  );
  if ((node.children.Comma?.length ?? 0) > 0 || operands.length !== 1) {
    const range = nodeRange(node);
    if ((node.children.Star?.length ?? 0) === 0) {
      unsupported(
        ctx,
        `unpacking into several names is not supported for a ${what}`,
        range.start,
        range.end,
        "use a single name",
      );
    }
    return placeholder(ctx.lines.span(range.start, range.end));
  }
  return checkTarget(ctx, operands[0] ?? placeholder(undefined), what);
}

/** A target operand, with any prefix operator applied so that `-x` is refused, not read as `x`. */
export function convertTargetOperand(
  ctx: ConvertContext,
  node: OperandCstNode,
): Expr {
  return convertDisjunction(ctx, { operand: [node] }, convertOperand).expr;
}

const targetDescriptions: Readonly<Record<Expr["kind"], string>> = {
  BoolOp: "expression",
  UnaryOp: "expression",
  Compare: "comparison",
  Call: "function call",
  Attribute: "attribute",
  Name: "name",
  Constant: "literal",
  List: "list",
  Tuple: "tuple",
  Dict: "dict literal",
  GeneratorExp: "generator expression",
};

/** Accepts a plain name; attributes and unpacking are unsupported, the rest is invalid Python. */
export function checkTarget(
  ctx: ConvertContext,
  target: Expr,
  what: string,
): Name {
  if (target.kind === "Name") return target;
  const start = target.span?.start.offset ?? 0;
  const end = target.span?.end.offset ?? start;
  if (target.kind === "Attribute") {
    unsupported(
      ctx,
      `assigning to an attribute is not supported (${what})`,
      start,
      end,
      "assign to a plain name",
    );
  } else if (target.kind === "Tuple" || target.kind === "List") {
    unsupported(
      ctx,
      `unpacking into a ${targetDescriptions[target.kind]} is not supported (${what})`,
      start,
      end,
      "assign to a single name",
    );
  } else {
    const shown =
      target.kind === "Constant" &&
      (typeof target.value === "boolean" || target.value === null)
        ? String(
            target.value === null ? "None" : target.value ? "True" : "False",
          )
        : targetDescriptions[target.kind];
    syntaxError(
      ctx,
      `cannot assign to ${shown}`,
      start,
      end,
      "the target must be a name",
    );
  }
  return placeholder(target.span);
}
