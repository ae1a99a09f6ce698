import type { Expr } from "../../python/ast/nodes.js";
import { py } from "../../python/ast/builders.js";
import { codes } from "../../diagnostics/codes.js";
import {
  error,
  fail,
  ok,
  type Diagnostic,
  type Result,
} from "../../diagnostics/diagnostic.js";
import { assertNever } from "../../diagnostics/errors.js";
import {
  makeLogical,
  type BinaryOp,
  type Comparison,
  type Condition,
  type Operand,
  type PathOperand,
} from "./condition/condition-ast.js";
import { isPath } from "./condition/lexical.js";
import { exprToPath, pathToExpr } from "./python-paths.js";
import { exprToNumber, numberToExpr } from "./python-literals.js";

/**
 * Flow conditions as Python boolean expressions (mapping table in
 * grammars/flow-python-mapping.md): comparisons stay comparisons, string operators become
 * `startswith`/`endswith`/`in`, `in?` lists become list displays, quantifiers become
 * `any`/`all`/`not any` over generator expressions, nil checks become `is None`/truthiness.
 */
export function conditionToPython(c: Condition): Expr {
  switch (c.kind) {
    case "Logical":
      return py.boolOp(
        c.op === "AND" ? "And" : "Or",
        c.operands.map(conditionToPython),
      );
    case "Comparison":
      return comparisonToPython(c);
    case "Unary": {
      const p = operandToPython(c.operand);
      switch (c.op) {
        case "nil?":
          return py.compare(p, "Is", py.none());
        case "not_nil?":
          return py.compare(p, "IsNot", py.none());
        case "empty_or_nil?":
          return py.unary("Not", p);
        case "not_empty_and_not_nil?":
          return p;
      }
    }
    case "Quantified": {
      const gen = py.genexp(
        conditionToPython(c.body),
        py.name(c.binder),
        pathToExpr(c.path),
      );
      if (c.quantifier === "all") return py.call(py.name("all"), [gen]);
      const any = py.call(py.name("any"), [gen]);
      return c.quantifier === "none" ? py.unary("Not", any) : any;
    }
    default:
      return assertNever(c, "condition");
  }
}

const COMPARE_OPS = {
  "==": "Eq",
  "!=": "NotEq",
  ">": "Gt",
  ">=": "GtE",
  "<": "Lt",
  "<=": "LtE",
} as const;

/** `l.name(r)`, negated with `not`; a module-level function, not a closure per call. */
function methodCall(l: Expr, r: Expr, name: string, negate: boolean): Expr {
  const call = py.call(py.attr(l, name), [r]);
  return negate ? py.unary("Not", call) : call;
}

function comparisonToPython(c: Comparison): Expr {
  const l = operandToPython(c.lhs);
  const r = operandToPython(c.rhs);
  switch (c.op) {
    case "==":
    case "!=":
    case ">":
    case ">=":
    case "<":
    case "<=":
      return py.compare(l, COMPARE_OPS[c.op], r);
    case "start_with?":
      return methodCall(l, r, "startswith", false);
    case "not_start_with?":
      return methodCall(l, r, "startswith", true);
    case "end_with?":
      return methodCall(l, r, "endswith", false);
    case "not_end_with?":
      return methodCall(l, r, "endswith", true);
    case "include?":
      return py.compare(r, "In", l);
    case "not_include?":
      return py.compare(r, "NotIn", l);
    case "in?":
    case "not_in?":
      return py.compare(
        l,
        c.op === "in?" ? "In" : "NotIn",
        membershipList(c.rhs),
      );
    default:
      return assertNever(c.op, "binary operator");
  }
}

/** `in?` takes ONE comma-separated literal (SPEC §b.1); Python shows it as the list it means. */
function membershipList(rhs: Operand): Expr {
  if (rhs.kind === "Path")
    return py.call(py.attr(pathToExpr(rhs.path), "split"), [py.str(",")]);
  if (rhs.type === "string")
    return py.list(rhs.text.split(",").map((s) => py.str(s)));
  return py.list([operandToPython(rhs)]);
}

function operandToPython(o: Operand): Expr {
  if (o.kind === "Path") return pathToExpr(o.path);
  switch (o.type) {
    case "string":
      return py.str(o.text);
    case "number":
      return numberToExpr(o.text);
    case "boolean":
      return py.bool(o.text === "true");
    default:
      return assertNever(o.type, "literal type");
  }
}

// ------------------------------------------------------------------ Python → condition

export function pythonToCondition(expr: Expr): Result<Condition> {
  const problems: Diagnostic[] = [];
  const c = toCondition(expr, problems);
  return c === undefined || problems.length > 0 ? fail(problems) : ok(c);
}

function toCondition(e: Expr, problems: Diagnostic[]): Condition | undefined {
  switch (e.kind) {
    case "BoolOp": {
      const parts = e.values.map((v) => toCondition(v, problems));
      if (parts.some((p) => p === undefined)) return undefined;
      return makeLogical(e.op === "And" ? "AND" : "OR", parts as Condition[]);
    }
    case "Compare":
      return compareToCondition(e, problems);
    case "UnaryOp": {
      if (e.op !== "Not") break;
      const inner = e.operand;
      if (inner.kind === "Call") {
        const m = stringMethod(inner, problems);
        // Literals listing every key, not `{ ...m, op }`: V8 makes a new hidden class for
        // each evaluation of a literal that starts with a spread and adds keys after it.
        if (m !== undefined)
          return {
            kind: m.kind,
            lhs: m.lhs,
            op: m.op === "start_with?" ? "not_start_with?" : "not_end_with?",
            rhs: m.rhs,
          };
        const q = quantifier(inner, problems);
        if (q !== undefined && q.quantifier === "any")
          return {
            kind: q.kind,
            path: q.path,
            quantifier: "none",
            binder: q.binder,
            body: q.body,
          };
        if (q !== undefined) break;
      }
      const p = pathOperand(inner, problems);
      if (p !== undefined)
        return { kind: "Unary", operand: p, op: "empty_or_nil?" };
      break;
    }
    case "Call": {
      const m = stringMethod(e, problems);
      if (m !== undefined) return m;
      const q = quantifier(e, problems);
      if (q !== undefined) return q;
      const p = pathOperand(e, problems);
      if (p !== undefined)
        return { kind: "Unary", operand: p, op: "not_empty_and_not_nil?" };
      break;
    }
    case "Name":
    case "Attribute": {
      const p = pathOperand(e, problems);
      if (p !== undefined)
        return { kind: "Unary", operand: p, op: "not_empty_and_not_nil?" };
      break;
    }
    default:
      break;
  }
  problems.push(unsupported(e));
  return undefined;
}

const CMP_TO_FLOW = {
  Eq: "==",
  NotEq: "!=",
  Gt: ">",
  GtE: ">=",
  Lt: "<",
  LtE: "<=",
} as const satisfies Partial<Record<string, BinaryOp>>;

function compareToCondition(
  e: Extract<Expr, { kind: "Compare" }>,
  problems: Diagnostic[],
): Condition | undefined {
  const [op] = e.ops;
  const [right] = e.comparators;
  if (e.ops.length !== 1 || op === undefined || right === undefined) {
    problems.push(
      error(
        codes.flowPyInvalidCondition,
        "chained comparisons have no Flow equivalent",
        {
          ...(e.span ? { span: e.span } : {}),
          hint: "Write `a < b and b < c` instead of `a < b < c`.",
        },
      ),
    );
    return undefined;
  }
  if (op === "Is" || op === "IsNot") {
    const p = pathOperand(e.left, problems);
    if (p !== undefined && right.kind === "Constant" && right.value === null) {
      return {
        kind: "Unary",
        operand: p,
        op: op === "Is" ? "nil?" : "not_nil?",
      };
    }
    problems.push(
      unsupported(
        e,
        "Only `x is None` and `x is not None` have a Flow equivalent.",
      ),
    );
    return undefined;
  }
  if (op === "In" || op === "NotIn") {
    const negate = op === "NotIn";
    if (right.kind === "List") {
      const lhs = operand(e.left, problems);
      const rhs = listOperand(right, problems);
      return lhs && rhs
        ? { kind: "Comparison", lhs, op: negate ? "not_in?" : "in?", rhs }
        : undefined;
    }
    if (
      right.kind === "Call" &&
      right.func.kind === "Attribute" &&
      right.func.attr === "split" &&
      right.keywords.length === 0
    ) {
      const [sep] = right.args;
      const target = exprToPath(right.func.value);
      if (
        right.args.length === 1 &&
        sep?.kind === "Constant" &&
        sep.value === "," &&
        target !== undefined
      ) {
        const lhs = operand(e.left, problems);
        return lhs
          ? {
              kind: "Comparison",
              lhs,
              op: negate ? "not_in?" : "in?",
              rhs: { kind: "Path", path: target },
            }
          : undefined;
      }
    }
    // `x in s` is substring search: Flow's `s include? x`.
    const container = operand(right, problems);
    const item = operand(e.left, problems);
    return container && item
      ? {
          kind: "Comparison",
          lhs: container,
          op: negate ? "not_include?" : "include?",
          rhs: item,
        }
      : undefined;
  }
  const lhs = operand(e.left, problems);
  const rhs = operand(right, problems);
  return lhs && rhs
    ? { kind: "Comparison", lhs, op: CMP_TO_FLOW[op], rhs }
    : undefined;
}

function listOperand(
  list: Extract<Expr, { kind: "List" }>,
  problems: Diagnostic[],
): Operand | undefined {
  const items = list.elts.map((x) => operand(x, problems));
  if (items.some((x) => x === undefined)) return undefined;
  const ops = items as Operand[];
  const [only] = ops;
  if (
    ops.length === 1 &&
    only !== undefined &&
    only.kind === "Literal" &&
    only.type !== "string"
  )
    return only;
  if (ops.length === 0 || ops.some((o) => o.kind !== "Literal")) {
    problems.push(
      unsupported(
        list,
        'An `in` list holds literal values, e.g. `x in ["PAID", "REFUNDED"]`.',
      ),
    );
    return undefined;
  }
  return {
    kind: "Literal",
    type: "string",
    text: ops.map((o) => (o.kind === "Literal" ? o.text : "")).join(","),
  };
}

function stringMethod(
  call: Extract<Expr, { kind: "Call" }>,
  problems: Diagnostic[],
): Comparison | undefined {
  if (
    call.func.kind !== "Attribute" ||
    call.keywords.length > 0 ||
    call.args.length !== 1
  )
    return undefined;
  const name = call.func.attr;
  if (name !== "startswith" && name !== "endswith") return undefined;
  const [arg] = call.args;
  const lhs = operand(call.func.value, problems);
  const rhs = arg === undefined ? undefined : operand(arg, problems);
  if (!lhs || !rhs) return undefined;
  return {
    kind: "Comparison",
    lhs,
    op: name === "startswith" ? "start_with?" : "end_with?",
    rhs,
  };
}

function quantifier(
  call: Extract<Expr, { kind: "Call" }>,
  problems: Diagnostic[],
): Extract<Condition, { kind: "Quantified" }> | undefined {
  if (
    call.func.kind !== "Name" ||
    (call.func.id !== "any" && call.func.id !== "all")
  )
    return undefined;
  const [gen] = call.args;
  if (
    call.args.length !== 1 ||
    call.keywords.length > 0 ||
    gen?.kind !== "GeneratorExp"
  )
    return undefined;
  const [comp] = gen.generators;
  if (gen.generators.length !== 1 || comp === undefined) {
    problems.push(
      unsupported(
        gen,
        "Use one `for` per any()/all(); nest any() calls for nested lists.",
      ),
    );
    return undefined;
  }
  const list = exprToPath(comp.iter);
  if (list === undefined) {
    problems.push(
      unsupported(
        comp.iter,
        "any()/all() iterate over an environment path such as `order.lineItems`.",
      ),
    );
    return undefined;
  }
  let body = toCondition(gen.elt, problems);
  if (body === undefined) return undefined;
  if (comp.ifs.length > 0) {
    // `any(b for x in xs if a)` means the same as `any(a and b for x in xs)`.
    const ifs = comp.ifs.map((f) => toCondition(f, problems));
    if (ifs.some((f) => f === undefined)) return undefined;
    body = makeLogical("AND", [...(ifs as Condition[]), body]);
  }
  return {
    kind: "Quantified",
    path: list,
    quantifier: call.func.id,
    binder: comp.target.id,
    body,
  };
}

/**
 * A path operand. One the condition format cannot hold (a name with non-ASCII letters,
 * `path("a b")`) is reported here, where it was written; it would otherwise surface later
 * as an invalid condition tree flowpy itself produced.
 */
function pathOperand(e: Expr, problems: Diagnostic[]): PathOperand | undefined {
  const path = exprToPath(e);
  if (path === undefined) return undefined;
  if (!isPath(path))
    problems.push(
      error(
        codes.flowPyInvalidCondition,
        `${path} is not a Flow path: its names must be ASCII letters, digits and _`,
        {
          ...(e.span ? { span: e.span } : {}),
          hint: "Use the environment's own names, e.g. customer.createdAt; the trigger's parameters are named after its roots.",
        },
      ),
    );
  return { kind: "Path", path };
}

function operand(e: Expr, problems: Diagnostic[]): Operand | undefined {
  const p = pathOperand(e, problems);
  if (p !== undefined) return p;
  if (e.kind === "Constant") {
    if (typeof e.value === "string")
      return { kind: "Literal", type: "string", text: e.value };
    if (typeof e.value === "boolean")
      return { kind: "Literal", type: "boolean", text: String(e.value) };
  }
  const n = exprToNumber(e);
  if (n !== undefined) return { kind: "Literal", type: "number", text: n };
  problems.push(
    unsupported(
      e,
      "Operands are environment paths (`order.totalPrice`) or literals (strings, numbers, True/False).",
    ),
  );
  return undefined;
}

function unsupported(e: Expr, hint?: string): Diagnostic {
  return error(
    codes.flowPyInvalidCondition,
    `this ${describe(e)} has no Flow condition equivalent`,
    {
      ...(e.span ? { span: e.span } : {}),
      hint:
        hint ??
        "Conditions use comparisons, `and`/`or`, `not`, `in`, `.startswith()`/`.endswith()`, `is None`, and any()/all() over lists.",
    },
  );
}

function describe(e: Expr): string {
  switch (e.kind) {
    case "Constant":
      return e.value === null
        ? "None"
        : typeof e.value === "string"
          ? "string"
          : typeof e.value === "boolean"
            ? "boolean"
            : "number";
    case "GeneratorExp":
      return "generator expression";
    default:
      return `${e.kind} expression`;
  }
}
