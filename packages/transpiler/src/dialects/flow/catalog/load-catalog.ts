import { codes } from "../../../diagnostics/codes.js";
import type { z } from "zod";
import { error, fail, ok } from "../../../diagnostics/diagnostic.js";
import type {
  Diagnostic,
  JsonPath,
  Result,
} from "../../../diagnostics/diagnostic.js";
import type { KnownTask, TaskLookup } from "../known-tasks.js";
import { catalogSchema } from "./catalog-schema.js";
import type {
  CatalogData,
  CatalogEnvironment,
  CatalogTask,
  EnvironmentField,
  EnvironmentType,
  TaskType,
} from "./catalog-schema.js";

/** Not yet in `diagnostics/codes.ts` (shared file); the lead adds it there as `catalogInvalid`. */
export const CATALOG_INVALID = codes.catalogInvalid;

/** A validated catalog with the indexes the validator asks on every step. */
export interface Catalog {
  readonly data: CatalogData;
  readonly environment: CatalogEnvironment;
  /** Tasks of each type, in catalog order. */
  readonly tasksByType: Readonly<Record<TaskType, readonly CatalogTask[]>>;
  /**
   * The task with this id (or alternate id) and version; without a version, its latest
   * version (dotted numeric order).
   */
  task(id: string, version?: string): CatalogTask | undefined;
  environmentType(name: string): EnvironmentType | undefined;
  fieldOf(typeName: string, field: string): EnvironmentField | undefined;
}

/** Validates a catalog (e.g. fetched from a user's Flow API); never throws. */
export function loadCatalog(value: unknown): Result<Catalog> {
  const parsed = catalogSchema.safeParse(value);
  if (!parsed.success)
    return fail(
      parsed.error.issues.flatMap((issue) => issueDiagnostics(issue, value)),
    );
  return ok(indexCatalog(parsed.data));
}

/** Printer facts per task id, the same shape as `bundledTaskLookup`; alternate ids resolve to their task. */
export function catalogTaskLookup(catalog: Catalog): TaskLookup {
  const known = new Map<string, KnownTask>();
  for (const task of catalog.data.tasks) {
    const latest = catalog.task(task.id);
    if (latest === undefined || known.has(task.id)) continue;
    const entry = knownTask(latest);
    known.set(task.id, entry);
    for (const alt of latest.alternate_ids ?? [])
      if (!known.has(alt)) known.set(alt, entry);
  }
  return (taskId) => known.get(taskId);
}

function knownTask(task: CatalogTask): KnownTask {
  const roots =
    task.task_type === "TRIGGER"
      ? task.return_fields.map((f) => f.name).filter((name) => name !== "shop")
      : [];
  return {
    version: task.version,
    type: task.task_type,
    ...(task.output_variable === undefined
      ? {}
      : { outputVariable: task.output_variable }),
    ...(roots.length === 0 ? {} : { roots }),
  };
}

function indexCatalog(data: CatalogData): Catalog {
  // Versions of one id, latest first, so `task(id)` is a map hit plus one index.
  const byId = new Map<string, CatalogTask[]>();
  for (const task of data.tasks) {
    const versions = byId.get(task.id);
    if (versions === undefined) byId.set(task.id, [task]);
    else versions.push(task);
  }
  for (const versions of byId.values())
    versions.sort((a, b) => compareVersions(b.version, a.version));
  const aliasOf = new Map<string, string>();
  for (const task of data.tasks)
    for (const alt of task.alternate_ids ?? []) aliasOf.set(alt, task.id);

  const ofType = (type: TaskType): readonly CatalogTask[] =>
    data.tasks.filter((t) => t.task_type === type);
  const tasksByType = {
    TRIGGER: ofType("TRIGGER"),
    CONDITION: ofType("CONDITION"),
    ACTION: ofType("ACTION"),
    FOREACH: ofType("FOREACH"),
    WAIT: ofType("WAIT"),
  } satisfies Record<TaskType, readonly CatalogTask[]>;

  const types = new Map<string, EnvironmentType>(
    Object.entries(data.environment.types),
  );
  const fields = new Map<string, ReadonlyMap<string, EnvironmentField>>();
  for (const [name, type] of types)
    fields.set(name, new Map(type.fields.map((f) => [f.name, f])));

  return {
    data,
    environment: data.environment,
    tasksByType,
    task(id, version) {
      const versions = byId.get(id) ?? byId.get(aliasOf.get(id) ?? "");
      if (versions === undefined) return undefined;
      return version === undefined
        ? versions[0]
        : versions.find((t) => t.version === version);
    },
    environmentType: (name) => types.get(name),
    fieldOf: (typeName, field) => fields.get(typeName)?.get(field),
  };
}

/** Orders `0.1` < `0.10` < `1.0`; non-numeric segments compare as text. */
function compareVersions(a: string, b: string): number {
  const as = a.split(".");
  const bs = b.split(".");
  for (let i = 0; i < Math.max(as.length, bs.length); i++) {
    const x = as[i] ?? "";
    const y = bs[i] ?? "";
    if (x === y) continue;
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN;
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) return nx - ny;
    return x < y ? -1 : 1;
  }
  return 0;
}

function issueDiagnostics(
  issue: z.core.$ZodIssue,
  input: unknown,
): Diagnostic[] {
  const path: JsonPath = issue.path.map((part) =>
    typeof part === "symbol" ? String(part) : part,
  );
  // zod reports a missing key as a wrong type or value of `undefined`; say what happened instead.
  if (issue.code !== "unrecognized_keys" && isMissing(input, path)) {
    return [
      error(
        CATALOG_INVALID,
        `missing required key ${JSON.stringify(path.at(-1))}`,
        { path },
      ),
    ];
  }
  switch (issue.code) {
    case "unrecognized_keys":
      // One diagnostic per key, located at the key itself, so each can be fixed on its own.
      return issue.keys.map((key) =>
        error(CATALOG_INVALID, `unknown key ${JSON.stringify(key)}`, {
          path: [...path, key],
          hint: "remove it or check its spelling against the catalog layout (SPEC.md §(j))",
        }),
      );
    case "invalid_type":
      return [
        error(
          CATALOG_INVALID,
          `expected ${issue.expected}, got ${describe(valueAt(input, path))}`,
          { path },
        ),
      ];
    case "invalid_value":
      return [
        error(
          CATALOG_INVALID,
          `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`,
          {
            path,
          },
        ),
      ];
    case "too_small":
    case "too_big":
    case "custom":
    case "invalid_format":
    case "not_multiple_of":
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
      return [error(CATALOG_INVALID, issue.message, { path })];
  }
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const part of path) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part))
      return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

function isMissing(root: unknown, path: JsonPath): boolean {
  const key = path.at(-1);
  if (key === undefined) return false;
  const parent = valueAt(root, path.slice(0, -1));
  return (
    typeof parent === "object" &&
    parent !== null &&
    !Array.isArray(parent) &&
    !Object.hasOwn(parent, key)
  );
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "string") {
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  }
  if (typeof value === "number" || typeof value === "boolean")
    return String(value);
  if (typeof value === "object") return "an object";
  return typeof value;
}
