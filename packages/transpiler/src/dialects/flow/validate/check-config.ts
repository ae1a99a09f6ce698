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
  const fields = new Map(task?.config_fields.map((f) => [f.id, f]) ?? []);
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
    const type = field?.type ?? implicitType(step, entry.fieldId);
    if (field !== undefined) {
      const problem = encodingChecks[field.type](entry.value, field);
      if (problem !== undefined) {
        report(
          ctx,
          codes.flowConfigEncoding,
          `${entry.fieldId}: ${problem.message}`,
          where,
          problem.hint === undefined ? {} : { hint: problem.hint },
        );
        return;
      }
    }
    checkValuePaths(ctx, scope, step, entry.fieldId, entry.value, type, where);
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

function checkValuePaths(
  ctx: ValidationContext,
  scope: StepScope,
  step: FlowStep,
  fieldId: string,
  value: string,
  type: ConfigFieldType | undefined,
  where: JsonPath,
): void {
  const templates = (texts: readonly unknown[]): void => {
    for (const t of texts)
      if (typeof t === "string" && hasLiquid(t))
        checkTemplate(ctx, scope, t, where);
  };
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
      templates([v["value"]]);
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
      templates(Array.isArray(v) ? v.flat() : []);
      return;
    }
    case "api_call": {
      const v = parseObject(value);
      if (v !== undefined) templates([v["blob"]]);
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
