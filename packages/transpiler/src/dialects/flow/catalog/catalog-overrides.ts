import { assertNever } from "../../../diagnostics/errors.js";

/**
 * Corrections the bundled catalog makes to the reference `catalog.json` before it is
 * rendered (`renderBundledCatalog`, `scripts/generate-task-table.ts`). The reference is a
 * sketch compiled from public material; real documents and the SPEC win over it, so each
 * correction names the real document or the SPEC statement that backs it. A test case
 * alone never justifies one: a corpus case that is no valid workflow declares its expected
 * diagnostics in a `validation.json` beside it instead. The reference file itself is
 * read-only shared material.
 */
export type CatalogOverride =
  | {
      readonly kind: "set-config-field";
      readonly task: string;
      readonly version: string;
      readonly field: string;
      readonly set: { readonly required?: boolean };
      readonly reason: string;
    }
  | {
      readonly kind: "add-environment-field";
      readonly type: string;
      readonly field: {
        readonly name: string;
        readonly type: string;
        readonly is_list: boolean;
        readonly note: string;
      };
      readonly reason: string;
    };

export const catalogOverrides: readonly CatalogOverride[] = [
  {
    kind: "set-config-field",
    task: "shopify::flow::send_http_request",
    version: "0.1",
    field: "on_client_error",
    set: { required: false },
    reason:
      "SPEC Uncertain #1: the required flags of task-configuration config fields are not published, so a missing error policy is not a certain error (corpus/regressions/exponent-numbers-in-json-config sends a request without one)",
  },
  {
    kind: "set-config-field",
    task: "shopify::flow::send_http_request",
    version: "0.1",
    field: "on_server_error",
    set: { required: false },
    reason: "as on_client_error",
  },
  {
    kind: "add-environment-field",
    type: "Product",
    field: {
      name: "metafields",
      type: "ThemeMetafields",
      is_list: false,
      note: "theme-style metafield access (namespace.key), untyped",
    },
    reason:
      "the real export shared/corpus/public/auto-redirect-archived-products-to-category reads product.metafields.tgg.breadcrumb in Liquid without patched_fields",
  },
];

type Json = Record<string, unknown>;

/** `reference` with the overrides applied (a copy; the input is not changed). */
export function applyCatalogOverrides(
  reference: unknown,
  overrides: readonly CatalogOverride[] = catalogOverrides,
): unknown {
  if (typeof reference !== "object" || reference === null) return reference;
  const copy = structuredClone(reference) as Json;
  for (const o of overrides) applyOne(copy, o);
  return copy;
}

function applyOne(catalog: Json, o: CatalogOverride): void {
  const tasks = Array.isArray(catalog["tasks"])
    ? (catalog["tasks"] as Json[])
    : undefined;
  switch (o.kind) {
    case "set-config-field": {
      const task = tasks?.find(
        (t) => t["id"] === o.task && t["version"] === o.version,
      );
      const fields = Array.isArray(task?.["config_fields"])
        ? (task["config_fields"] as Json[])
        : [];
      const field = fields.find((f) => f["id"] === o.field);
      if (field !== undefined) Object.assign(field, o.set);
      return;
    }
    case "add-environment-field": {
      const env = catalog["environment"] as Json | undefined;
      const types = env?.["types"] as Record<string, Json> | undefined;
      const fields = types?.[o.type]?.["fields"];
      if (
        Array.isArray(fields) &&
        !fields.some((f: Json) => f["name"] === o.field.name)
      )
        fields.push({ ...o.field });
      return;
    }
    default:
      assertNever(o, "catalog override");
  }
}
