import {
  bundledCatalog,
  codes,
  createCompiler,
  loadCatalog,
  renderDiagnosticsForModel,
  type Catalog,
} from "@flowpy/transpiler";
import { describe, expect, it } from "vitest";
import type { JsonValue, Toolbox } from "../../src/index.js";
import {
  createToolbox,
  resolveToolSet,
  toolByKey,
  toolResponseLayout,
  validateBySchema,
  writeJson,
} from "../../src/index.js";

const toolSet = (() => {
  const r = resolveToolSet();
  if (!r.ok) throw new Error("default tool set");
  return r.value;
})();
const catalog = bundledCatalog();
const compiler = await createCompiler({ catalog });
const box = createToolbox({ toolSet, catalog, compiler });

function answered(b: Toolbox, name: string, args: JsonValue): JsonValue {
  const a = b.call(name, JSON.stringify(args));
  if (a.kind !== "answered") throw new Error(a.content);
  // The content is the canonical form of the value: compact, documented order, nothing else.
  const parsed = JSON.parse(a.content) as JsonValue;
  expect(
    validateBySchema(parsed, toolByKey(b.toolSet, a.key).response),
  ).toEqual([]);
  expect(writeJson(parsed, toolResponseLayout)).toBe(a.content);
  return parsed;
}

function ids(value: JsonValue): string[][] {
  const results = (value as { results: { tasks: { id: string }[] }[] }).results;
  return results.map((r) => r.tasks.map((t) => t.id));
}

describe("task_search", () => {
  it("finds every catalog task by its own label, within the result limit", () => {
    for (const task of catalog.data.tasks) {
      const v = answered(box, "task_search", { search_queries: [task.label] });
      expect(ids(v)[0], task.id).toContain(task.id);
      expect(ids(v)[0]?.length).toBeLessThanOrEqual(
        toolSet.limits.searchResultsPerQuery,
      );
    }
  });

  it("answers each query separately, once per distinct query, in the order asked", () => {
    const v = answered(box, "task_search", {
      search_queries: ["order paid", "add customer tags", "order paid"],
    }) as { results: { query: string }[] };
    expect(v.results.map((r) => r.query)).toEqual([
      "order paid",
      "add customer tags",
    ]);
  });

  it("filters by task type", () => {
    const v = answered(box, "task_search", {
      search_queries: ["order"],
      task_type: "trigger",
    });
    const types = (
      v as { results: { tasks: { task_type: string }[] }[] }
    ).results[0]?.tasks.map((t) => t.task_type);
    expect(types?.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(["TRIGGER"]));
  });

  it("orders relevant hits installed first, then by publisher priority, then relevance", () => {
    const task = (id: string, publisher: string, label: string) => ({
      id,
      version: "0.1",
      task_type: "ACTION",
      label,
      description: "Sends a message to the team.",
      publisher,
      input_port_id: "input",
      output_port_ids: ["output"],
      config_fields: [],
      return_fields: [],
      id_confidence: "placeholder",
    });
    const loaded = loadCatalog({
      tasks: [
        task("other::notify", "non-shopify-app", "Send team message"),
        task("app::notify", "shopify-app", "Send team message"),
        task("connector::notify", "flow-connectors", "Send team message now"),
        task("flow::notify", "flow", "Send message"),
        task("shopify::notify", "shopify", "Send team message"),
        task("unrelated::x", "shopify", "Archive order"),
      ],
      environment: { flow_variables: [], types: {} },
    });
    if (!loaded.ok) throw new Error(loaded.diagnostics[0]?.message);
    const small: Catalog = loaded.value;
    const query = { search_queries: ["send team message"] };
    const plain = createToolbox({ toolSet, catalog: small, compiler });
    expect(ids(answered(plain, "task_search", query))[0]).toEqual([
      "shopify::notify",
      "flow::notify",
      "connector::notify",
      "app::notify",
      "other::notify",
    ]);
    const shop = createToolbox({
      toolSet,
      catalog: small,
      compiler,
      shop: { installedTaskIds: ["app::notify"] },
    });
    expect(ids(answered(shop, "task_search", query))[0]?.slice(0, 3)).toEqual([
      "shopify::notify",
      "flow::notify",
      "app::notify",
    ]);
    const flags = answered(shop, "task_search", query) as {
      results: { tasks: { id: string; installed: boolean }[] }[];
    };
    expect(
      flags.results[0]?.tasks.find((t) => t.id === "connector::notify")
        ?.installed,
    ).toBe(false);
  });
});

describe("task_configuration", () => {
  it("returns fields, return fields and ports of exactly the tasks asked for, errors for unknown ones", () => {
    const v = answered(box, "task_configuration", {
      tasks: [
        { id: "shopify::admin::add_order_tags", version: "0.1" },
        { id: "shopify::admin::order_paid", version: "0.1" },
        { id: "shopify::admin::add_order_tags", version: "9.9" },
        { id: "no::such::task", version: "0.1" },
      ],
    }) as {
      tasks: {
        id: string;
        error?: string;
        config_fields?: { id: string }[];
        input_port_id?: string;
      }[];
    };
    expect(v.tasks.map((t) => t.id)).toEqual([
      "shopify::admin::add_order_tags",
      "shopify::admin::order_paid",
      "shopify::admin::add_order_tags",
      "no::such::task",
    ]);
    expect(v.tasks[0]?.config_fields?.map((f) => f.id)).toEqual([
      "order_id",
      "tags",
    ]);
    expect(v.tasks[1]?.input_port_id).toBeUndefined();
    expect(v.tasks[2]?.error).toMatch(/no version 9\.9.*available: 0\.1/);
    expect(v.tasks[3]?.error).toMatch(
      /unknown task id; find tasks with task_search/,
    );
  });
});

describe("environment_paths_search", () => {
  type Paths = {
    results: {
      error?: string;
      paths: { path: string; category: string; type: string }[];
    }[];
  };
  const search = (searches: JsonValue, filter?: string): Paths =>
    answered(box, "environment_paths_search", {
      searches,
      ...(filter === undefined ? {} : { data_type_filter: filter }),
    }) as Paths;

  it("categorises paths by the lists on them", () => {
    const v = search([
      { root_type: "Order", search_term: "customer.email" },
      { root_type: "Order", search_term: "order.tags" },
      { root_type: "Order", search_term: "lineItems" },
      { root_type: "Order", search_term: "lineItems.quantity" },
      { root_type: "Order", search_term: "lineItems.product.variants.sku" },
    ]);
    expect(v.results.map((r) => r.paths[0])).toEqual([
      { path: "order.customer.email", category: "SCALAR", type: "String" },
      { path: "order.tags", category: "SCALAR_IN_LIST", type: "String" },
      { path: "order.lineItems", category: "LIST", type: "LineItem" },
      {
        path: "order.lineItems.quantity",
        category: "SCALAR_IN_LIST",
        type: "Int",
      },
      {
        path: "order.lineItems.product.variants.sku",
        category: "ALL",
        type: "String",
      },
    ]);
  });

  it("matches words against path segments, best match first, within the limit", () => {
    const v = search([{ root_type: "Order", search_term: "customer email" }]);
    expect(v.results[0]?.paths[0]?.path).toBe("order.customer.email");
    expect(v.results[0]?.paths.length).toBeLessThanOrEqual(
      toolSet.limits.pathResultsPerSearch,
    );
  });

  it("keeps only lists of objects with the LIST filter, and reports unknown root types", () => {
    const v = search(
      [
        { root_type: "Order", search_term: "line items" },
        { root_type: "Nope", search_term: "x" },
      ],
      "LIST",
    );
    expect(v.results[0]?.paths.length).toBeGreaterThan(0);
    for (const p of v.results[0]?.paths ?? []) expect(p.category).toBe("LIST");
    expect(v.results[1]?.error).toMatch(/unknown root type/);
    expect(v.results[1]?.paths).toEqual([]);
  });
});

describe("submit_workflow", () => {
  it("answers valid with no diagnostics for a correct program, invalid with located diagnostics otherwise", () => {
    const good =
      '@workflow("T")\n@trigger(shopify.admin.order_paid)\ndef run(order):\n    shopify.admin.add_order_tags(order_id=order.id, tags=["x"])\n';
    expect(answered(box, "submit_workflow", { python: good })).toEqual({
      status: "valid",
      diagnostics: [],
    });
    const bad = answered(box, "submit_workflow", {
      python: good.replace('["x"])', '["x"]'),
    }) as {
      status: string;
      diagnostics: { code: string; line?: number; column?: number }[];
    };
    expect(bad.status).toBe("invalid");
    expect(bad.diagnostics[0]).toMatchObject({
      code: "py-syntax",
      bucket: "syntaxErrors",
      line: 4,
      column: 33,
    });
  });

  it("answers catalog mistakes with the diagnostics exactly as the model format renders them", () => {
    const python =
      '@workflow("T")\n@trigger(shopify.admin.order_paid)\ndef run(order):\n    if order.total_price > 5:\n        shopify.admin.add_order_tags(order_id=order.id, tag=["x"])\n';
    const compiled = compiler.compile(python);
    expect(compiled.ok).toBe(false);
    const found = compiled.diagnostics.map((d) => d.code);
    expect(found).toContain(codes.flowUnknownConfigField);
    expect(found).toContain(codes.flowUnknownPath);
    const a = box.call("submit_workflow", JSON.stringify({ python }));
    expect(a.kind).toBe("answered");
    expect(a.content).toBe(
      `{"status":"invalid","diagnostics":${renderDiagnosticsForModel(compiled.diagnostics)}}`,
    );
    for (const d of JSON.parse(
      renderDiagnosticsForModel(compiled.diagnostics),
    ) as {
      bucket?: string;
    }[])
      expect(d.bucket).toBeTypeOf("string");
  });

  it("uses an injected compiler", () => {
    const custom = createToolbox({
      toolSet,
      catalog,
      compiler: {
        compile: (raw) => ({
          ok: false,
          python: raw,
          diagnostics: [{ code: "x-code", severity: "error", message: "nope" }],
          notes: [],
        }),
      },
    });
    expect(answered(custom, "submit_workflow", { python: "anything" })).toEqual(
      {
        status: "invalid",
        diagnostics: [{ code: "x-code", message: "nope" }],
      },
    );
  });
});

describe("argument errors", () => {
  it("answers bad calls with the documented error shape and never throws", () => {
    const cases: [string, string, RegExp][] = [
      ["task_search", "{", /not valid JSON/],
      ["task_search", "[]", /must be a JSON object/],
      [
        "task_search",
        '{"search_queries": ["a"], "search_queries": ["b"]}',
        /not valid JSON/,
      ],
      ["task_search", "{}", /missing required key "search_queries"/],
      ["task_search", '{"search_queries": []}', /at least 1/],
      ["task_search", '{"search_queries": ["a"], "limit": 3}', /unknown key/],
      ["task_search", '{"search_queries": [1]}', /expected a string/],
      [
        "task_search",
        '{"search_queries": ["a"], "task_type": "TRIGGER"}',
        /expected one of/,
      ],
      [
        "task_configuration",
        '{"tasks": [{"id": "x"}]}',
        /missing required key "version"/,
      ],
      [
        "environment_paths_search",
        '{"searches": [{"root_type": "Order", "search_term": 3}]}',
        /expected a string/,
      ],
      ["submit_workflow", '{"python": ""}', /must not be empty/],
      ["no_such_tool", "{}", /unknown tool/],
    ];
    for (const [name, args, message] of cases) {
      const a = box.call(name, args);
      expect(a.kind, `${name} ${args}`).toBe("rejected");
      const parsed = JSON.parse(a.content) as JsonValue;
      expect(validateBySchema(parsed, toolSet.errorResponse)).toEqual([]);
      const messages = (parsed as { errors: { message: string }[] }).errors.map(
        (e) => e.message,
      );
      expect(messages.join("\n")).toMatch(message);
    }
  });

  it("writes arguments in parameter order with Python's separators", () => {
    expect(
      box.writeArguments("task_configuration", {
        tasks: [{ version: "0.1", id: "a" }],
      }),
    ).toBe('{"tasks": [{"id": "a", "version": "0.1"}]}');
  });
});
