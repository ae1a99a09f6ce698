import type { JsonNode } from "../../../json/json-node.js";
import type { Catalog } from "../catalog/load-catalog.js";
import type { PatchedField } from "../model.js";
import { catalogFacts } from "./catalog-facts.js";
import { closestNames } from "./suggest.js";

/** One field of an environment type: `order.lineItems` is `{lineItems, LineItem, list}`. */
export interface FieldInfo {
  readonly name: string;
  readonly type: string;
  readonly isList: boolean;
}

/**
 * What the validator may assume about a type name:
 * - `object`: its fields are known (the catalog's, patched handles, a Run code schema);
 * - `open`: an object whose fields are partly dynamic (Metaobject `<fieldKey>`): known
 *   fields are typed, others are accepted untyped;
 * - `scalar`: a leaf (String, Int, …), which has no fields;
 * - `unknown`: anything else. Unknown is not wrong: nothing below it is checked.
 */
export type TypeKind = "object" | "open" | "scalar" | "unknown";

export interface TypeEnvironment {
  readonly kindOf: (type: string) => TypeKind;
  readonly fieldOf: (type: string, name: string) => FieldInfo | undefined;
  readonly fieldNames: (type: string) => readonly string[];
}

/** GraphQL scalars as Flow shows them (SPEC §b.3 value_type names plus the catalog's). */
export const SCALAR_TYPES: ReadonlySet<string> = new Set([
  "String",
  "ID",
  "Int",
  "Float",
  "Decimal",
  "Money",
  "Boolean",
  "DateTime",
  "Date",
  "URL",
  "HTML",
  "UnsignedInt64",
  "JSON",
]);

/**
 * Scalars the string operators (`start_with?`, `include?`, …) and the emptiness tests
 * (`empty_or_nil?`) do not accept: SPEC §b.1 allows them on strings and string-like ids.
 * Dates, money and enums are left out: how Flow treats them is not documented.
 */
export const NUMERIC_OR_BOOLEAN: ReadonlySet<string> = new Set([
  "Int",
  "Float",
  "Decimal",
  "UnsignedInt64",
  "Boolean",
]);

export interface EnvironmentExtras {
  readonly patchedFields: readonly PatchedField[];
  /** Types defined by Run code output schemas, by their (step-qualified) names. */
  readonly types: ReadonlyMap<string, readonly FieldInfo[]>;
}

const PATCHED_METAFIELD_TYPE = "Metafield (patched)";

export function createTypeEnvironment(
  catalog: Catalog,
  extras: EnvironmentExtras,
): TypeEnvironment {
  const added = new Map<string, Map<string, FieldInfo>>();
  const everywhere = new Map<string, FieldInfo>();
  const typeNames = Object.keys(catalog.environment.types);
  const { openTypes } = catalogFacts(catalog);
  for (const patched of extras.patchedFields) {
    const handle = stringEntry(patched, "handle");
    if (handle === undefined || handle === "") continue;
    const field: FieldInfo = {
      name: handle,
      type: patchedFieldType(stringEntry(patched, "field"), catalog),
      isList: false,
    };
    const owner = patchedOwner(stringEntry(patched, "patched_type"), typeNames);
    if (owner === undefined) everywhere.set(handle, field);
    else {
      const map = added.get(owner) ?? new Map<string, FieldInfo>();
      map.set(handle, field);
      added.set(owner, map);
    }
  }
  const synthetic = new Map<string, ReadonlyMap<string, FieldInfo>>();
  for (const [name, fields] of extras.types)
    synthetic.set(name, new Map(fields.map((f) => [f.name, f])));

  const kindOf = (type: string): TypeKind => {
    if (synthetic.has(type)) return "object";
    if (catalog.environmentType(type) !== undefined)
      return openTypes.has(type) ? "open" : "object";
    if (SCALAR_TYPES.has(type)) return "scalar";
    return "unknown";
  };
  const fieldOf = (type: string, name: string): FieldInfo | undefined => {
    const s = synthetic.get(type);
    if (s !== undefined) return s.get(name);
    const extra = added.get(type)?.get(name) ?? everywhere.get(name);
    if (extra !== undefined) return extra;
    const f = catalog.fieldOf(type, name);
    if (f === undefined || f.name.startsWith("<")) return undefined;
    return { name: f.name, type: f.type, isList: f.is_list };
  };
  const fieldNames = (type: string): readonly string[] => {
    const s = synthetic.get(type);
    if (s !== undefined) return [...s.keys()];
    return [
      ...(catalog.environmentType(type)?.fields ?? [])
        .map((f) => f.name)
        .filter((n) => !n.startsWith("<")),
      ...(added.get(type)?.keys() ?? []),
      ...everywhere.keys(),
    ];
  };
  return { kindOf, fieldOf, fieldNames };
}

function stringEntry(p: PatchedField, key: string): string | undefined {
  const node: JsonNode | undefined = p.entries.find(([k]) => k === key)?.[1];
  return node?.kind === "string" ? node.value : undefined;
}

/** `metafield` handles read like a metafield (`.value`); `inCollection` answers yes or no. */
function patchedFieldType(field: string | undefined, catalog: Catalog): string {
  if (field === "metafield")
    return catalog.environmentType(PATCHED_METAFIELD_TYPE) === undefined
      ? "?"
      : PATCHED_METAFIELD_TYPE;
  if (field === "inCollection") return "Boolean";
  return "?";
}

/**
 * The environment type a `patched_type` names, in either dialect (SPEC §f: `CUSTOMER`,
 * `PRODUCT_VARIANT` or `Customer`); `VARIANT` is the agent form's name for ProductVariant.
 * Undefined when no catalog type matches: the handle is then accepted on every type.
 */
function patchedOwner(
  patchedType: string | undefined,
  typeNames: readonly string[],
): string | undefined {
  if (patchedType === undefined) return undefined;
  const key = patchedType.replace(/_/g, "").toLowerCase();
  const wanted = key === "variant" ? "productvariant" : key;
  return typeNames.find((n) => n.toLowerCase() === wanted);
}

// ------------------------------------------------------------------ path resolution

export type Resolution =
  | {
      readonly kind: "ok";
      /** The type reached; `?` when a type on the way is unknown. */
      readonly type: string;
      /** The last segment names a list (`order.tags`, `order.lineItems`). */
      readonly endsInList: boolean;
      /** A segment after the first reads a field of every item of a list (`order.lineItems.sku`). */
      readonly crossesList: boolean;
    }
  | {
      readonly kind: "unknown-field";
      /** Index into the segments of the segment that does not exist. */
      readonly index: number;
      readonly owner: string;
      readonly suggestions: readonly string[];
    }
  | {
      readonly kind: "scalar-field";
      readonly index: number;
      readonly owner: string;
    }
  | { readonly kind: "connection"; readonly index: number };

export const UNKNOWN_TYPE = "?";

/** Follows `segments` (the path after its root) from a value of `start`'s type. */
export function resolveFields(
  env: TypeEnvironment,
  start: { readonly type: string; readonly isList: boolean },
  segments: readonly string[],
): Resolution {
  let type = start.type;
  let list = start.isList;
  let crossed = false;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    if (segment === "edges" || segment === "nodes")
      return { kind: "connection", index: i };
    if (list) crossed = true;
    const kind = kindOfType(env, type);
    if (kind === "unknown")
      return {
        kind: "ok",
        type: UNKNOWN_TYPE,
        endsInList: false,
        crossesList: crossed,
      };
    if (kind === "scalar")
      return { kind: "scalar-field", index: i, owner: type };
    const field = env.fieldOf(type, segment);
    if (field === undefined) {
      if (kind === "open")
        return {
          kind: "ok",
          type: UNKNOWN_TYPE,
          endsInList: false,
          crossesList: crossed,
        };
      return {
        kind: "unknown-field",
        index: i,
        owner: type,
        suggestions: closestNames(segment, env.fieldNames(type)),
      };
    }
    type = field.type;
    list = field.isList;
  }
  return { kind: "ok", type, endsInList: list, crossesList: crossed };
}

export function kindOfType(env: TypeEnvironment, type: string): TypeKind {
  return type === UNKNOWN_TYPE || type.startsWith("<")
    ? "unknown"
    : env.kindOf(type);
}
