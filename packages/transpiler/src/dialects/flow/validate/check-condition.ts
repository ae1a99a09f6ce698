import { codes } from "../../../diagnostics/codes.js";
import type { JsonPath } from "../../../diagnostics/diagnostic.js";
import type {
  BinaryOp,
  Condition,
  Operand,
} from "../condition/condition-ast.js";
import { findLiquidMarker } from "../condition/lexical.js";
import { decodeConditionText } from "../condition-value.js";
import { kindOfType, NUMERIC_OR_BOOLEAN, UNKNOWN_TYPE } from "./environment.js";
import {
  article,
  checkPath,
  NO_LOCALS,
  splitPath,
  type Locals,
  type TypedPath,
} from "./check-paths.js";
import type { StepScope, Variable } from "./scopes.js";
import { report, type ValidationContext } from "./validation-context.js";

const STRING_OPS: ReadonlySet<BinaryOp> = new Set([
  "start_with?",
  "not_start_with?",
  "end_with?",
  "not_end_with?",
  "include?",
  "not_include?",
]);

/** Dates have no emptiness either (SPEC §b.1: the emptiness tests are for strings). */
const NOT_EMPTY_TESTABLE: ReadonlySet<string> = new Set([
  ...NUMERIC_OR_BOOLEAN,
  "DateTime",
  "Date",
]);

/**
 * Checks a condition value in either encoding (SPEC §b): it decodes, its literals hold no
 * Liquid, its paths exist here (a quantifier's binder is in scope in its body), lists are
 * iterated with any/all/none before being compared, and operators get the types they take.
 */
export function checkCondition(
  ctx: ValidationContext,
  scope: StepScope,
  text: string,
  where: JsonPath,
): void {
  const decoded = decodeConditionText(text);
  if (!decoded.ok) {
    for (const d of decoded.diagnostics) {
      const at =
        d.path !== undefined && d.path.length > 0
          ? ` at ${d.path.join(".")}`
          : d.span !== undefined
            ? ` at ${d.span.start.line}:${d.span.start.column} of the condition`
            : "";
      // The span is inside the condition text, not the document: the message carries it.
      ctx.findings.push({
        diagnostic: {
          code: d.code,
          severity: d.severity,
          message: `${d.message}${at}`,
          ...(d.hint === undefined ? {} : { hint: d.hint }),
          path: where,
        },
      });
    }
    return;
  }
  walk(ctx, scope, decoded.value.condition, NO_LOCALS, where);
}

function walk(
  ctx: ValidationContext,
  scope: StepScope,
  c: Condition,
  locals: Locals,
  where: JsonPath,
): void {
  switch (c.kind) {
    case "Logical":
      for (const o of c.operands) walk(ctx, scope, o, locals, where);
      return;
    case "Comparison": {
      const lhs = operand(ctx, scope, c.lhs, locals, where);
      const rhs = operand(ctx, scope, c.rhs, locals, where);
      for (const [side, typed] of [
        [c.lhs, lhs],
        [c.rhs, rhs],
      ] as const) {
        if (side.kind !== "Path" || typed === undefined) continue;
        if (!typed.endsInList && !typed.crossesList) continue;
        if (STRING_OPS.has(c.op))
          report(
            ctx,
            codes.conditionOperatorType,
            `${c.op} tests a string, but ${side.path} is a list`,
            where,
            {
              hint: `${c.op === "include?" || c.op === "not_include?" ? "include? is a substring test, not list membership. " : ""}Test the items: any(…) / all(…) over the list (DSL: any? |item| (…)).`,
              focus: side.path,
            },
          );
        else
          report(
            ctx,
            codes.conditionListAsScalar,
            `${side.path} is ${typed.endsInList ? "a list" : "a path through a list"} and cannot be compared as one value`,
            where,
            {
              hint: `Iterate it: any(x == … for x in list) in Python, (list any? |x| (x == …)) in the DSL; all/none likewise.`,
              focus: side.path,
            },
          );
        return;
      }
      if (
        STRING_OPS.has(c.op) &&
        c.lhs.kind === "Path" &&
        lhs !== undefined &&
        NUMERIC_OR_BOOLEAN.has(lhs.type)
      )
        report(
          ctx,
          codes.conditionOperatorType,
          `${c.op} tests a string, but ${c.lhs.path} is ${describe(lhs.type)}`,
          where,
          {
            hint: "Compare numbers and booleans with ==, !=, <, <=, >, >=.",
            focus: c.lhs.path,
          },
        );
      return;
    }
    case "Unary": {
      const typed = operand(ctx, scope, c.operand, locals, where);
      if (typed === undefined) return;
      if (typed.crossesList && !typed.endsInList) {
        report(
          ctx,
          codes.conditionListAsScalar,
          `${c.operand.path} is a path through a list and cannot be tested as one value`,
          where,
          {
            hint: "Iterate the list with any(…)/all(…) and test each item.",
            focus: c.operand.path,
          },
        );
        return;
      }
      if (
        (c.op === "empty_or_nil?" || c.op === "not_empty_and_not_nil?") &&
        !typed.endsInList &&
        typed.known &&
        (NOT_EMPTY_TESTABLE.has(typed.type) ||
          kindOfType(ctx.scopes.env, typed.type) === "object")
      ) {
        report(
          ctx,
          codes.conditionOperatorType,
          `${c.op} is for strings, but ${c.operand.path} is ${describe(typed.type)}`,
          where,
          {
            hint: truthinessHint(
              c.op === "empty_or_nil?",
              c.operand.path,
              typed.type,
            ),
            focus: c.operand.path,
          },
        );
      }
      return;
    }
    case "Quantified": {
      const segments = splitPath(c.path);
      const typed =
        segments === undefined
          ? undefined
          : checkPath(ctx, scope, locals, segments, c.path, where);
      let itemType = UNKNOWN_TYPE;
      if (typed !== undefined) {
        if (typed.endsInList || typed.crossesList) itemType = typed.type;
        else if (typed.known)
          report(
            ctx,
            codes.conditionOperatorType,
            `${c.quantifier}? iterates over a list, but ${c.path} is ${describe(typed.type)}`,
            where,
            {
              hint: "Compare the value directly, without any()/all().",
              focus: c.path,
            },
          );
      }
      const binder: Variable = {
        name: c.binder,
        type: itemType,
        isList: false,
        origin: { kind: "local" },
      };
      const inner = new Map(locals);
      inner.set(c.binder, binder);
      walk(ctx, scope, c.body, inner, where);
      return;
    }
  }
}

function operand(
  ctx: ValidationContext,
  scope: StepScope,
  o: Operand,
  locals: Locals,
  where: JsonPath,
): TypedPath | undefined {
  if (o.kind === "Literal") {
    if (o.type === "string" && findLiquidMarker(o.text) !== -1)
      report(
        ctx,
        codes.conditionLiquid,
        `the condition value ${JSON.stringify(o.text)} contains Liquid, which conditions do not evaluate`,
        where,
        {
          hint: "Conditions compare paths and literals directly: write the path itself, not {{ path }}.",
          focus: o.text,
        },
      );
    return undefined;
  }
  const segments = splitPath(o.path);
  if (segments === undefined) return undefined;
  return checkPath(ctx, scope, locals, segments, o.path, where);
}

function describe(type: string): string {
  const colon = type.indexOf(":");
  return article(colon > 0 ? type.slice(colon + 1) : type);
}

/** What a truthiness test on a non-string most likely meant: a comparison, or a nil test. */
function truthinessHint(empty: boolean, path: string, type: string): string {
  const nil = `${empty ? "nil?" : "not_nil?"} (Python: \`${path} is ${empty ? "" : "not "}None\`)`;
  if (type === "Boolean")
    return `Compare with True or False (Python: \`${path} == ${empty ? "False" : "True"}\`), or use ${nil} for a missing value; not a truthiness test.`;
  if (NUMERIC_OR_BOOLEAN.has(type))
    return `Compare with a number (Python: \`${path} ${empty ? "==" : ">"} 0\`), or use ${nil} for a missing value; not a truthiness test.`;
  return `Use ${nil}, not a truthiness test.`;
}
