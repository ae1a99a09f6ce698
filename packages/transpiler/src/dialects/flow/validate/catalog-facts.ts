import type { Catalog } from "../catalog/load-catalog.js";
import { catalogTaskLookup } from "../catalog/load-catalog.js";
import type {
  CatalogTask,
  ConfigField,
  TaskType,
} from "../catalog/catalog-schema.js";
import type { TaskLookup } from "../known-tasks.js";

/** Tables derived from a catalog that validation and repair ask on every workflow. */
export interface CatalogFacts {
  readonly tasks: TaskLookup;
  /** Names a trigger can provide (`order`, `customer`, …) plus the always-present `shop`. */
  readonly triggerRoots: ReadonlySet<string>;
  /** Every task id and alternate id, per task type, for "did you mean". */
  readonly idsByType: Readonly<Record<TaskType, readonly string[]>>;
  readonly allIds: readonly string[];
  /** Ids by their last `::` segment (`add_order_tags` → its id), for ids in the wrong namespace. */
  readonly idsByLastSegment: ReadonlyMap<string, readonly string[]>;
  /** A task's config fields by id (the last of a repeated id), in catalog order. */
  readonly configFields: (
    task: CatalogTask,
  ) => ReadonlyMap<string, ConfigField>;
  /** Environment types with a dynamic field (Metaobject `<fieldKey>`): open objects. */
  readonly openTypes: ReadonlySet<string>;
}

// Built once per catalog and reused: a catalog is immutable, so are these tables, and the
// WeakMap lets a dropped catalog be collected. Rebuilding them per request would cost more
// than validating a typical workflow.
const cache = new WeakMap<Catalog, CatalogFacts>();

export function catalogFacts(catalog: Catalog): CatalogFacts {
  const cached = cache.get(catalog);
  if (cached !== undefined) return cached;
  const triggerRoots = new Set<string>(
    catalog.environment.flow_variables
      .map((v) => v.name)
      .filter((n) => !n.includes("<")),
  );
  for (const t of catalog.tasksByType.TRIGGER)
    for (const f of t.return_fields) triggerRoots.add(f.name);
  const ids = (type: TaskType): readonly string[] =>
    catalog.tasksByType[type].flatMap((t) => [
      t.id,
      ...(t.alternate_ids ?? []),
    ]);
  const allIds = [...new Set(catalog.data.tasks.map((t) => t.id))];
  const idsByLastSegment = new Map<string, string[]>();
  for (const id of allIds) {
    const last = id.split("::").pop() ?? id;
    const list = idsByLastSegment.get(last);
    if (list === undefined) idsByLastSegment.set(last, [id]);
    else list.push(id);
  }
  const fieldsByTask = new Map<CatalogTask, ReadonlyMap<string, ConfigField>>(
    catalog.data.tasks.map((t) => [t, fieldMap(t)]),
  );
  const openTypes = new Set(
    Object.entries(catalog.environment.types)
      .filter(([, t]) => t.fields.some((f) => f.name.startsWith("<")))
      .map(([name]) => name),
  );
  const facts: CatalogFacts = {
    tasks: catalogTaskLookup(catalog),
    triggerRoots,
    idsByType: {
      TRIGGER: ids("TRIGGER"),
      CONDITION: ids("CONDITION"),
      ACTION: ids("ACTION"),
      FOREACH: ids("FOREACH"),
      WAIT: ids("WAIT"),
    },
    allIds,
    idsByLastSegment,
    configFields: (task) => fieldsByTask.get(task) ?? fieldMap(task),
    openTypes,
  };
  cache.set(catalog, facts);
  return facts;
}

function fieldMap(task: CatalogTask): ReadonlyMap<string, ConfigField> {
  return new Map(task.config_fields.map((f) => [f.id, f]));
}
