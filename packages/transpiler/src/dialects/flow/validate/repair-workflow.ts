import { codes } from "../../../diagnostics/codes.js";
import type { Diagnostic } from "../../../diagnostics/diagnostic.js";
import type { Catalog } from "../catalog/load-catalog.js";
import type { ConfigField } from "../catalog/catalog-schema.js";
import type { ConfigEntry, FlowStep, FlowWorkflow } from "../model.js";
import { splitPath } from "./check-paths.js";
import { catalogFacts } from "./catalog-facts.js";
import { encodingChecks } from "./config-encodings.js";
import { withFlowBucket } from "./flow-buckets.js";
import { hasLiquid } from "./liquid.js";
import { configValuePath } from "./validation-context.js";

/** One value a repair changed: which step and config entry, and the new value. */
export interface Repair {
  readonly step: number;
  readonly entry: number;
  readonly before: string;
  readonly after: string;
  readonly note: Diagnostic;
}

export interface RepairResult {
  readonly workflow: FlowWorkflow;
  /** One `note` per changed value, with its JSON path and Flow bucket. */
  readonly notes: readonly Diagnostic[];
  readonly repairs: readonly Repair[];
}

/**
 * Mechanical fixes whose result is certain (issue item 5), each reported as a note:
 * - a number field holding a quoted or padded number (`"5"` with its quotes, ` 5 `);
 * - a boolean field holding `True`, `"true"`, ` FALSE ` and the like;
 * - a field that needs the `{"value", "default_value"}` wrapper (SPEC §c #4) holding a bare
 *   Liquid template, a bare trigger path (`order.id`), or a wrapper without `default_value`.
 * Only values that fail their field's encoding are touched, and only when the repaired
 * value passes it, so a valid workflow is returned unchanged (the same object).
 */
export function repairWorkflow(
  workflow: FlowWorkflow,
  options: { readonly catalog: Catalog },
): RepairResult {
  const { catalog } = options;
  const facts = catalogFacts(catalog);
  const roots = facts.triggerRoots;
  const repairs: Repair[] = [];
  const steps = workflow.steps.map((step, i): FlowStep => {
    const task =
      catalog.task(step.taskId, step.taskVersion) ?? catalog.task(step.taskId);
    if (task === undefined) return step;
    const fields = facts.configFields(task);
    let changed = false;
    const config = step.config.map((entry, j): ConfigEntry => {
      const field = fields.get(entry.fieldId);
      if (field === undefined) return entry;
      if (encodingChecks[field.type](entry.value, field) === undefined)
        return entry;
      const fix = repairValue(entry.value, field, roots);
      if (
        fix === undefined ||
        encodingChecks[field.type](fix.value, field) !== undefined
      )
        return entry;
      changed = true;
      repairs.push({
        step: i,
        entry: j,
        before: entry.value,
        after: fix.value,
        note: withFlowBucket({
          code: fix.code,
          severity: "note",
          message: `${entry.fieldId}: ${fix.what}`,
          path: configValuePath(workflow, i, j),
        }),
      });
      return { fieldId: entry.fieldId, value: fix.value };
    });
    return changed ? { ...step, config } : step;
  });
  if (repairs.length === 0) return { workflow, notes: [], repairs };
  return {
    workflow: { ...workflow, steps },
    notes: repairs.map((r) => r.note),
    repairs,
  };
}

interface Fix {
  readonly code: string;
  readonly value: string;
  readonly what: string;
}

const QUOTED_NUMBER = /^\s*(["']?)(-?[0-9]+(?:\.[0-9]+)?)\1\s*$/;
const QUOTED_BOOLEAN = /^\s*(["']?)(true|false)\1\s*$/i;
const LIQUID_PATH =
  /^\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*-?\}\}$/;

function repairValue(
  value: string,
  field: ConfigField,
  roots: ReadonlySet<string>,
): Fix | undefined {
  switch (field.type) {
    case "number": {
      const m = QUOTED_NUMBER.exec(value);
      const n = m?.[2];
      return n === undefined
        ? undefined
        : {
            code: codes.repairNumber,
            value: n,
            what: `wrote the number ${n} without the quotes or spaces around it`,
          };
    }
    case "boolean": {
      const b = QUOTED_BOOLEAN.exec(value)?.[2]?.toLowerCase();
      return b === undefined
        ? undefined
        : {
            code: codes.repairBoolean,
            value: b,
            what: `wrote the boolean ${JSON.stringify(value)} as ${b}`,
          };
    }
    case "liquid_wrapper":
      return repairWrapper(value, roots);
    default:
      return undefined;
  }
}

function wrap(liquid: string): string {
  return JSON.stringify({ value: liquid, default_value: "" });
}

function repairWrapper(
  value: string,
  roots: ReadonlySet<string>,
): Fix | undefined {
  const text = value.trim();
  const liquidPath = LIQUID_PATH.exec(text)?.[1];
  if (liquidPath !== undefined) {
    return {
      code: codes.repairWrapper,
      value: wrap(`{{ ${liquidPath} }}`),
      what: `put {{ ${liquidPath} }} in the {"value", "default_value"} wrapper this field needs`,
    };
  }
  const segments = splitPath(text);
  if (
    segments !== undefined &&
    segments.length >= 2 &&
    roots.has(segments[0] ?? "") &&
    segments.every((s) => !s.startsWith("["))
  ) {
    return {
      code: codes.repairWrapper,
      value: wrap(`{{ ${text} }}`),
      what: `wrote the path ${text} as {{ ${text} }} in the {"value", "default_value"} wrapper this field needs`,
    };
  }
  if (hasLiquid(text) && !text.startsWith('{"') && !text.startsWith("[")) {
    return {
      code: codes.repairWrapper,
      value: wrap(value),
      what: 'put the Liquid text in the {"value", "default_value"} wrapper this field needs',
    };
  }
  const parsed = parseObject(text);
  if (
    parsed !== undefined &&
    Object.keys(parsed).length === 1 &&
    typeof parsed["value"] === "string"
  ) {
    return {
      code: codes.repairWrapper,
      value: JSON.stringify({ value: parsed["value"], default_value: "" }),
      what: 'added the missing "default_value": "" to the wrapper',
    };
  }
  return undefined;
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
