/**
 * `fastParseModule`: the hot path of `parsePython` for token streams inside the subset.
 *
 * The chevrotain parser plus the CST → AST conversion cost most of `parsePython`; they
 * exist to accept MORE than the subset so that every mistake gets a precise diagnostic.
 * Code that needs no diagnostic (what the printer writes, what a model usually writes) is
 * parsed here instead: one recursive-descent pass over the lexer's tokens that builds the
 * AST directly, with precedence handled by one function per level (or, and, not,
 * comparisons, unary minus). It covers functions with plain parameters and decorators,
 * `if`/`elif`/`else`, `for`, `with … as` (with indented blocks, or one-line suites of one
 * simple statement), `pass`, expression statements and `name = value`;
 * and in expressions names, literals, calls, attributes, tuples, lists, dicts and generator
 * expressions. On any other token it answers `undefined` without a diagnostic, and
 * `parsePython` runs the full path, which owns every error message.
 *
 * Whatever it answers is exactly the full path's AST, spans included (they follow the rules
 * of `cst-expressions.ts`: a node spans itself, its enclosing nodes span it with its
 * parentheses); `test/python-parse/fast-parse.test.ts` checks the two agree.
 */
import type { IToken, TokenType } from "chevrotain";
import type { LineIndex } from "../../source/line-index.js";
import type { Span } from "../../source/span.js";
import type {
  CmpOperator,
  Comprehension,
  Expr,
  FunctionDef,
  Keyword,
  Module,
  Name,
  Stmt,
  WithItem,
} from "../ast/nodes.js";
import { tokenEnd } from "./convert-context.js";
import { identifier, numberConstant } from "./cst-expressions.js";
import type { StringPayload } from "./string-literal.js";
import * as T from "./tokens.js";

/**
 * The cursor of one call. Expression functions return the node and leave the extent it was
 * written with (parentheses included) in `start`/`end`, instead of allocating a pair.
 */
interface Parser {
  readonly tokens: readonly IToken[];
  readonly lines: LineIndex;
  pos: number;
  start: number;
  end: number;
}

/**
 * Where the fast path gave up on a text: the offset of the token it stopped at. It reads
 * without going back, so every statement that ends before it was read.
 */
export interface FastParseReach {
  readUpTo: number;
}

/**
 * The module `tokens` (lexed without diagnostics) denote, or `undefined` when the full
 * parser must decide; then `reach`, when given, says where it gave up.
 */
export function fastParseModule(
  tokens: readonly IToken[],
  lines: LineIndex,
  length: number,
  reach?: FastParseReach,
): Module | undefined {
  const p: Parser = { tokens, lines, pos: 0, start: 0, end: 0 };
  const body: Stmt[] = [];
  while (p.pos < tokens.length) {
    const stmt = statement(p);
    if (stmt === undefined) {
      if (reach !== undefined)
        reach.readUpTo = tokens[p.pos]?.startOffset ?? length;
      return undefined;
    }
    body.push(stmt);
  }
  return { kind: "Module", body, span: lines.span(0, length) };
}

// ---------------------------------------------------------------- cursor

function type(p: Parser, ahead = 0): TokenType | undefined {
  return p.tokens[p.pos + ahead]?.tokenType;
}

/** How far ahead the bracket closing the one at the cursor is (past the end if never). */
function closingOffset(p: Parser): number {
  let depth = 0;
  for (let k = 0; p.pos + k < p.tokens.length; k++) {
    const t = type(p, k);
    if (t === T.LParen || t === T.LBracket || t === T.LBrace) depth++;
    else if (
      (t === T.RParen || t === T.RBracket || t === T.RBrace) &&
      --depth === 0
    )
      return k;
  }
  return p.tokens.length;
}

/** Consumes the current token if it is of `t`. */
function accept(p: Parser, t: TokenType): IToken | undefined {
  const token = p.tokens[p.pos];
  if (token === undefined || token.tokenType !== t) return undefined;
  p.pos++;
  return token;
}

function tokenSpan(p: Parser, t: IToken): Span {
  return p.lines.span(t.startOffset, tokenEnd(t));
}

/** The span of a compound statement: from its keyword to the end of its last statement. */
function blockSpan(p: Parser, keyword: IToken, body: readonly Stmt[]): Span {
  const start = p.lines.position(keyword.startOffset);
  const end = body[body.length - 1]?.span?.end;
  return { start, end: end ?? p.lines.position(tokenEnd(keyword)) };
}

// ---------------------------------------------------------------- statements

function statement(p: Parser): Stmt | undefined {
  const first = p.tokens[p.pos];
  switch (first?.tokenType) {
    case T.If:
      return ifStatement(p);
    case T.For:
      return forStatement(p);
    case T.With:
      return withStatement(p);
    case T.Def:
      return functionDef(p, []);
    case T.At:
      return decorated(p);
    case T.Pass:
      p.pos++;
      return accept(p, T.Newline) === undefined
        ? undefined
        : { kind: "Pass", span: tokenSpan(p, first) };
    case T.Name:
      // `match` / `case` may start a soft-keyword statement.
      if (first.image === "match" || first.image === "case") return undefined;
      return expressionStatement(p);
    default:
      return expressionStatement(p);
  }
}

/**
 * An indented block, or a one-line suite of one simple statement (`if x: pass`); one of
 * several (`if x: a; b`) is left to the full parser.
 */
function suite(p: Parser): Stmt[] | undefined {
  const first = type(p);
  if (first !== T.Newline) {
    if (COMPOUND.has(first)) return undefined;
    const stmt = statement(p);
    return stmt === undefined ? undefined : [stmt];
  }
  p.pos++;
  if (accept(p, T.Indent) === undefined) return undefined;
  const body: Stmt[] = [];
  do {
    const stmt = statement(p);
    if (stmt === undefined) return undefined;
    body.push(stmt);
  } while (type(p) !== T.Dedent && p.pos < p.tokens.length);
  return accept(p, T.Dedent) === undefined ? undefined : body;
}

/** Tokens that start a compound statement, which a one-line suite cannot hold. */
const COMPOUND: ReadonlySet<TokenType | undefined> = new Set([
  T.If,
  T.For,
  T.With,
  T.Def,
  T.At,
]);

/** `: suite` after a header. */
function block(p: Parser): Stmt[] | undefined {
  return accept(p, T.Colon) === undefined ? undefined : suite(p);
}

function expressionStatement(p: Parser): Stmt | undefined {
  const value = test(p);
  if (value === undefined) return undefined;
  const { start, end } = p;
  if (accept(p, T.Newline) !== undefined)
    return { kind: "Expr", value, span: p.lines.span(start, end) };
  if (value.kind !== "Name" || accept(p, T.Equals) === undefined)
    return undefined;
  const assigned = test(p);
  if (assigned === undefined) return undefined;
  const assignedEnd = p.end;
  if (accept(p, T.Newline) === undefined) return undefined;
  return {
    kind: "Assign",
    targets: [value],
    value: assigned,
    span: p.lines.span(start, assignedEnd),
  };
}

function ifStatement(p: Parser): Stmt | undefined {
  const keyword = p.tokens[p.pos++] as IToken;
  const test_ = test(p);
  const body = test_ === undefined ? undefined : block(p);
  if (test_ === undefined || body === undefined) return undefined;
  const elifs: { keyword: IToken; test: Expr; body: Stmt[] }[] = [];
  for (let elif = accept(p, T.Elif); elif; elif = accept(p, T.Elif)) {
    const t = test(p);
    const b = t === undefined ? undefined : block(p);
    if (t === undefined || b === undefined) return undefined;
    elifs.push({ keyword: elif, test: t, body: b });
  }
  let orelse: Stmt[] = [];
  if (accept(p, T.Else) !== undefined) {
    const b = block(p);
    if (b === undefined) return undefined;
    orelse = b;
  }
  // `elif` chains nest as `If` inside `orelse`, built from the last clause backwards.
  for (let i = elifs.length - 1; i >= 0; i--) {
    const e = elifs[i] as (typeof elifs)[number];
    const span = blockSpan(p, e.keyword, orelse.length > 0 ? orelse : e.body);
    orelse = [{ kind: "If", test: e.test, body: e.body, orelse, span }];
  }
  const span = blockSpan(p, keyword, orelse.length > 0 ? orelse : body);
  return { kind: "If", test: test_, body, orelse, span };
}

function forStatement(p: Parser): Stmt | undefined {
  const keyword = p.tokens[p.pos++] as IToken;
  const target = plainTarget(p, T.In);
  if (target === undefined) return undefined;
  p.pos++;
  const iter = test(p);
  const body = iter === undefined ? undefined : block(p);
  // for-else is reported by the full parser.
  if (iter === undefined || body === undefined || type(p) === T.Else)
    return undefined;
  return { kind: "For", target, iter, body, span: blockSpan(p, keyword, body) };
}

/**
 * A lone name, perhaps in parentheses (black adds them to long loop headers), followed by
 * `follow` (not consumed): a loop or `as` target. The name keeps its own span.
 */
function plainTarget(p: Parser, follow: TokenType): Name | undefined {
  const grouped = type(p) === T.LParen;
  const name = p.tokens[grouped ? p.pos + 1 : p.pos];
  const after = grouped ? 3 : 1;
  if (
    name?.tokenType !== T.Name ||
    (grouped && type(p, 2) !== T.RParen) ||
    type(p, after) !== follow
  )
    return undefined;
  p.pos += after;
  return { kind: "Name", id: identifier(name), span: tokenSpan(p, name) };
}

function withStatement(p: Parser): Stmt | undefined {
  const keyword = p.tokens[p.pos++] as IToken;
  // `with (…):` may be the parenthesised form of the items: the full parser decides.
  if (type(p) === T.LParen && type(p, closingOffset(p) + 1) === T.Colon)
    return undefined;
  const items: WithItem[] = [];
  for (;;) {
    const context_expr = test(p);
    if (context_expr === undefined) return undefined;
    if (accept(p, T.As) !== undefined) {
      const optional_vars =
        type(p, 1) === T.Comma
          ? plainTarget(p, T.Comma)
          : plainTarget(p, T.Colon);
      if (optional_vars === undefined) return undefined;
      items.push({ context_expr, optional_vars });
    } else items.push({ context_expr });
    if (accept(p, T.Comma) === undefined) break;
  }
  const body = block(p);
  if (body === undefined) return undefined;
  return { kind: "With", items, body, span: blockSpan(p, keyword, body) };
}

function decorated(p: Parser): Stmt | undefined {
  const decorators: Expr[] = [];
  while (accept(p, T.At) !== undefined) {
    const decorator = test(p);
    if (decorator === undefined || accept(p, T.Newline) === undefined)
      return undefined;
    decorators.push(decorator);
  }
  return type(p) === T.Def ? functionDef(p, decorators) : undefined;
}

/** `def name(a, b):` with plain parameters only. */
function functionDef(
  p: Parser,
  decorator_list: readonly Expr[],
): FunctionDef | undefined {
  const keyword = p.tokens[p.pos++] as IToken;
  const name = accept(p, T.Name);
  if (name === undefined || accept(p, T.LParen) === undefined) return undefined;
  const args: string[] = [];
  while (type(p) !== T.RParen) {
    const parameter = accept(p, T.Name);
    if (parameter === undefined) return undefined;
    args.push(identifier(parameter));
    if (accept(p, T.Comma) === undefined) break;
  }
  if (accept(p, T.RParen) === undefined) return undefined;
  const body = block(p);
  if (body === undefined) return undefined;
  return {
    kind: "FunctionDef",
    name: identifier(name),
    args,
    body,
    decorator_list,
    span: blockSpan(p, keyword, body),
  };
}

// ---------------------------------------------------------------- expressions

/** A full expression; a conditional expression (`x if c else y`) is left to the full parser. */
function test(p: Parser): Expr | undefined {
  const expr = disjunction(p);
  return type(p) === T.If ? undefined : expr;
}

function disjunction(p: Parser): Expr | undefined {
  const first = conjunction(p);
  if (first === undefined || type(p) !== T.Or) return first;
  const start = p.start;
  const values = [first];
  while (accept(p, T.Or) !== undefined) {
    const value = conjunction(p);
    if (value === undefined) return undefined;
    values.push(value);
  }
  p.start = start;
  return {
    kind: "BoolOp",
    op: "Or",
    values,
    span: p.lines.span(start, p.end),
  };
}

function conjunction(p: Parser): Expr | undefined {
  const first = inversion(p);
  if (first === undefined || type(p) !== T.And) return first;
  const start = p.start;
  const values = [first];
  while (accept(p, T.And) !== undefined) {
    const value = inversion(p);
    if (value === undefined) return undefined;
    values.push(value);
  }
  p.start = start;
  return {
    kind: "BoolOp",
    op: "And",
    values,
    span: p.lines.span(start, p.end),
  };
}

function inversion(p: Parser): Expr | undefined {
  const not = accept(p, T.Not);
  if (not === undefined) return comparison(p);
  const operand = inversion(p);
  if (operand === undefined) return undefined;
  p.start = not.startOffset;
  return {
    kind: "UnaryOp",
    op: "Not",
    operand,
    span: p.lines.span(p.start, p.end),
  };
}

const comparisonOperators: ReadonlyMap<TokenType, CmpOperator> = new Map([
  [T.EqualEqual, "Eq"],
  [T.NotEqual, "NotEq"],
  [T.Less, "Lt"],
  [T.LessEqual, "LtE"],
  [T.Greater, "Gt"],
  [T.GreaterEqual, "GtE"],
  [T.In, "In"],
  [T.NotIn, "NotIn"],
  [T.Is, "Is"],
  [T.IsNot, "IsNot"],
]);

function comparisonOperator(p: Parser): CmpOperator | undefined {
  const t = type(p);
  return t === undefined ? undefined : comparisonOperators.get(t);
}

function comparison(p: Parser): Expr | undefined {
  const left = negation(p);
  if (left === undefined) return undefined;
  let op = comparisonOperator(p);
  if (op === undefined) return left;
  const start = p.start;
  const ops: CmpOperator[] = [];
  const comparators: Expr[] = [];
  for (; op !== undefined; op = comparisonOperator(p)) {
    p.pos++;
    const right = negation(p);
    if (right === undefined) return undefined;
    ops.push(op);
    comparators.push(right);
  }
  p.start = start;
  return {
    kind: "Compare",
    left,
    ops,
    comparators,
    span: p.lines.span(start, p.end),
  };
}

/** Unary minus; `+`, `~` and `await` are reported by the full parser. */
function negation(p: Parser): Expr | undefined {
  const minus = accept(p, T.Minus);
  if (minus === undefined) return primary(p);
  const operand = negation(p);
  if (operand === undefined) return undefined;
  p.start = minus.startOffset;
  return {
    kind: "UnaryOp",
    op: "USub",
    operand,
    span: p.lines.span(p.start, p.end),
  };
}

/** An atom and its trailers (calls and attributes; subscripts go to the full parser). */
function primary(p: Parser): Expr | undefined {
  let expr = atom(p);
  if (expr === undefined) return undefined;
  const start = p.start;
  for (;;) {
    const open = p.tokens[p.pos];
    if (open?.tokenType === T.LParen) {
      p.pos++;
      expr = call(p, expr, start, open);
      if (expr === undefined) return undefined;
    } else if (open?.tokenType === T.Dot) {
      p.pos++;
      const attr = accept(p, T.Name);
      if (attr === undefined) return undefined;
      const end = tokenEnd(attr);
      expr = {
        kind: "Attribute",
        value: expr,
        attr: identifier(attr),
        span: p.lines.span(start, end),
      };
      p.end = end;
    } else break;
  }
  p.start = start;
  return expr;
}

function atom(p: Parser): Expr | undefined {
  const t = p.tokens[p.pos];
  if (t === undefined) return undefined;
  switch (t.tokenType) {
    case T.Name: {
      const id = identifier(t);
      return { kind: "Name", id, span: oneToken(p, t) };
    }
    case T.NumberLiteral: {
      const span = oneToken(p, t);
      return numberConstant(t, span);
    }
    case T.StringLiteral:
      return strings(p);
    case T.True:
    case T.False:
    case T.None:
      return {
        kind: "Constant",
        value: t.tokenType === T.None ? null : t.tokenType === T.True,
        span: oneToken(p, t),
      };
    case T.LParen:
      return parenthesized(p);
    case T.LBracket:
      return list(p);
    case T.LBrace:
      return dict(p);
    default:
      return undefined;
  }
}

/** Consumes the one-token atom `t` and returns its span. */
function oneToken(p: Parser, t: IToken): Span {
  p.pos++;
  p.start = t.startOffset;
  p.end = tokenEnd(t);
  return p.lines.span(p.start, p.end);
}

/** Adjacent literals are one constant (implicit concatenation). */
function strings(p: Parser): Expr {
  const first = p.tokens[p.pos] as IToken;
  let value = "";
  let last = first;
  for (
    let t = p.tokens[p.pos];
    t?.tokenType === T.StringLiteral;
    t = p.tokens[++p.pos]
  ) {
    value += (t.payload as StringPayload).value;
    last = t;
  }
  p.start = first.startOffset;
  p.end = tokenEnd(last);
  return { kind: "Constant", value, span: p.lines.span(p.start, p.end) };
}

/** The items of a tuple, list or generator expression (an element and its generators). */
interface Sequence {
  readonly items: Expr[];
  readonly generators: Comprehension[] | undefined;
}

/** Items up to (not including) `close`; undefined also for a generator with other items. */
function sequence(p: Parser, close: TokenType): Sequence | undefined {
  const first = test(p);
  if (first === undefined) return undefined;
  if (type(p) === T.For) {
    const generators = comprehensions(p);
    return generators === undefined || type(p) !== close
      ? undefined
      : { items: [first], generators };
  }
  const items = [first];
  while (accept(p, T.Comma) !== undefined && type(p) !== close) {
    const item = test(p);
    if (item === undefined) return undefined;
    items.push(item);
  }
  return type(p) === close ? { items, generators: undefined } : undefined;
}

function parenthesized(p: Parser): Expr | undefined {
  const open = p.tokens[p.pos++] as IToken;
  if (type(p) === T.RParen)
    return { kind: "Tuple", elts: [], span: closing(p, open) };
  const content = sequence(p, T.RParen);
  if (content === undefined) return undefined;
  const trailingComma = p.tokens[p.pos - 1]?.tokenType === T.Comma;
  const { items, generators } = content;
  const [first] = items;
  if (items.length === 1 && first !== undefined && !trailingComma) {
    if (generators === undefined) {
      // Grouping parentheses: the node keeps its own span, its extent includes them.
      closing(p, open);
      return first;
    }
    return {
      kind: "GeneratorExp",
      elt: first,
      generators,
      span: closing(p, open),
    };
  }
  return { kind: "Tuple", elts: items, span: closing(p, open) };
}

/** Consumes the bracket closing `open` (the caller knows it is next) and returns their span. */
function closing(p: Parser, open: IToken): Span {
  const close = p.tokens[p.pos++] as IToken;
  p.start = open.startOffset;
  p.end = tokenEnd(close);
  return p.lines.span(p.start, p.end);
}

function list(p: Parser): Expr | undefined {
  const open = p.tokens[p.pos++] as IToken;
  let elts: Expr[] = [];
  if (type(p) !== T.RBracket) {
    const content = sequence(p, T.RBracket);
    // List comprehensions are reported by the full parser.
    if (content === undefined || content.generators !== undefined)
      return undefined;
    elts = content.items;
  }
  return { kind: "List", elts, span: closing(p, open) };
}

/** `{key: value, …}`; sets, `**` and comprehensions go to the full parser. */
function dict(p: Parser): Expr | undefined {
  const open = p.tokens[p.pos++] as IToken;
  const keys: Expr[] = [];
  const values: Expr[] = [];
  while (type(p) !== T.RBrace) {
    const key = test(p);
    if (key === undefined || accept(p, T.Colon) === undefined) return undefined;
    const value = test(p);
    if (value === undefined) return undefined;
    keys.push(key);
    values.push(value);
    if (accept(p, T.Comma) === undefined) break;
  }
  return type(p) === T.RBrace
    ? { kind: "Dict", keys, values, span: closing(p, open) }
    : undefined;
}

/** `[async] for name in disjunction (if disjunction)*`, one or more times. */
function comprehensions(p: Parser): Comprehension[] | undefined {
  const generators: Comprehension[] = [];
  while (accept(p, T.For) !== undefined) {
    const target = plainTarget(p, T.In);
    if (target === undefined) return undefined;
    p.pos++;
    const iter = disjunction(p);
    if (iter === undefined) return undefined;
    const ifs: Expr[] = [];
    while (accept(p, T.If) !== undefined) {
      const condition = disjunction(p);
      if (condition === undefined) return undefined;
      ifs.push(condition);
    }
    generators.push({ target, iter, ifs });
  }
  return generators;
}

/** The arguments after `open`; a generator expression only as the sole argument. */
function call(
  p: Parser,
  func: Expr,
  start: number,
  open: IToken,
): Expr | undefined {
  const args: Expr[] = [];
  const keywords: Keyword[] = [];
  for (
    let name = p.tokens[p.pos];
    name !== undefined && name.tokenType !== T.RParen;
    name = p.tokens[p.pos]
  ) {
    if (name.tokenType === T.Name && type(p, 1) === T.Equals) {
      p.pos += 2;
      const value = test(p);
      if (value === undefined) return undefined;
      keywords.push({
        arg: identifier(name),
        value,
        span: p.lines.span(name.startOffset, p.end),
      });
    } else {
      // A positional argument after a keyword argument is a syntax error.
      if (keywords.length > 0) return undefined;
      const value = test(p);
      if (value === undefined) return undefined;
      if (type(p) === T.For) {
        const generators = comprehensions(p);
        const close = accept(p, T.RParen);
        if (generators === undefined || close === undefined) return undefined;
        // A generator expression must be the only argument, with no comma.
        if (args.length > 0) return undefined;
        args.push({
          kind: "GeneratorExp",
          elt: value,
          generators,
          span: p.lines.span(open.startOffset, tokenEnd(close)),
        });
        return finishCall(p, func, start, args, keywords, close);
      }
      args.push(value);
    }
    if (accept(p, T.Comma) === undefined) break;
  }
  const close = accept(p, T.RParen);
  return close === undefined
    ? undefined
    : finishCall(p, func, start, args, keywords, close);
}

function finishCall(
  p: Parser,
  func: Expr,
  start: number,
  args: Expr[],
  keywords: Keyword[],
  close: IToken,
): Expr {
  p.start = start;
  p.end = tokenEnd(close);
  return {
    kind: "Call",
    func,
    args,
    keywords,
    span: p.lines.span(start, p.end),
  };
}
