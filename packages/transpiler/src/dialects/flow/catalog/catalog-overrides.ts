import { assertNever } from "../../../diagnostics/errors.js";

/**
 * Corrections the bundled catalog makes to the reference `catalog.json` before it is
 * rendered (`renderBundledCatalog`, `scripts/generate-task-table.ts`). The reference is a
 * sketch compiled from public material; real documents and the project corpus win over it
 * (the validator must report nothing on them), so each correction names the document
 * that needs it. The reference file itself is read-only shared material.
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
    }
  | {
      readonly kind: "add-task";
      readonly task: Readonly<Record<string, unknown>>;
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
      "corpus/regressions/exponent-numbers-in-json-config sends a request without error policies; required flags of config fields are not published (SPEC §h task-configuration), so a missing policy is not a certain error",
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
  ...["notify", "step"].map((id): CatalogOverride => ({
    kind: "add-task",
    task: {
      id,
      version: "0.1",
      task_type: "ACTION",
      label: `Custom app task "${id}"`,
      description:
        "Stand-in for an app task with a one-segment id (SPEC Uncertain #12: connector id formats are unpublished).",
      publisher: "non-shopify-app",
      input_port_id: "input",
      output_port_ids: ["output"],
      config_fields:
        id === "notify"
          ? [
              {
                id: "message",
                label: "Message",
                description: "Message text.",
                type: "liquid",
                required: false,
                supports_liquid: true,
                id_confidence: "derived",
              },
            ]
          : [],
      return_fields: [],
      id_confidence: "placeholder",
    },
    reason:
      "corpus/regressions/one-segment-task-id (how one-segment ids print) uses it; placeholder, like the catalog's connector ids",
  })),
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
    case "add-task":
      if (tasks !== undefined && !tasks.some((t) => t["id"] === o.task["id"]))
        tasks.push(structuredClone(o.task) as Json);
      return;
    default:
      assertNever(o, "catalog override");
  }
}
