import type { Expr } from "../../python/ast/nodes.js";
import { py } from "../../python/ast/builders.js";
import { isPlainIdentifier } from "../../python/ast/identifiers.js";

/**
 * Environment paths (`order.customer.email`) as Python: attribute chains, with
 * `getattr(x, "from")` for segments that are keywords or not identifiers, and
 * `path("…")` for paths that have no attribute form at all (empty segments, odd roots).
 */
export function pathToExpr(path: string): Expr {
  const segments = path.split(".");
  const [root, ...rest] = segments;
  if (
    root === undefined ||
    !isPlainIdentifier(root) ||
    rest.some((s) => s.length === 0)
  ) {
    return py.call(py.name("path"), [py.str(path)]);
  }
  let e: Expr = py.name(root);
  for (const s of rest)
    e = isPlainIdentifier(s)
      ? py.attr(e, s)
      : py.call(py.name("getattr"), [e, py.str(s)]);
  return e;
}

/** The inverse of `pathToExpr`; undefined when `expr` is not a path. */
export function exprToPath(expr: Expr): string | undefined {
  const parts: string[] = [];
  let e: Expr = expr;
  for (;;) {
    if (e.kind === "Attribute") {
      parts.push(e.attr);
      e = e.value;
    } else if (e.kind === "Call" && isGetattr(e)) {
      const [target, key] = e.args;
      if (
        target === undefined ||
        key?.kind !== "Constant" ||
        typeof key.value !== "string"
      )
        return undefined;
      parts.push(key.value);
      e = target;
    } else break;
  }
  if (e.kind === "Name") {
    parts.push(e.id);
    return parts.reverse().join(".");
  }
  if (
    parts.length === 0 &&
    e.kind === "Call" &&
    e.func.kind === "Name" &&
    e.func.id === "path" &&
    e.keywords.length === 0
  ) {
    const [arg] = e.args;
    if (
      e.args.length === 1 &&
      arg?.kind === "Constant" &&
      typeof arg.value === "string"
    )
      return arg.value;
  }
  return undefined;
}

function isGetattr(e: Extract<Expr, { kind: "Call" }>): boolean {
  return (
    e.func.kind === "Name" &&
    e.func.id === "getattr" &&
    e.args.length === 2 &&
    e.keywords.length === 0
  );
}
