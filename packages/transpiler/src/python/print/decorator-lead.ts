import { assertNever } from "../../diagnostics/errors.js";
import type { Expr } from "../ast/nodes.js";
import { needsParens, type ParentSlot } from "./precedence.js";

/**
 * black's `whitespace()` writes `@x`, `@x.y(z)`, `@not x` but `@ (a or b).c()`, `@ x.y == z`:
 * the space after `@` is dropped only when the first token's parent node is the decorator's
 * expression itself, i.e. when the token is at most one node deep.
 */
export function decoratorLead(expr: Expr): string {
  return firstLeafDepth(expr, { parent: "statement" }) <= 1 ? "" : " ";
}

/** How many blib2to3 nodes lie between `expr`'s first token and `expr`'s own position. */
function firstLeafDepth(expr: Expr, slot: ParentSlot): number {
  if (needsParens(expr, slot)) return 1;
  switch (expr.kind) {
    case "Name":
    case "Constant":
      return 0;
    case "Call":
    case "Attribute": {
      // One `power` node holds the head and all trailers (`a.b(c).d`).
      let head: Expr = expr;
      let headSlot: ParentSlot = slot;
      while (head.kind === "Call" || head.kind === "Attribute") {
        headSlot =
          head.kind === "Call"
            ? { parent: head, field: "func" }
            : { parent: head, field: "value" };
        head = head.kind === "Call" ? head.func : head.value;
      }
      return 1 + firstLeafDepth(head, headSlot);
    }
    case "BoolOp":
      return (
        1 +
        firstLeafDepth(expr.values[0] as Expr, {
          parent: expr,
          field: "values",
        })
      );
    case "Compare":
      return 1 + firstLeafDepth(expr.left, { parent: expr, field: "left" });
    case "UnaryOp":
    case "List":
    case "Tuple":
    case "Dict":
    case "GeneratorExp":
      return 1;
    default:
      return assertNever(expr, "expression kind");
  }
}
