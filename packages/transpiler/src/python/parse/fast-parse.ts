/**
 * `fastParseModule`: the hot path of `parsePython` for token streams inside the subset.
 *
 * The chevrotain parser plus the CST → AST conversion cost most of `parsePython`; they
 * exist to accept MORE than the subset so that every mistake gets a precise diagnostic.
 * Code that needs no diagnostic (what the printer writes, what a model usually writes) is
 * parsed here instead: one recursive-descent pass over the lexer's tokens that builds the
 * AST directly, with precedence handled by one function per level (or, and, not,
 * comparisons, unary minus). It covers functions with plain parameters and decorators,
 * `if`/`elif`/`else`, `for`, `with … as`, `pass`, expression statements and `name = value`;
 * and in expressions names, literals, calls, attributes, tuples, lists, dicts and generator
 * expressions. On any other token it answers `undefined` without a diagnostic, and
 * `parsePython` runs the full path, which owns every error message.
 *
 * Whatever it answers is exactly the full path's AST, spans included (they follow the rules
 * of `cst-expressions.ts`: a node spans itself, its enclosing nodes span it with its
 * parentheses); `test/python-parse/fast-parse.test.ts` checks the two agree.
 */
import type { TokenType } from "chevrotain";
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
import { tokenImage, tokenTypeAt, type TokenTable } from "./lexer.js";
import { numberLiteralConstant } from "./number-literal.js";
import type { StringPayload } from "./string-literal.js";
import * as T from "./tokens.js";

/**
 * The cursor of one call. Expression functions return the node and leave the extent it was
 * written with (parentheses included) in `start`/`end`, instead of allocating a pair.
 */
interface Parser {
  readonly tokens: TokenTable;
  readonly lines: LineIndex;
  pos: number;
  start: number;
  end: number;
  readonly exprs: Scratch<Expr>;
  readonly keywords: Scratch<Keyword>;
  readonly stmts: Scratch<Stmt>;
}

/**
 * A stack the lists of the tree are collected on, each list then copied off at its exact
 * length: an array grown by `push` keeps room for 17 items however few it holds, and the
 * tree is made of short lists (a call's arguments, a block's statements). Lists nest, so
 * the inner one is always taken off before the outer one continues. Scratch data of one
 * parse; a failed parse abandons it with the parse.
 */
interface Scratch<T> {
  readonly items: T[];
  top: number;
}

function scratch<T>(): Scratch<T> {
  return { items: [], top: 0 };
}

function put<T>(s: Scratch<T>, item: T): void {
  s.items[s.top++] = item;
}

/** The items put since `mark`, as a new array; the stack drops back to `mark`. */
function take<T>(s: Scratch<T>, mark: number): T[] {
  const out = mark === s.top ? [] : s.items.slice(mark, s.top);
  s.top = mark;
  return out;
}

/** The module `tokens` (lexed without diagnostics) denote, or `undefined` when the full parser must decide. */
export function fastParseModule(
  tokens: TokenTable,
  lines: LineIndex,
  length: number,
): Module | undefined {
  const p: Parser = {
    tokens,
    lines,
    pos: 0,
    start: 0,
    end: 0,
    exprs: scratch(),
    keywords: scratch(),
    stmts: scratch(),
  };
  const mark = p.stmts.top;
  while (p.pos < tokens.count) {
    const stmt = statement(p);
    if (stmt === undefined) return undefined;
    put(p.stmts, stmt);
  }
  const body = take(p.stmts, mark);
  return { kind: "Module", body, span: lines.span(0, length) };
}

// ---------------------------------------------------------------- cursor

/** Tokens are indexes into the table. */
type Token = number;

function type(p: Parser, ahead = 0): TokenType | undefined {
  return tokenTypeAt(p.tokens, p.pos + ahead);
}

function startOf(p: Parser, t: Token): number {
  return p.tokens.starts[t] ?? 0;
}

function endOf(p: Parser, t: Token): number {
  return p.tokens.ends[t] ?? 0;
}

/** Whether token `t` is written exactly `word` (without slicing its image). */
function isWord(p: Parser, t: Token, word: string): boolean {
  const start = startOf(p, t);
  return (
    endOf(p, t) - start === word.length && p.tokens.text.startsWith(word, start)
  );
}

/** A name token's identifier (the lexer stores it NFKC-normalised). */
function identifier(p: Parser, t: Token): string {
  const id = p.tokens.payloads[t];
  return typeof id === "string" ? id : tokenImage(p.tokens, t);
}

/** How far ahead the bracket closing the one at the cursor is (past the end if never). */
function closingOffset(p: Parser): number {
  let depth = 0;
  for (let k = 0; p.pos + k < p.tokens.count; k++) {
    const t = type(p, k);
    if (t === T.LParen || t === T.LBracket || t === T.LBrace) depth++;
    else if (
      (t === T.RParen || t === T.RBracket || t === T.RBrace) &&
      --depth === 0
    )
      return k;
  }
  return p.tokens.count;
}

/** Consumes the current token if it is of `t`. */
function accept(p: Parser, t: TokenType): Token | undefined {
  if (type(p) !== t) return undefined;
  return p.pos++;
}

function tokenSpan(p: Parser, t: Token): Span {
  return p.lines.span(startOf(p, t), endOf(p, t));
}

/** The span of a compound statement: from its keyword to the end of its last statement. */
function blockSpan(p: Parser, keyword: Token, body: readonly Stmt[]): Span {
  const start = p.lines.position(startOf(p, keyword));
  const end = body[body.length - 1]?.span?.end;
  return { start, end: end ?? p.lines.position(endOf(p, keyword)) };
}

// ---------------------------------------------------------------- statements

function statement(p: Parser): Stmt | undefined {
  const first = p.pos;
  switch (type(p)) {
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
      if (isWord(p, first, "match") || isWord(p, first, "case"))
        return undefined;
      return expressionStatement(p);
    default:
      return expressionStatement(p);
  }
}

/** An indented block; one-line suites (`if x: pass`) are left to the full parser. */
function suite(p: Parser): Stmt[] | undefined {
  if (accept(p, T.Newline) === undefined || accept(p, T.Indent) === undefined)
    return undefined;
  const mark = p.stmts.top;
  do {
    const stmt = statement(p);
    if (stmt === undefined) return undefined;
    put(p.stmts, stmt);
  } while (type(p) !== T.Dedent && p.pos < p.tokens.count);
  const body = take(p.stmts, mark);
  return accept(p, T.Dedent) === undefined ? undefined : body;
}

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
  const keyword = p.pos++;
  const test_ = test(p);
  const body = test_ === undefined ? undefined : block(p);
  if (test_ === undefined || body === undefined) return undefined;
  const elifs: { keyword: Token; test: Expr; body: Stmt[] }[] = [];
  for (
    let elif = accept(p, T.Elif);
    elif !== undefined;
    elif = accept(p, T.Elif)
  ) {
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
  const keyword = p.pos++;
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
  const name = grouped ? p.pos + 1 : p.pos;
  const after = grouped ? 3 : 1;
  if (
    tokenTypeAt(p.tokens, name) !== T.Name ||
    (grouped && type(p, 2) !== T.RParen) ||
    type(p, after) !== follow
  )
    return undefined;
  p.pos += after;
  return { kind: "Name", id: identifier(p, name), span: tokenSpan(p, name) };
}

function withStatement(p: Parser): Stmt | undefined {
  const keyword = p.pos++;
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
  const keyword = p.pos++;
  const name = accept(p, T.Name);
  if (name === undefined || accept(p, T.LParen) === undefined) return undefined;
  const args: string[] = [];
  while (type(p) !== T.RParen) {
    const parameter = accept(p, T.Name);
    if (parameter === undefined) return undefined;
    args.push(identifier(p, parameter));
    if (accept(p, T.Comma) === undefined) break;
  }
  if (accept(p, T.RParen) === undefined) return undefined;
  const body = block(p);
  if (body === undefined) return undefined;
  return {
    kind: "FunctionDef",
    name: identifier(p, name),
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
  const mark = p.exprs.top;
  put(p.exprs, first);
  while (accept(p, T.Or) !== undefined) {
    const value = conjunction(p);
    if (value === undefined) return undefined;
    put(p.exprs, value);
  }
  const values = take(p.exprs, mark);
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
  const mark = p.exprs.top;
  put(p.exprs, first);
  while (accept(p, T.And) !== undefined) {
    const value = inversion(p);
    if (value === undefined) return undefined;
    put(p.exprs, value);
  }
  const values = take(p.exprs, mark);
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
  p.start = startOf(p, not);
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
  const mark = p.exprs.top;
  for (; op !== undefined; op = comparisonOperator(p)) {
    p.pos++;
    const right = negation(p);
    if (right === undefined) return undefined;
    ops.push(op);
    put(p.exprs, right);
  }
  const comparators = take(p.exprs, mark);
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
  p.start = startOf(p, minus);
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
    const open = p.pos;
    const next = type(p);
    if (next === T.LParen) {
      p.pos++;
      expr = call(p, expr, start, open);
      if (expr === undefined) return undefined;
    } else if (next === T.Dot) {
      p.pos++;
      const attr = accept(p, T.Name);
      if (attr === undefined) return undefined;
      const end = endOf(p, attr);
      expr = {
        kind: "Attribute",
        value: expr,
        attr: identifier(p, attr),
        span: p.lines.span(start, end),
      };
      p.end = end;
    } else break;
  }
  p.start = start;
  return expr;
}

function atom(p: Parser): Expr | undefined {
  const t = p.pos;
  const tokenType = type(p);
  switch (tokenType) {
    case undefined:
      return undefined;
    case T.Name: {
      const id = identifier(p, t);
      return { kind: "Name", id, span: oneToken(p, t) };
    }
    case T.NumberLiteral: {
      const span = oneToken(p, t);
      return numberLiteralConstant(tokenImage(p.tokens, t), span);
    }
    case T.StringLiteral:
      return strings(p);
    case T.True:
    case T.False:
    case T.None:
      return {
        kind: "Constant",
        value: tokenType === T.None ? null : tokenType === T.True,
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
function oneToken(p: Parser, t: Token): Span {
  p.pos++;
  p.start = startOf(p, t);
  p.end = endOf(p, t);
  return p.lines.span(p.start, p.end);
}

/** Adjacent literals are one constant (implicit concatenation). */
function strings(p: Parser): Expr {
  const first = p.pos;
  let value = "";
  let last = first;
  for (; type(p) === T.StringLiteral; p.pos++) {
    value += (p.tokens.payloads[p.pos] as StringPayload).value;
    last = p.pos;
  }
  p.start = startOf(p, first);
  p.end = endOf(p, last);
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
  const mark = p.exprs.top;
  put(p.exprs, first);
  while (accept(p, T.Comma) !== undefined && type(p) !== close) {
    const item = test(p);
    if (item === undefined) return undefined;
    put(p.exprs, item);
  }
  const items = take(p.exprs, mark);
  return type(p) === close ? { items, generators: undefined } : undefined;
}

function parenthesized(p: Parser): Expr | undefined {
  const open = p.pos++;
  if (type(p) === T.RParen)
    return { kind: "Tuple", elts: [], span: closing(p, open) };
  const content = sequence(p, T.RParen);
  if (content === undefined) return undefined;
  const trailingComma = tokenTypeAt(p.tokens, p.pos - 1) === T.Comma;
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
function closing(p: Parser, open: Token): Span {
  const close = p.pos++;
  p.start = startOf(p, open);
  p.end = endOf(p, close);
  return p.lines.span(p.start, p.end);
}

function list(p: Parser): Expr | undefined {
  const open = p.pos++;
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
  const open = p.pos++;
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
    const mark = p.exprs.top;
    while (accept(p, T.If) !== undefined) {
      const condition = disjunction(p);
      if (condition === undefined) return undefined;
      put(p.exprs, condition);
    }
    generators.push({ target, iter, ifs: take(p.exprs, mark) });
  }
  return generators;
}

/** The arguments after `open`; a generator expression only as the sole argument. */
function call(
  p: Parser,
  func: Expr,
  start: number,
  open: Token,
): Expr | undefined {
  const argsMark = p.exprs.top;
  const keywordsMark = p.keywords.top;
  for (
    let next = type(p);
    next !== undefined && next !== T.RParen;
    next = type(p)
  ) {
    const name = p.pos;
    if (next === T.Name && type(p, 1) === T.Equals) {
      p.pos += 2;
      const value = test(p);
      if (value === undefined) return undefined;
      put(p.keywords, {
        arg: identifier(p, name),
        value,
        span: p.lines.span(startOf(p, name), p.end),
      });
    } else {
      // A positional argument after a keyword argument is a syntax error.
      if (p.keywords.top > keywordsMark) return undefined;
      const value = test(p);
      if (value === undefined) return undefined;
      if (type(p) === T.For) {
        const generators = comprehensions(p);
        const close = accept(p, T.RParen);
        if (generators === undefined || close === undefined) return undefined;
        // A generator expression must be the only argument, with no comma.
        if (p.exprs.top > argsMark) return undefined;
        const generator: Expr = {
          kind: "GeneratorExp",
          elt: value,
          generators,
          span: p.lines.span(startOf(p, open), endOf(p, close)),
        };
        return finishCall(p, func, start, [generator], [], close);
      }
      put(p.exprs, value);
    }
    if (accept(p, T.Comma) === undefined) break;
  }
  const args = take(p.exprs, argsMark);
  const keywords = take(p.keywords, keywordsMark);
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
  close: Token,
): Expr {
  p.start = start;
  p.end = endOf(p, close);
  return {
    kind: "Call",
    func,
    args,
    keywords,
    span: p.lines.span(start, p.end),
  };
}
