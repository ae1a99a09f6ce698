import { z } from "zod";

/**
 * The Flow task catalog as data (layout: `../shared/flow-dsl/SPEC.md` §(j)). Objects whose
 * shape is known are strict, so a user catalog with a misspelled key is rejected with the
 * key's JSON path instead of being half-read. `meta` is documentation only and stays open.
 */

export const taskTypes = [
  "TRIGGER",
  "CONDITION",
  "ACTION",
  "FOREACH",
  "WAIT",
] as const;

/** How much the catalog's author trusts an id: seen in Shopify material, built from the naming convention, or a stand-in. */
export const idConfidences = ["documented", "derived", "placeholder"] as const;

/** Field-level confidence: the reference catalog marks fields only as documented or derived. */
export const fieldConfidences = ["documented", "derived"] as const;

/** The value-encoding vocabulary of config fields (`meta.config_field_types`). */
export const configFieldTypes = [
  "string",
  "liquid",
  "number",
  "boolean",
  "enum",
  "list",
  "liquid_wrapper",
  "env_path",
  "condition",
  "rrule",
  "headers",
  "api_call",
  "graphql_query",
  "javascript",
  "graphql_sdl",
  "metafield_ref",
  "search_query",
  "resource_ref",
  "duration",
  "shopifyql",
] as const;

const nonEmpty = z.string().min(1, "must not be empty");

export const configFieldSchema = z.strictObject({
  id: nonEmpty,
  label: z.string(),
  description: z.string(),
  type: z.enum(configFieldTypes),
  required: z.boolean(),
  supports_liquid: z.boolean(),
  options: z.array(nonEmpty).min(1, "must list at least one option").optional(),
  hidden: z.boolean().optional(),
  /** Environment path a hidden field is bound to when the merchant does not set it. */
  default_path: z.string().optional(),
  id_confidence: z.enum(fieldConfidences),
});

export const returnFieldSchema = z.strictObject({
  name: nonEmpty,
  type: nonEmpty,
  is_list: z.boolean(),
  description: z.string().optional(),
  confidence: z.enum(fieldConfidences),
});

export const catalogTaskSchema = z
  .strictObject({
    id: nonEmpty,
    version: nonEmpty,
    task_type: z.enum(taskTypes),
    label: z.string(),
    description: z.string(),
    publisher: nonEmpty,
    input_port_id: nonEmpty.nullable(),
    output_port_ids: z
      .array(nonEmpty)
      .min(1, "a task needs at least one output port"),
    config_fields: z.array(configFieldSchema),
    return_fields: z.array(returnFieldSchema),
    id_confidence: z.enum(idConfidences),
    output_variable: nonEmpty.optional(),
    alternate_ids: z.array(nonEmpty).optional(),
    id_source: z.string().optional(),
    id_note: z.string().optional(),
    notes: z.string().optional(),
  })
  .superRefine((task, ctx) => {
    // Triggers start a workflow, so nothing links into them; every other step is entered.
    if (task.task_type === "TRIGGER" && task.input_port_id !== null) {
      ctx.addIssue({
        code: "custom",
        path: ["input_port_id"],
        message: "a TRIGGER has no input port (null)",
      });
    }
    if (task.task_type !== "TRIGGER" && task.input_port_id === null) {
      ctx.addIssue({
        code: "custom",
        path: ["input_port_id"],
        message: `a ${task.task_type} needs an input port`,
      });
    }
    reportDuplicates(
      task.output_port_ids,
      (p) => p,
      ["output_port_ids"],
      "output port",
      ctx,
    );
    reportDuplicates(
      task.config_fields,
      (f) => f.id,
      ["config_fields"],
      "config field id",
      ctx,
      "id",
    );
    reportDuplicates(
      task.return_fields,
      (f) => f.name,
      ["return_fields"],
      "return field name",
      ctx,
      "name",
    );
  });

export const flowVariableSchema = z.strictObject({
  name: nonEmpty,
  type: nonEmpty,
  scope: z.string(),
});

export const environmentFieldSchema = z.strictObject({
  name: nonEmpty,
  type: nonEmpty,
  is_list: z.boolean(),
  note: z.string().optional(),
});

export const environmentTypeSchema = z
  .strictObject({
    /** Variable a trigger exposes this type as (`order` for Order); null for types only reached through fields. */
    root_variable: nonEmpty.nullable(),
    fields: z.array(environmentFieldSchema),
  })
  .superRefine((type, ctx) => {
    reportDuplicates(
      type.fields,
      (f) => f.name,
      ["fields"],
      "field name",
      ctx,
      "name",
    );
  });

export const environmentSchema = z.strictObject({
  notes: z.string().optional(),
  flow_variables: z.array(flowVariableSchema),
  types: z.record(nonEmpty, environmentTypeSchema),
});

export const catalogSchema = z
  .strictObject({
    meta: z.record(z.string(), z.unknown()).optional(),
    tasks: z.array(catalogTaskSchema),
    environment: environmentSchema,
  })
  .superRefine((catalog, ctx) => {
    // (id, version) names a task; an alternate id must not shadow another task's id.
    const primary = new Set<string>();
    catalog.tasks.forEach((task, i) => {
      const key = `${task.id}@${task.version}`;
      if (primary.has(key)) {
        ctx.addIssue({
          code: "custom",
          path: ["tasks", i, "id"],
          message: `duplicate task ${task.id} version ${task.version}`,
        });
      }
      primary.add(key);
    });
    const ids = new Set(catalog.tasks.map((t) => t.id));
    const alternateOwner = new Map<string, string>();
    catalog.tasks.forEach((task, i) => {
      (task.alternate_ids ?? []).forEach((alt, j) => {
        const owner = alternateOwner.get(alt);
        if (ids.has(alt) || (owner !== undefined && owner !== task.id)) {
          ctx.addIssue({
            code: "custom",
            path: ["tasks", i, "alternate_ids", j],
            message: `alternate id ${alt} is already the id of another task`,
          });
        }
        alternateOwner.set(alt, task.id);
      });
    });
  });

function reportDuplicates<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  at: readonly (string | number)[],
  what: string,
  ctx: z.RefinementCtx,
  leaf?: string,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) {
      ctx.addIssue({
        code: "custom",
        path: leaf === undefined ? [...at, i] : [...at, i, leaf],
        message: `duplicate ${what} ${JSON.stringify(key)}`,
      });
    }
    seen.add(key);
  });
}

/** Makes parsed catalog data read-only all the way down: the catalog is shared between requests. */
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type TaskType = (typeof taskTypes)[number];
export type IdConfidence = (typeof idConfidences)[number];
export type FieldConfidence = (typeof fieldConfidences)[number];
export type ConfigFieldType = (typeof configFieldTypes)[number];
export type ConfigField = DeepReadonly<z.output<typeof configFieldSchema>>;
export type ReturnField = DeepReadonly<z.output<typeof returnFieldSchema>>;
export type CatalogTask = DeepReadonly<z.output<typeof catalogTaskSchema>>;
export type FlowVariable = DeepReadonly<z.output<typeof flowVariableSchema>>;
export type EnvironmentField = DeepReadonly<
  z.output<typeof environmentFieldSchema>
>;
export type EnvironmentType = DeepReadonly<
  z.output<typeof environmentTypeSchema>
>;
export type CatalogEnvironment = DeepReadonly<
  z.output<typeof environmentSchema>
>;
/** A catalog as written (JSON shape), before indexing. */
export type CatalogData = DeepReadonly<z.output<typeof catalogSchema>>;
