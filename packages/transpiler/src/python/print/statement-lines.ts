import { assertNever, InternalError } from "../../diagnostics/errors.js";
import type { Expr, Stmt, WithItem } from "../ast/nodes.js";
import {
  closeBracket,
  type LeafBuilder,
  type LeafTemplate,
  newLeafBuilder,
  openBracket,
  pushExpr,
  pushComma,
  pushLeaf,
  pushName,
  pushToken,
} from "./expression-leaves.js";
import { decoratorLead } from "./decorator-lead.js";
import { formatDocstringLiteral, printsMultiline } from "./string-literal.js";

/**
 * One logical line (a statement or a block header), as black's `LineGenerator` yields it.
 * `build` makes its leaves; layout calls it once, when it reaches the line, so invariant
 * errors surface in line order.
 */
export interface LogicalLine {
  readonly depth: number;
  readonly isDecorator: boolean;
  readonly isDef: boolean;
  readonly opensBlock: boolean;
  /** First leaf's text (`if`, `else`, `with` …), for black's blank-line rules. */
  readonly keyword: string;
  /** Appends the line's leaves; `buildLogicalLine` runs it on a fresh builder. */
  readonly fill: (b: LeafBuilder) => void;
}

/**
 * The leaves of a logical line. A plain function rather than a closure per line: under
 * esbuild's keepNames (tsx) every named closure costs a `defineProperty` on creation.
 */
export function buildLogicalLine(logical: LogicalLine): LeafTemplate {
  const b = newLeafBuilder();
  logical.fill(b);
  return b;
}

/** Flattens statements into logical lines, in source order. */
export function statementLines(
  body: readonly Stmt[],
  depth: number,
  out: LogicalLine[],
): void {
  body.forEach((stmt, i) => {
    // black treats a string statement opening an indented block as a docstring.
    pushStatement(stmt, depth, depth > 0 && i === 0, out);
  });
}

function pushStatement(
  stmt: Stmt,
  depth: number,
  docstringPosition: boolean,
  out: LogicalLine[],
): void {
  switch (stmt.kind) {
    case "FunctionDef":
      for (const decorator of stmt.decorator_list) {
        out.push(
          line(depth, "@", (b) => {
            pushToken(b, "AT", "@", "");
            pushExpr(
              b,
              decorator,
              decoratorLead(decorator),
              undefined,
              "value",
            );
          }),
        );
      }
      out.push(
        line(depth, "def", (b) => {
          pushToken(b, "NAME", "def", "");
          pushName(b, stmt.name, " ");
          const id = openBracket(b, "LPAR", "(", "", false);
          stmt.args.forEach((arg, i) => {
            if (i > 0) pushComma(b, true);
            pushName(b, arg, i === 0 ? "" : " ");
          });
          closeBracket(b, id, "RPAR", ")", true);
          pushColon(b);
        }),
      );
      return pushBlock(stmt.body, depth, out);
    case "If":
      return pushIf(stmt, "if", depth, out);
    case "For":
      out.push(
        line(depth, "for", (b) => {
          pushToken(b, "NAME", "for", "");
          pushOptionallyParenthesized(b, stmt.target, " ");
          pushToken(b, "NAME", "in", " ");
          pushOptionallyParenthesized(b, stmt.iter, " ");
          pushColon(b);
        }),
      );
      return pushBlock(stmt.body, depth, out);
    case "With":
      if (stmt.items.length === 0)
        throw new InternalError("With needs at least one item");
      out.push(
        line(depth, "with", (b) => {
          pushToken(b, "NAME", "with", "");
          stmt.items.forEach((item, i) => {
            if (i > 0) pushComma(b, false);
            pushWithItem(b, item);
          });
          pushColon(b);
        }),
      );
      return pushBlock(stmt.body, depth, out);
    case "Assign":
      out.push(
        line(depth, "", (b) => {
          pushName(b, stmt.targets[0].id, "");
          pushToken(b, "EQUAL", "=", " ");
          pushOptionallyParenthesized(b, stmt.value, " ");
        }),
      );
      return;
    case "Expr": {
      const value = stmt.value;
      out.push(
        line(depth, "", (b) => {
          if (
            docstringPosition &&
            value.kind === "Constant" &&
            typeof value.value === "string"
          ) {
            pushLeaf(b, {
              type: "STRING",
              value: formatDocstringLiteral(value.value),
              ws: "",
            });
          } else {
            pushExpr(b, value, "", undefined, "value");
          }
        }),
      );
      return;
    }
    case "Pass":
      out.push(line(depth, "pass", (b) => pushToken(b, "NAME", "pass", "")));
      return;
    default:
      return assertNever(stmt, "statement kind");
  }
}

function pushIf(
  stmt: Extract<Stmt, { kind: "If" }>,
  keyword: "if" | "elif",
  depth: number,
  out: LogicalLine[],
): void {
  out.push(
    line(depth, keyword, (b) => {
      pushToken(b, "NAME", keyword, "");
      pushOptionallyParenthesized(b, stmt.test, " ");
      pushColon(b);
    }),
  );
  pushBlock(stmt.body, depth, out);
  const [only, ...rest] = stmt.orelse;
  if (only === undefined) return;
  // `else:` holding a lone `if` parses to the same AST as `elif`; print the flatter form.
  if (only.kind === "If" && rest.length === 0)
    return pushIf(only, "elif", depth, out);
  out.push(
    line(depth, "else", (b) => {
      pushToken(b, "NAME", "else", "");
      pushColon(b);
    }),
  );
  pushBlock(stmt.orelse, depth, out);
}

function pushBlock(
  body: readonly Stmt[],
  depth: number,
  out: LogicalLine[],
): void {
  if (body.length === 0)
    throw new InternalError("a block needs at least one statement");
  statementLines(body, depth + 1, out);
}

function line(
  depth: number,
  keyword: string,
  fill: (b: LeafBuilder) => void,
): LogicalLine {
  return {
    depth,
    isDecorator: keyword === "@",
    isDef: keyword === "def",
    opensBlock: keyword !== "" && keyword !== "@" && keyword !== "pass",
    keyword,
    fill,
  };
}

function pushColon(b: LeafBuilder): void {
  pushToken(b, "COLON", ":", "");
}

/**
 * black's `normalize_invisible_parens`: the expression after `if`, `for`, `in`, `=` gets
 * invisible parentheses it may later make real to split the line, except a parenthesized
 * tuple or generator (kept as they are) and a multi-line string.
 */
function pushOptionallyParenthesized(
  b: LeafBuilder,
  expr: Expr,
  lead: string,
): void {
  if (
    expr.kind === "Tuple" ||
    expr.kind === "GeneratorExp" ||
    isMultilineString(expr)
  ) {
    pushExpr(b, expr, lead, undefined, "value");
    return;
  }
  pushInvisiblyParenthesized(b, expr, lead);
}

function pushInvisiblyParenthesized(
  b: LeafBuilder,
  expr: Expr,
  lead: string,
): void {
  const id = openBracket(b, "LPAR", "", lead, true);
  pushExpr(b, expr, "", undefined, "value");
  closeBracket(b, id, "RPAR", "", false);
}

/**
 * black 23.1 (`remove_with_parens`) only wraps a context manager in invisible parentheses
 * when it is a single token or a list/dict display; with `as`, only a display.
 */
function pushWithItem(b: LeafBuilder, item: WithItem): void {
  const expr = item.context_expr;
  if (expr.kind === "Tuple" || expr.kind === "GeneratorExp") {
    // `with (a, b):` means two context managers, and black would strip a genexp's parens.
    throw new InternalError(`unsupported context manager: ${expr.kind}`);
  }
  const display = expr.kind === "List" || expr.kind === "Dict";
  const token =
    expr.kind === "Name" ||
    (expr.kind === "Constant" && !isMultilineString(expr));
  if (display || (token && item.optional_vars === undefined))
    pushInvisiblyParenthesized(b, expr, " ");
  else pushExpr(b, expr, " ", undefined, "value");
  if (item.optional_vars !== undefined) {
    pushToken(b, "NAME", "as", " ");
    pushName(b, item.optional_vars.id, " ");
  }
}

function isMultilineString(expr: Expr): boolean {
  return (
    expr.kind === "Constant" &&
    typeof expr.value === "string" &&
    printsMultiline(expr.value)
  );
}
