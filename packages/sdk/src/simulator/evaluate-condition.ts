import type {
  Comparison,
  Condition,
  Diagnostic,
  Operand,
  Quantified,
  Unary,
} from "@flowpy/transpiler";
import { assertNever } from "@flowpy/transpiler";
import {
  comparePositive,
  equals,
  type Outcome,
  type PositiveBinary,
} from "./compare-values.js";
import { resolvePath, type Environment } from "./environment.js";
import { sdkCodes } from "../sdk-codes.js";
import { canonicalJson, type SimValue } from "./sim-value.js";

export type ConditionOutcome =
  | {
      readonly kind: "decided";
      readonly value: boolean;
      readonly reason: string;
      readonly problems: readonly Diagnostic[];
    }
  | { readonly kind: "failed"; readonly problem: Diagnostic };

const NEGATIONS: Readonly<Record<string, PositiveBinary>> = {
  "!=": "==",
  "not_start_with?": "start_with?",
  "not_end_with?": "end_with?",
  "not_include?": "include?",
  "not_in?": "in?",
};

interface Ctx {
  readonly env: Environment;
  readonly problems: Diagnostic[];
  unbound: Diagnostic | undefined;
}

/**
 * Evaluates a condition with Flow's semantics (see `compare-values.ts` for comparisons).
 * Quantifiers: `any?` is true when some item matches, `none?` when none does, `all?` when
 * every item does, so `all?` over an empty list is true (SPEC leaves it open). A null list
 * has no items; a single non-list value is treated as a one-item list. A path naming a
 * variable that is not in scope fails the evaluation (Flow would reject the workflow).
 */
export function evaluateCondition(
  condition: Condition,
  env: Environment,
): ConditionOutcome {
  const ctx: Ctx = { env, problems: [], unbound: undefined };
  const result = evaluate(condition, new Map(), ctx);
  if (ctx.unbound !== undefined)
    return { kind: "failed", problem: ctx.unbound };
  return {
    kind: "decided",
    value: result.value,
    reason: result.reason,
    problems: ctx.problems,
  };
}

interface Evaluated {
  readonly value: boolean;
  readonly reason: string;
}

function evaluate(
  c: Condition,
  locals: ReadonlyMap<string, SimValue>,
  ctx: Ctx,
): Evaluated {
  switch (c.kind) {
    case "Logical": {
      const parts = c.operands.map((o) => evaluate(o, locals, ctx));
      const value =
        c.op === "AND"
          ? parts.every((p) => p.value)
          : parts.some((p) => p.value);
      // The operand that decided the outcome explains it best.
      const deciding =
        parts.find((p) => p.value === (c.op === "OR")) ??
        parts[parts.length - 1];
      return {
        value,
        reason: `${c.op}: ${deciding?.reason ?? "no operands"}`,
      };
    }
    case "Comparison":
      return comparison(c, locals, ctx);
    case "Unary":
      return unary(c, locals, ctx);
    case "Quantified":
      return quantified(c, locals, ctx);
    default:
      return assertNever(c, "condition");
  }
}

function operandValue(
  o: Operand,
  locals: ReadonlyMap<string, SimValue>,
  ctx: Ctx,
): SimValue {
  if (o.kind === "Literal") {
    if (o.type === "number") return Number(o.text);
    if (o.type === "boolean") return o.text === "true";
    return o.text;
  }
  const r = resolvePath(ctx.env, o.path, locals);
  if (r.kind === "value") return r.value;
  ctx.unbound ??= unboundProblem(r.root, r.expired, o.path);
  return null;
}

export function unboundProblem(
  root: string,
  expired: boolean,
  path: string,
): Diagnostic {
  return expired
    ? {
        code: sdkCodes.simExpiredAfterWait,
        severity: "error",
        message: `${path}: ${root} was fetched before a Wait and is gone after it`,
        hint: "Fetch the data again after the Wait.",
      }
    : {
        code: sdkCodes.simUnboundVariable,
        severity: "error",
        message: `${path}: no variable ${root} is in scope here`,
        hint: "Steps see the trigger's objects, shop, outputs of earlier steps on their path and, inside a ForEach body, its item.",
      };
}

function show(v: SimValue): string {
  const text = canonicalJson(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function comparison(
  c: Comparison,
  locals: ReadonlyMap<string, SimValue>,
  ctx: Ctx,
): Evaluated {
  const lhs = operandValue(c.lhs, locals, ctx);
  const rhs = operandValue(c.rhs, locals, ctx);
  const negated = NEGATIONS[c.op];
  const positive: PositiveBinary = negated ?? (c.op as PositiveBinary);
  let outcome: Outcome;
  if (positive === "in?" && Array.isArray(rhs)) {
    outcome = (rhs as readonly SimValue[]).some((x) => equals(lhs, x) === true);
  } else if (Array.isArray(lhs) || Array.isArray(rhs)) {
    ctx.problems.push({
      code: sdkCodes.simListCompared,
      severity: "warning",
      message: `${describe(c.lhs)} ${c.op} ${describe(c.rhs)} compares a list directly`,
      hint: "Iterate the list with any?/all?/none? and compare each item.",
    });
    outcome = false;
  } else outcome = comparePositive(positive, lhs, rhs);
  if (outcome === "not-comparable") {
    ctx.problems.push({
      code: sdkCodes.simNotComparable,
      severity: "warning",
      message: `${describe(c.lhs)} (${show(lhs)}) and ${describe(c.rhs)} (${show(rhs)}) cannot be compared with ${c.op}`,
    });
    outcome = false;
  }
  const value = negated === undefined ? outcome : !outcome;
  return {
    value,
    reason: `${describe(c.lhs)} ${c.op} ${describe(c.rhs)}: ${show(lhs)} vs ${show(rhs)} is ${value}`,
  };
}

function describe(o: Operand): string {
  return o.kind === "Path"
    ? o.path
    : o.type === "string"
      ? `'${o.text}'`
      : o.text;
}

function unary(
  c: Unary,
  locals: ReadonlyMap<string, SimValue>,
  ctx: Ctx,
): Evaluated {
  const v = operandValue(c.operand, locals, ctx);
  const nil = v === null;
  const empty =
    nil ||
    v === "" ||
    (Array.isArray(v) && (v as readonly SimValue[]).length === 0);
  const value =
    c.op === "nil?"
      ? nil
      : c.op === "not_nil?"
        ? !nil
        : c.op === "empty_or_nil?"
          ? empty
          : !empty;
  return {
    value,
    reason: `${c.operand.path} ${c.op}: ${show(v)} is ${value}`,
  };
}

function quantified(
  c: Quantified,
  locals: ReadonlyMap<string, SimValue>,
  ctx: Ctx,
): Evaluated {
  const list = operandValue({ kind: "Path", path: c.path }, locals, ctx);
  const items: readonly SimValue[] =
    list === null
      ? []
      : Array.isArray(list)
        ? (list as readonly SimValue[])
        : [list];
  let matches = 0;
  let firstMatch = -1;
  items.forEach((item, i) => {
    const inner = new Map(locals);
    inner.set(c.binder, item);
    if (evaluate(c.body, inner, ctx).value) {
      matches++;
      if (firstMatch === -1) firstMatch = i;
    }
  });
  const value =
    c.quantifier === "any"
      ? matches > 0
      : c.quantifier === "none"
        ? matches === 0
        : matches === items.length;
  return {
    value,
    reason: `${c.path} ${c.quantifier}?: ${matches} of ${items.length} items match, so ${value}`,
  };
}
