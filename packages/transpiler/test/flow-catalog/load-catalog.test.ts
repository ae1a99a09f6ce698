import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonPath } from "../../src/diagnostics/diagnostic.js";
import { bundledCatalogData } from "../../src/dialects/flow/catalog/bundled-catalog.generated.js";
import { bundledCatalog } from "../../src/dialects/flow/catalog/bundled-catalog.js";
import {
  CATALOG_INVALID,
  catalogTaskLookup,
  loadCatalog,
} from "../../src/dialects/flow/catalog/load-catalog.js";
import { renderBundledCatalog } from "../../src/dialects/flow/catalog/render-bundled-catalog.js";
import {
  applyCatalogOverrides,
  catalogOverrides,
} from "../../src/dialects/flow/catalog/catalog-overrides.js";
import { bundledTaskLookup } from "../../src/dialects/flow/known-tasks.js";
import { knownTaskEntries } from "../../src/dialects/flow/known-tasks.generated.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
const referencePath = fileURLToPath(
  new URL("../../../../../shared/flow-dsl/catalog.json", import.meta.url),
);
const generatedPath = fileURLToPath(
  new URL(
    "../../src/dialects/flow/catalog/bundled-catalog.generated.ts",
    import.meta.url,
  ),
);
const reference = JSON.parse(readFileSync(referencePath, "utf8")) as unknown;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A small valid catalog; each malformed case edits a fresh copy. */
function minimal(): { [key: string]: Json } {
  return {
    tasks: [
      {
        id: "shopify::admin::order_created",
        version: "0.1",
        task_type: "TRIGGER",
        label: "Order created",
        description: "Runs when an order is created.",
        publisher: "shopify",
        input_port_id: null,
        output_port_ids: ["output"],
        config_fields: [],
        return_fields: [
          {
            name: "order",
            type: "Order",
            is_list: false,
            confidence: "documented",
          },
          {
            name: "shop",
            type: "Shop",
            is_list: false,
            confidence: "documented",
          },
        ],
        id_confidence: "documented",
      },
      {
        id: "shopify::admin::add_order_tags",
        version: "0.1",
        task_type: "ACTION",
        label: "Add order tags",
        description: "Adds tags.",
        publisher: "shopify",
        input_port_id: "input",
        output_port_ids: ["output"],
        config_fields: [
          {
            id: "tags",
            label: "Tags",
            description: "Tags to add.",
            type: "list",
            required: true,
            supports_liquid: true,
            id_confidence: "derived",
          },
        ],
        return_fields: [],
        id_confidence: "derived",
      },
    ],
    environment: {
      flow_variables: [{ name: "shop", type: "Shop", scope: "always" }],
      types: {
        Order: {
          root_variable: "order",
          fields: [{ name: "tags", type: "String", is_list: true }],
        },
      },
    },
  };
}

/** Walks to the object or array at `path` in a fixture so a case can edit it in place. */
function at(root: Json, path: JsonPath): { [key: string]: Json } | Json[] {
  let node: Json = root;
  for (const part of path) {
    const next: Json | undefined = Array.isArray(node)
      ? node[part as number]
      : node !== null && typeof node === "object"
        ? node[part as string]
        : undefined;
    if (next === undefined) throw new Error(`fixture has no ${String(part)}`);
    node = next;
  }
  if (node === null || typeof node !== "object")
    throw new Error("fixture path is not a container");
  return node;
}

function set(root: Json, path: JsonPath, value: Json | undefined): void {
  const parent = at(root, path.slice(0, -1));
  const key = path.at(-1);
  if (Array.isArray(parent)) {
    if (value === undefined) parent.splice(key as number, 1);
    else parent[key as number] = value;
  } else if (value === undefined) delete parent[key as string];
  else parent[key as string] = value;
}

interface Case {
  readonly name: string;
  readonly edit: (catalog: { [key: string]: Json }) => Json;
  readonly paths: readonly JsonPath[];
}

const edited =
  (path: JsonPath, value: Json | undefined) =>
  (catalog: { [key: string]: Json }): Json => {
    set(catalog, path, value);
    return catalog;
  };

const cases: readonly Case[] = [
  { name: "not an object", edit: () => [], paths: [[]] },
  {
    name: "missing tasks",
    edit: edited(["tasks"], undefined),
    paths: [["tasks"]],
  },
  {
    name: "tasks not an array",
    edit: edited(["tasks"], {}),
    paths: [["tasks"]],
  },
  {
    name: "unknown top-level key",
    edit: edited(["task"], []),
    paths: [["task"]],
  },
  {
    name: "missing task id",
    edit: edited(["tasks", 1, "id"], undefined),
    paths: [["tasks", 1, "id"]],
  },
  {
    name: "empty task id",
    edit: edited(["tasks", 0, "id"], ""),
    paths: [["tasks", 0, "id"]],
  },
  {
    name: "numeric version",
    edit: edited(["tasks", 0, "version"], 0.1),
    paths: [["tasks", 0, "version"]],
  },
  {
    name: "wrong task_type",
    edit: edited(["tasks", 1, "task_type"], "LOOP"),
    paths: [["tasks", 1, "task_type"]],
  },
  {
    name: "lowercase task_type",
    edit: edited(["tasks", 0, "task_type"], "trigger"),
    paths: [["tasks", 0, "task_type"]],
  },
  {
    name: "unknown task key",
    edit: edited(["tasks", 1, "outputs"], 1),
    paths: [["tasks", 1, "outputs"]],
  },
  {
    name: "two unknown keys, each located",
    edit: (c) => {
      set(c, ["tasks", 0, "ports"], []);
      set(c, ["tasks", 0, "kind"], "x");
      return c;
    },
    paths: [
      ["tasks", 0, "ports"],
      ["tasks", 0, "kind"],
    ],
  },
  {
    name: "empty port list",
    edit: edited(["tasks", 1, "output_port_ids"], []),
    paths: [["tasks", 1, "output_port_ids"]],
  },
  {
    name: "port list is a string",
    edit: edited(["tasks", 1, "output_port_ids"], "output"),
    paths: [["tasks", 1, "output_port_ids"]],
  },
  {
    name: "port list holds a number",
    edit: edited(["tasks", 1, "output_port_ids"], ["output", 2]),
    paths: [["tasks", 1, "output_port_ids", 1]],
  },
  {
    name: "duplicate output port",
    edit: edited(["tasks", 1, "output_port_ids"], ["output", "output"]),
    paths: [["tasks", 1, "output_port_ids", 1]],
  },
  {
    name: "trigger with input port",
    edit: edited(["tasks", 0, "input_port_id"], "input"),
    paths: [["tasks", 0, "input_port_id"]],
  },
  {
    name: "action without input port",
    edit: edited(["tasks", 1, "input_port_id"], null),
    paths: [["tasks", 1, "input_port_id"]],
  },
  {
    name: "input port is a list",
    edit: edited(["tasks", 1, "input_port_id"], ["input"]),
    paths: [["tasks", 1, "input_port_id"]],
  },
  {
    name: "non-array config_fields",
    edit: edited(["tasks", 1, "config_fields"], {}),
    paths: [["tasks", 1, "config_fields"]],
  },
  {
    name: "config field type outside the vocabulary",
    edit: edited(["tasks", 1, "config_fields", 0, "type"], "text"),
    paths: [["tasks", 1, "config_fields", 0, "type"]],
  },
  {
    name: "config field required as text",
    edit: edited(["tasks", 1, "config_fields", 0, "required"], "true"),
    paths: [["tasks", 1, "config_fields", 0, "required"]],
  },
  {
    name: "config field missing supports_liquid",
    edit: edited(
      ["tasks", 1, "config_fields", 0, "supports_liquid"],
      undefined,
    ),
    paths: [["tasks", 1, "config_fields", 0, "supports_liquid"]],
  },
  {
    name: "unknown config field key",
    edit: edited(["tasks", 1, "config_fields", 0, "default"], ""),
    paths: [["tasks", 1, "config_fields", 0, "default"]],
  },
  {
    name: "empty options",
    edit: edited(["tasks", 1, "config_fields", 0, "options"], []),
    paths: [["tasks", 1, "config_fields", 0, "options"]],
  },
  {
    name: "duplicate config field id",
    edit: (c) => {
      const fields = at(c, ["tasks", 1, "config_fields"]) as Json[];
      fields.push(structuredClone(fields[0] ?? null));
      return c;
    },
    paths: [["tasks", 1, "config_fields", 1, "id"]],
  },
  {
    name: "placeholder is not a field confidence",
    edit: edited(
      ["tasks", 1, "config_fields", 0, "id_confidence"],
      "placeholder",
    ),
    paths: [["tasks", 1, "config_fields", 0, "id_confidence"]],
  },
  {
    name: "return field without is_list",
    edit: edited(["tasks", 0, "return_fields", 0, "is_list"], undefined),
    paths: [["tasks", 0, "return_fields", 0, "is_list"]],
  },
  {
    name: "return field with id_confidence instead of confidence",
    edit: (c) => {
      set(c, ["tasks", 0, "return_fields", 1, "confidence"], undefined);
      set(c, ["tasks", 0, "return_fields", 1, "id_confidence"], "documented");
      return c;
    },
    // zod lists missing keys before unknown ones; the order is stable.
    paths: [
      ["tasks", 0, "return_fields", 1, "confidence"],
      ["tasks", 0, "return_fields", 1, "id_confidence"],
    ],
  },
  {
    name: "bad task id_confidence",
    edit: edited(["tasks", 0, "id_confidence"], "guessed"),
    paths: [["tasks", 0, "id_confidence"]],
  },
  {
    name: "duplicate task and version",
    edit: (c) => {
      const tasks = at(c, ["tasks"]) as Json[];
      tasks.push(structuredClone(tasks[1] ?? null));
      return c;
    },
    paths: [["tasks", 2, "id"]],
  },
  {
    name: "alternate id shadows another task",
    edit: edited(
      ["tasks", 1, "alternate_ids"],
      ["shopify::admin::order_created"],
    ),
    paths: [["tasks", 1, "alternate_ids", 0]],
  },
  {
    name: "missing environment",
    edit: edited(["environment"], undefined),
    paths: [["environment"]],
  },
  {
    name: "types as a list",
    edit: edited(["environment", "types"], []),
    paths: [["environment", "types"]],
  },
  {
    name: "environment type missing root_variable",
    edit: edited(["environment", "types", "Order", "root_variable"], undefined),
    paths: [["environment", "types", "Order", "root_variable"]],
  },
  {
    name: "environment field with unknown key",
    edit: edited(["environment", "types", "Order", "fields", 0, "list"], true),
    paths: [["environment", "types", "Order", "fields", 0, "list"]],
  },
  {
    name: "duplicate environment field",
    edit: (c) => {
      const fields = at(c, [
        "environment",
        "types",
        "Order",
        "fields",
      ]) as Json[];
      fields.push(structuredClone(fields[0] ?? null));
      return c;
    },
    paths: [["environment", "types", "Order", "fields", 1, "name"]],
  },
  {
    name: "flow variable without scope",
    edit: edited(["environment", "flow_variables", 0, "scope"], undefined),
    paths: [["environment", "flow_variables", 0, "scope"]],
  },
];

describe("loadCatalog", () => {
  it("accepts the minimal fixture", () => {
    const loaded = loadCatalog(minimal());
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.ok).toBe(true);
  });

  it.each(cases)("rejects: $name", ({ edit, paths }) => {
    const loaded = loadCatalog(edit(minimal()));
    expect(loaded.ok).toBe(false);
    expect(loaded.diagnostics.map((d) => d.path)).toEqual(paths);
    for (const d of loaded.diagnostics) {
      expect(d.code).toBe(CATALOG_INVALID);
      expect(d.severity).toBe("error");
      expect(d.message.length).toBeGreaterThan(0);
    }
  });

  it("names what is wrong", () => {
    const messages = (c: Json): string[] =>
      loadCatalog(c).diagnostics.map((d) => d.message);
    expect(messages(edited(["tasks", 1, "id"], undefined)(minimal()))).toEqual([
      'missing required key "id"',
    ]);
    expect(messages(edited(["tasks", 1, "outputs"], 1)(minimal()))).toEqual([
      'unknown key "outputs"',
    ]);
    expect(
      messages(edited(["tasks", 1, "task_type"], "LOOP")(minimal()))[0],
    ).toContain('"FOREACH"');
    expect(
      messages(edited(["tasks", 1, "config_fields"], {})(minimal())),
    ).toEqual(["expected array, got an object"]);
  });

  it("never throws and always explains a rejection", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const loaded = loadCatalog(value);
        expect(loaded.ok).toBe(false);
        expect(loaded.diagnostics.length).toBeGreaterThan(0);
        for (const d of loaded.diagnostics)
          expect(d.code).toBe(CATALOG_INVALID);
      }),
      { numRuns: runs },
    );
  });

  it("locates a required key deleted from any bundled task", () => {
    const required = [
      "id",
      "version",
      "task_type",
      "label",
      "description",
      "publisher",
      "input_port_id",
      "output_port_ids",
      "config_fields",
      "return_fields",
      "id_confidence",
    ];
    const tasks = bundledCatalogData.tasks;
    const environment = { flow_variables: [], types: {} };
    fc.assert(
      fc.property(
        fc.nat(tasks.length - 1),
        fc.constantFrom(...required),
        (index, key) => {
          const task: Record<string, unknown> = { ...tasks[index] };
          delete task[key];
          const loaded = loadCatalog({ tasks: [task], environment });
          expect(loaded.ok).toBe(false);
          expect(loaded.diagnostics.map((d) => d.path)).toEqual([
            ["tasks", 0, key],
          ]);
          expect(loaded.diagnostics[0]?.message).toBe(
            `missing required key ${JSON.stringify(key)}`,
          );
        },
      ),
      { numRuns: Math.min(runs, 500) },
    );
  });
});

describe("bundled catalog", () => {
  it("loads with no diagnostics, and so does the reference file", () => {
    expect(loadCatalog(bundledCatalogData)).toMatchObject({
      ok: true,
      diagnostics: [],
    });
    expect(loadCatalog(reference)).toMatchObject({ ok: true, diagnostics: [] });
  });

  it("applies each override with a reason, without touching the reference", () => {
    const before = JSON.stringify(reference);
    const overridden = applyCatalogOverrides(reference);
    expect(JSON.stringify(reference)).toBe(before);
    expect(JSON.stringify(applyCatalogOverrides(overridden))).toBe(
      JSON.stringify(overridden),
    );
    const catalog = bundledCatalog();
    for (const o of catalogOverrides) {
      expect(o.reason.length).toBeGreaterThan(10);
      switch (o.kind) {
        case "set-config-field":
          expect(
            catalog
              .task(o.task, o.version)
              ?.config_fields.find((f) => f.id === o.field)?.required,
          ).toBe(o.set.required);
          break;
        case "add-environment-field":
          expect(catalog.fieldOf(o.type, o.field.name)?.type).toBe(
            o.field.type,
          );
          break;
      }
    }
  });

  it("is built once", () => {
    expect(bundledCatalog()).toBe(bundledCatalog());
  });

  it("is fresh: the generated file is what the generator writes now", () => {
    const rendered = renderBundledCatalog(reference);
    expect(rendered.diagnostics).toEqual([]);
    expect(rendered.ok && rendered.value).toBe(
      readFileSync(generatedPath, "utf8"),
    );
  });

  it("keeps every task and its confidence markers (the reference with the project's overrides)", () => {
    const raw = applyCatalogOverrides(reference) as {
      tasks: {
        id: string;
        id_confidence: string;
        config_fields: { id_confidence: string }[];
      }[];
    };
    const catalog = bundledCatalog();
    expect(catalog.data.tasks.map((t) => [t.id, t.id_confidence])).toEqual(
      raw.tasks.map((t) => [t.id, t.id_confidence]),
    );
    expect(
      catalog.data.tasks.flatMap((t) =>
        t.config_fields.map((f) => f.id_confidence),
      ),
    ).toEqual(
      raw.tasks.flatMap((t) => t.config_fields.map((f) => f.id_confidence)),
    );
    const confidences = new Set(catalog.data.tasks.map((t) => t.id_confidence));
    expect(confidences).toEqual(
      new Set(["documented", "derived", "placeholder"]),
    );
  });

  it("indexes tasks by id, version, alternate id and type", () => {
    const catalog = bundledCatalog();
    expect(
      catalog.task("shopify::admin::add_customer_metafield")?.version,
    ).toBe("1.0");
    expect(
      catalog.task("shopify::admin::add_customer_metafield", "1.0")?.task_type,
    ).toBe("ACTION");
    expect(
      catalog.task("shopify::admin::add_customer_metafield", "0.1"),
    ).toBeUndefined();
    expect(catalog.task("shopify::admin::product_added")?.id).toBe(
      "shopify::admin::product_created",
    );
    expect(catalog.task("shopify::admin::no_such_task")).toBeUndefined();
    const counts = Object.fromEntries(
      Object.entries(catalog.tasksByType).map(([type, tasks]) => [
        type,
        tasks.length,
      ]),
    );
    const expected: Record<string, number> = {};
    for (const t of catalog.data.tasks)
      expected[t.task_type] = (expected[t.task_type] ?? 0) + 1;
    expect(counts).toEqual({
      TRIGGER: 0,
      CONDITION: 0,
      ACTION: 0,
      FOREACH: 0,
      WAIT: 0,
      ...expected,
    });
    for (const [type, tasks] of Object.entries(catalog.tasksByType))
      for (const t of tasks) expect(t.task_type).toBe(type);
    expect(counts["FOREACH"]).toBe(1);
  });

  it("answers the latest version when an id has several", () => {
    const c = minimal();
    const tasks = at(c, ["tasks"]) as Json[];
    for (const version of ["1.0", "0.10", "0.9"]) {
      const copy = structuredClone(tasks[1] ?? null) as { [key: string]: Json };
      copy["version"] = version;
      tasks.push(copy);
    }
    const loaded = loadCatalog(c);
    if (!loaded.ok) throw new Error("fixture should load");
    expect(loaded.value.task("shopify::admin::add_order_tags")?.version).toBe(
      "1.0",
    );
    expect(
      loaded.value.task("shopify::admin::add_order_tags", "0.9")?.version,
    ).toBe("0.9");
    expect(
      catalogTaskLookup(loaded.value)("shopify::admin::add_order_tags")
        ?.version,
    ).toBe("1.0");
  });

  it("indexes environment types and fields", () => {
    const catalog = bundledCatalog();
    expect(catalog.environmentType("Order")?.root_variable).toBe("order");
    expect(catalog.environmentType("MoneyV2")?.root_variable).toBeNull();
    expect(catalog.fieldOf("Order", "tags")).toMatchObject({
      name: "tags",
      type: "String",
      is_list: true,
    });
    expect(catalog.fieldOf("Order", "lineItems")?.is_list).toBe(true);
    expect(catalog.fieldOf("Order", "nope")).toBeUndefined();
    expect(catalog.fieldOf("Nope", "tags")).toBeUndefined();
    expect(catalog.environmentType("toString")).toBeUndefined();
    for (const [name, type] of Object.entries(catalog.environment.types)) {
      for (const field of type.fields)
        expect(catalog.fieldOf(name, field.name)).toBe(field);
    }
  });
});

describe("catalogTaskLookup", () => {
  const lookup = catalogTaskLookup(bundledCatalog());

  it("agrees with bundledTaskLookup on every catalog task", () => {
    for (const task of bundledCatalog().data.tasks) {
      expect(lookup(task.id), task.id).toEqual(bundledTaskLookup(task.id));
    }
    expect(bundledCatalog().data.tasks.length).toBe(knownTaskEntries.length);
  });

  it("agrees on every id of the printer's table", () => {
    for (const [id, known] of knownTaskEntries)
      expect(lookup(id), id).toEqual(known);
  });

  it("resolves alternate ids and nothing else", () => {
    expect(lookup("shopify::admin::product_added")).toEqual(
      lookup("shopify::admin::product_created"),
    );
    expect(lookup("shopify::admin::no_such_task")).toBeUndefined();
  });
});
