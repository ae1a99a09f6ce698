import type { Expr } from "../../python/ast/nodes.js";
import { py } from "../../python/ast/builders.js";

// Python accepts these spellings; black only lower-cases the exponent and drops its `+`.
const PY_NUMBER = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** A number lexeme (optionally negative) as a Python expression; `int("007")` when Python has no spelling for it. */
export function numberToExpr(text: string): Expr {
  const negative = text.startsWith("-");
  const digits = negative ? text.slice(1) : text;
  if (!PY_NUMBER.test(digits)) return py.call(py.name("int"), [py.str(text)]);
  const n = py.num(digits.replace("E", "e").replace("e+", "e"));
  return negative ? py.unary("USub", n) : n;
}

/** The inverse of `numberToExpr`; also accepts `-x` and exponent spellings written by hand. */
export function exprToNumber(expr: Expr): string | undefined {
  if (
    expr.kind === "Constant" &&
    typeof expr.value === "number" &&
    "raw" in expr
  )
    return toJsonLexeme(expr.raw);
  if (expr.kind === "UnaryOp" && expr.op === "USub") {
    const inner = exprToNumber(expr.operand);
    return inner === undefined || inner.startsWith("-")
      ? undefined
      : `-${inner}`;
  }
  if (
    expr.kind === "Call" &&
    expr.func.kind === "Name" &&
    expr.func.id === "int" &&
    expr.keywords.length === 0 &&
    expr.args.length === 1
  ) {
    const [arg] = expr.args;
    if (
      arg?.kind === "Constant" &&
      typeof arg.value === "string" &&
      /^-?[0-9]+(?:\.[0-9]+)?$/.test(arg.value)
    )
      return arg.value;
  }
  return undefined;
}

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** Python spellings JSON lacks (`1_000`, `0x1F`, `1.`, `.5`) become the plain decimal. */
function toJsonLexeme(raw: string): string | undefined {
  if (JSON_NUMBER.test(raw)) return raw;
  const cleaned = raw.replace(/_/g, "");
  const value = /^0[xob]/i.test(cleaned)
    ? Number(cleaned)
    : Number(cleaned.replace(/^\./, "0.").replace(/\.(?=$|[eE])/, ".0"));
  return Number.isFinite(value) ? String(value) : undefined;
}
