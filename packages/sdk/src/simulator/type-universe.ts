import type { Catalog, FlowWorkflow } from "@flowpy/transpiler";
import { jsonToValue } from "@flowpy/transpiler";
import { parseOutputSchema } from "./output-schema.js";

/** A field's type: a named type, possibly a list of it. */
export interface TypeRef {
  readonly name: string;
  readonly list: boolean;
}

export interface FieldDef {
  readonly name: string;
  readonly type: TypeRef;
}

export type ScalarKind =
  | "id"
  | "string"
  | "int"
  | "float"
  | "decimal"
  | "uint64"
  | "boolean"
  | "datetime"
  | "date"
  | "url"
  | "html";

/** What a type name means to the simulator. */
export type TypeShape =
  | { readonly kind: "scalar"; readonly scalar: ScalarKind }
  | { readonly kind: "enum"; readonly values: readonly string[] }
  | { readonly kind: "object"; readonly fields: readonly FieldDef[] }
  /** Not described anywhere (the catalog is a sketch): shaped by how the workflow uses it. */
  | { readonly kind: "unknown" };

const SCALARS: Readonly<Record<string, ScalarKind>> = {
  ID: "id",
  String: "string",
  Int: "int",
  Float: "float",
  Decimal: "decimal",
  Money: "decimal",
  UnsignedInt64: "uint64",
  Boolean: "boolean",
  DateTime: "datetime",
  Date: "date",
  URL: "url",
  HTML: "html",
  JSON: "string",
};

// Values of Admin API enums the catalog names without listing them; realistic samples only.
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  ProductStatus: ["ACTIVE", "ARCHIVED", "DRAFT"],
  OrderDisplayFinancialStatus: [
    "AUTHORIZED",
    "PAID",
    "PARTIALLY_PAID",
    "PARTIALLY_REFUNDED",
    "PENDING",
    "REFUNDED",
    "VOIDED",
  ],
  OrderDisplayFulfillmentStatus: [
    "FULFILLED",
    "IN_PROGRESS",
    "ON_HOLD",
    "PARTIALLY_FULFILLED",
    "UNFULFILLED",
  ],
  OrderCancelReason: ["CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "OTHER"],
  CurrencyCode: ["USD", "EUR", "GBP", "CAD", "AUD"],
  CountryCode: ["US", "CA", "GB", "DE", "FR", "AU"],
  CustomerState: ["DISABLED", "ENABLED", "INVITED", "DECLINED"],
  DraftOrderStatus: ["COMPLETED", "INVOICE_SENT", "OPEN"],
  FulfillmentOrderStatus: [
    "CANCELLED",
    "CLOSED",
    "IN_PROGRESS",
    "ON_HOLD",
    "OPEN",
    "SCHEDULED",
  ],
  FulfillmentOrderRequestStatus: [
    "ACCEPTED",
    "REJECTED",
    "SUBMITTED",
    "UNSUBMITTED",
  ],
  FulfillmentStatus: ["CANCELLED", "ERROR", "FAILURE", "SUCCESS"],
  FulfillmentDisplayStatus: [
    "DELIVERED",
    "IN_TRANSIT",
    "OUT_FOR_DELIVERY",
    "FULFILLED",
  ],
  ProductVariantInventoryPolicy: ["CONTINUE", "DENY"],
  WeightUnit: ["GRAMS", "KILOGRAMS", "OUNCES", "POUNDS"],
  CollectionSortOrder: ["ALPHA_ASC", "BEST_SELLING", "CREATED", "MANUAL"],
};

const ENUM_SUFFIX =
  /(Status|Code|Reason|Level|Policy|State|Method|Unit|Kind|SortOrder|Type|Action)$/;

// Output types the catalog names but does not describe (SPEC §d.2 leaves them open).
const SYNTHETIC: Readonly<Record<string, readonly FieldDef[]>> = {
  HttpResponse: [
    { name: "status", type: { name: "Int", list: false } },
    { name: "body", type: { name: "String", list: false } },
  ],
  AnalyticsResult: [{ name: "rows", type: { name: "", list: true } }],
  Translation: [
    { name: "key", type: { name: "String", list: false } },
    { name: "value", type: { name: "String", list: false } },
    { name: "locale", type: { name: "String", list: false } },
  ],
};

/** The object types the simulator knows for one workflow: catalog, patched fields, Run code schemas. */
export interface TypeUniverse {
  readonly shape: (typeName: string) => TypeShape;
  readonly field: (typeName: string, field: string) => TypeRef | undefined;
}

/**
 * Builds the type universe of `workflow`. Run code output schemas are registered under
 * `runCodeTypeName(stepKey, name)` so two steps' `Output` types never collide.
 */
export function buildTypeUniverse(
  workflow: FlowWorkflow,
  catalog: Catalog,
): TypeUniverse {
  const objects = new Map<string, FieldDef[]>();
  const enums = new Map<string, readonly string[]>();
  for (const [name, type] of Object.entries(catalog.environment.types)) {
    objects.set(
      name,
      type.fields
        .filter((f) => !f.name.startsWith("<"))
        .map((f) => ({
          name: f.name,
          type: { name: f.type, list: f.is_list },
        })),
    );
  }
  for (const [name, fields] of Object.entries(SYNTHETIC))
    if (!objects.has(name)) objects.set(name, [...fields]);
  for (const patched of workflow.patchedFields) {
    const entry = Object.fromEntries(
      patched.entries.map(([k, v]) => [k, jsonToValue(v)]),
    );
    const handle = entry["handle"];
    const field = entry["field"];
    const owner = entry["patched_type"];
    if (typeof handle !== "string" || typeof owner !== "string") continue;
    const fields = objects.get(patchedTypeName(owner));
    if (fields === undefined || fields.some((f) => f.name === handle)) continue;
    fields.push({ name: handle, type: patchedFieldType(field, catalog) });
  }
  for (const step of workflow.steps) {
    const schema = step.config.find((c) => c.fieldId === "output_schema");
    if (step.taskId !== RUN_CODE_TASK || schema === undefined) continue;
    const parsed = parseOutputSchema(schema.value);
    for (const [name, fields] of parsed.objects)
      objects.set(
        runCodeTypeName(step.key, name),
        fields.map((f) => ({
          name: f.name,
          type: {
            name:
              parsed.objects.has(f.type.name) || parsed.enums.has(f.type.name)
                ? runCodeTypeName(step.key, f.type.name)
                : f.type.name,
            list: f.type.list,
          },
        })),
      );
    for (const [name, values] of parsed.enums)
      enums.set(runCodeTypeName(step.key, name), values);
  }
  const shape = (typeName: string): TypeShape => {
    const scalar = SCALARS[typeName];
    if (scalar !== undefined) return { kind: "scalar", scalar };
    const fields = objects.get(typeName);
    if (fields !== undefined) return { kind: "object", fields };
    const values = enums.get(typeName) ?? ENUMS[typeName];
    if (values !== undefined) return { kind: "enum", values };
    if (ENUM_SUFFIX.test(typeName)) return { kind: "enum", values: [] };
    return { kind: "unknown" };
  };
  return {
    shape,
    field: (typeName, name) =>
      objects.get(typeName)?.find((f) => f.name === name)?.type,
  };
}

export const RUN_CODE_TASK = "shopify::flow::run_code";

export function runCodeTypeName(stepKey: string, name: string): string {
  return `${stepKey}#${name}`;
}

/** `ORDER`, `PRODUCT_VARIANT` (agent form) and `Order` (export form) name the same type. */
function patchedTypeName(owner: string): string {
  if (owner === "VARIANT") return "ProductVariant";
  if (!/^[A-Z][A-Z0-9_]*$/.test(owner)) return owner;
  return owner
    .toLowerCase()
    .split("_")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function patchedFieldType(field: unknown, catalog: Catalog): TypeRef {
  if (field === "inCollection") return { name: "Boolean", list: false };
  if (field === "translations") return { name: "Translation", list: false };
  if (field === "metafield") {
    const patched = Object.keys(catalog.environment.types).find((n) =>
      n.startsWith("Metafield"),
    );
    if (patched !== undefined) return { name: patched, list: false };
  }
  return { name: "", list: false };
}
