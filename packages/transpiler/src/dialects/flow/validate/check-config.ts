import { codes } from "../../../diagnostics/codes.js";
import { assertNever } from "../../../diagnostics/errors.js";
import type { JsonPath } from "../../../diagnostics/diagnostic.js";
import type {
  CatalogTask,
  ConfigField,
  ConfigFieldType,
} from "../catalog/catalog-schema.js";
import type { FlowStep } from "../model.js";
import { CONDITION_FIELD, FOREACH_FIELD } from "../python-vocabulary.js";
import { checkCondition } from "./check-condition.js";
import { catalogFacts } from "./catalog-facts.js";
import { checkTemplate } from "./check-liquid.js";
import { checkPath, NO_LOCALS, splitPath } from "./check-paths.js";
import { encodingChecks } from "./config-encodings.js";
import { hasLiquid } from "./liquid.js";
import type { StepScope } from "./scopes.js";
import { closestNames, didYouMean } from "./suggest.js";
import {
  configValuePath,
  report,
  stepPath,
  type Finding,
  type ValidationContext,
} from "./validation-context.js";

/**
 * The config of one step against its catalog task (SPEC §c, §g "every config_field_id
 * present in the task schema"): known field ids, required fields present, each value in
 * its field's encoding, and the paths and Liquid inside values. For a task the catalog
 * does not know, only what needs no schema is checked (conditions, loop lists, Liquid).
 */
export function checkStepConfig(
  ctx: ValidationContext,
  index: number,
  step: FlowStep,
  task: CatalogTask | undefined,
  scope: StepScope,
): void {
  const fields: ReadonlyMap<string, ConfigField> =
    task === undefined
      ? NO_FIELDS
      : catalogFacts(ctx.catalog).configFields(task);
  step.config.forEach((entry, j) => {
    const where = configValuePath(ctx.workflow, index, j);
    const field = fields.get(entry.fieldId);
    if (task !== undefined && field === undefined) {
      const given = new Set(step.config.map((c) => c.fieldId));
      const unused = [...fields.keys()].filter((id) => !given.has(id));
      report(
        ctx,
        codes.flowUnknownConfigField,
        `${task.id} has no config field ${entry.fieldId}`,
        [
          ...configValuePath(ctx.workflow, index, j).slice(0, -1),
          "config_field_id",
        ],
        {
          hint:
            didYouMean(closestNames(entry.fieldId, unused)) ??
            (fields.size === 0
              ? `${task.id} takes no config fields.`
              : `Its fields: ${[...fields.keys()].join(", ")}.`),
        },
      );
    }
    checkValueOnce(ctx, scope, step, entry.fieldId, entry.value, field, where);
  });
  if (task === undefined) return;
  const given = new Set(step.config.map((c) => c.fieldId));
  for (const field of task.config_fields) {
    if (!field.required || given.has(field.id) || boundByTrigger(field))
      continue;
    report(
      ctx,
      codes.flowMissingConfigField,
      `${task.id} needs the config field ${field.id} (${field.label})`,
      [...stepPath(ctx.workflow, index), "config_field_values"],
      { hint: field.description === "" ? undefined : field.description },
    );
  }
}

const NO_FIELDS: ReadonlyMap<string, ConfigField> = new Map();

/** Hidden fields the trigger fills (SPEC §c #4: "hidden fields set by the trigger"). */
function boundByTrigger(field: ConfigField): boolean {
  return field.hidden === true && field.default_path !== undefined;
}

/** Fields that mean the same in every task of their step type, for tasks the catalog lacks. */
function implicitType(
  step: FlowStep,
  fieldId: string,
): ConfigFieldType | undefined {
  if (step.taskType === "CONDITION" && fieldId === CONDITION_FIELD)
    return "condition";
  if (step.taskType === "FOREACH" && fieldId === FOREACH_FIELD)
    return "env_path";
  return undefined;
}

/**
 * `checkValue`, or the findings of the same check earlier in this validation moved to
 * `where`. What the check reads besides its arguments (catalog, workflow, scopes) is fixed
 * for one validation; the key holds every argument it reads except `where`: the scope,
 * the value, and the field (or, without one, the type the value is read as). A loop's
 * list is not kept: its check also reads the field id and the step type.
 */
function checkValueOnce(
  ctx: ValidationContext,
  scope: StepScope,
  step: FlowStep,
  fieldId: string,
  value: string,
  field: ConfigField | undefined,
  where: JsonPath,
): void {
  if (fieldId === FOREACH_FIELD) {
    checkValue(ctx, scope, step, fieldId, value, field, where);
    return;
  }
  let inScope = ctx.valueChecks.get(scope);
  if (inScope === undefined) {
    inScope = new Map();
    ctx.valueChecks.set(scope, inScope);
  }
  // A value is mostly read one way: a short list of (field or type, findings) per value.
  let seen = inScope.get(value);
  if (seen === undefined) {
    seen = [];
    inScope.set(value, seen);
  }
  const key = field ?? implicitType(step, fieldId) ?? "";
  for (const earlier of seen) {
    if (earlier.key !== key) continue;
    for (const f of earlier.findings)
      ctx.findings.push({ ...f, diagnostic: { ...f.diagnostic, path: where } });
    return;
  }
  const before = ctx.findings.length;
  checkValue(ctx, scope, step, fieldId, value, field, where);
  const findings =
    ctx.findings.length === before ? NONE : ctx.findings.slice(before);
  // Every check reports at `where`; a finding elsewhere could not be moved, so is not kept.
  if (findings.every((f) => f.diagnostic.path === where))
    seen.push({ key, findings });
}

/** One value in its field's encoding, then the paths and Liquid inside it. */
function checkValue(
  ctx: ValidationContext,
  scope: StepScope,
  step: FlowStep,
  fieldId: string,
  value: string,
  field: ConfigField | undefined,
  where: JsonPath,
): void {
  if (field !== undefined) {
    const problem = encodingChecks[field.type](value, field);
    if (problem !== undefined) {
      report(
        ctx,
        codes.flowConfigEncoding,
        `${fieldId}: ${problem.message}`,
        where,
        problem.hint === undefined ? {} : { hint: problem.hint },
      );
      return;
    }
  }
  const type = field?.type ?? implicitType(step, fieldId);
  checkValuePaths(ctx, scope, step, fieldId, value, type, where);
}

const NONE: readonly Finding[] = [];

function checkValuePaths(
  ctx: ValidationContext,
  scope: StepScope,
  step: FlowStep,
  fieldId: string,
  value: string,
  type: ConfigFieldType | undefined,
  where: JsonPath,
): void {
  switch (type) {
    case "condition":
      checkCondition(ctx, scope, value, where);
      return;
    case "env_path": {
      if (hasLiquid(value)) {
        checkTemplate(ctx, scope, value, where);
        return;
      }
      const segments = splitPath(value);
      if (segments === undefined) return;
      const typed = checkPath(
        ctx,
        scope,
        NO_LOCALS,
        segments,
        value.trim(),
        where,
      );
      if (
        fieldId === FOREACH_FIELD &&
        typed !== undefined &&
        typed.known &&
        !typed.endsInList &&
        !typed.crossesList
      )
        report(
          ctx,
          codes.flowNotAList,
          `${value.trim()} is not a list, so ${step.taskType === "FOREACH" ? "there is nothing to loop over" : "there are no items to count or add up"}`,
          where,
          {
            hint: "Name a list: a list field such as order.lineItems, or a Get data result such as getOrderData.",
            focus: value.trim(),
          },
        );
      return;
    }
    case "liquid_wrapper": {
      const v = parseObject(value);
      if (v === undefined) return;
      templates(ctx, scope, [v["value"]], where);
      const fallback = v["default_value"];
      if (typeof fallback === "string" && fallback !== "") {
        const segments = splitPath(fallback);
        if (segments !== undefined)
          checkPath(ctx, scope, NO_LOCALS, segments, fallback, where);
      }
      return;
    }
    case "list":
    case "headers": {
      const v = parseAny(value);
      templates(ctx, scope, Array.isArray(v) ? v.flat() : [], where);
      return;
    }
    case "api_call": {
      const v = parseObject(value);
      if (v !== undefined) templates(ctx, scope, [v["blob"]], where);
      return;
    }
    case "graphql_query":
      if (/\b(?:edges|nodes)\b/.test(value))
        report(
          ctx,
          codes.flowConnectionPath,
          "the Run code input query uses edges/nodes, which the Flow environment does not have",
          where,
          {
            hint: "Query lists directly: order { lineItems { sku } }.",
            focus: /\bedges\b/.test(value) ? "edges" : "nodes",
          },
        );
      return;
    case "javascript":
    case "graphql_sdl":
      return;
    case undefined:
    case "string":
    case "liquid":
    case "number":
    case "boolean":
    case "enum":
    case "rrule":
    case "metafield_ref":
    case "search_query":
    case "resource_ref":
    case "duration":
    case "shopifyql":
      if (hasLiquid(value)) checkTemplate(ctx, scope, value, where);
      return;
    default:
      assertNever(type, "config field type");
  }
}

function templates(
  ctx: ValidationContext,
  scope: StepScope,
  texts: readonly unknown[],
  where: JsonPath,
): void {
  for (const t of texts)
    if (typeof t === "string" && hasLiquid(t))
      checkTemplate(ctx, scope, t, where);
}

function parseAny(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function parseObject(value: string): Record<string, unknown> | undefined {
  const v = parseAny(value);
  return typeof v === "object" && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}
