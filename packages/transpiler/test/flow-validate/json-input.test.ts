/**
 * The same validator on JSON documents: diagnostics carry the JSON path (no span), and the
 * checks that only JSON can get wrong (ports per the catalog, the DSL's mixed && / ||,
 * condition trees, export-form documents) are covered here.
 */
import { describe, expect, it } from "vitest";
import {
  bundledCatalog,
  flowBuckets,
  formatJsonPath,
  loadCatalog,
  type Catalog,
} from "../../src/index.js";
import { action, chainDocument, validateJson } from "./support.js";

const pathsOf = (ds: ReturnType<typeof validateJson>) =>
  ds.map((d) => [d.code, d.bucket, formatJsonPath(d.path ?? []), d.span]);

const condition = (text: string) => ({
  task_id: "shopify::flow::condition",
  task_type: "CONDITION",
  config_field_values: [{ config_field_id: "condition", value: text }],
});

const TAGS = action("shopify::admin::add_order_tags", {
  order_id: '{"value":"{{ order.id }}","default_value":""}',
  tags: '["vip"]',
});

describe("JSON documents", () => {
  it("a valid chain has no diagnostics", () => {
    expect(
      validateJson(
        chainDocument([condition("(order.email end_with? '@x.com')"), TAGS]),
      ),
    ).toEqual([]);
  });

  it("locates problems by JSON path only", () => {
    const ds = validateJson(
      chainDocument([
        condition("((order.totl > 5) && (order.tags == 'vip'))"),
        action("shopify::admin::add_order_tags", {
          order_id: "{{ order.id }}",
          tags: '["vip"]',
        }),
      ]),
    );
    expect(pathsOf(ds)).toEqual([
      [
        "condition-list-as-scalar",
        "conditionErrors",
        "$.root.steps[1].config_field_values[0].value",
        undefined,
      ],
      [
        "flow-unknown-path",
        "configFieldErrors",
        "$.root.steps[1].config_field_values[0].value",
        undefined,
      ],
      [
        "flow-config-encoding",
        "configFieldErrors",
        "$.root.steps[2].config_field_values[0].value",
        undefined,
      ],
    ]);
  });

  it("reports && mixed with || at one level of the DSL as a condition syntax error", () => {
    const ds = validateJson(
      chainDocument([
        condition(
          "((order.email == 'a') && (order.note == 'b') || (order.name == 'c'))",
        ),
        TAGS,
      ]),
    );
    expect(pathsOf(ds)).toEqual([
      [
        "condition-syntax",
        "conditionErrors",
        "$.root.steps[1].config_field_values[0].value",
        undefined,
      ],
    ]);
    expect(ds[0]?.message).toMatch(/of the condition/);
  });

  it("accepts mixed logic at different nesting levels (the corpus uses it)", () => {
    expect(
      validateJson(
        chainDocument([
          condition(
            "((order.email == 'a') && ((order.note == 'b') || (order.name == 'c')))",
          ),
          TAGS,
        ]),
      ),
    ).toEqual([]);
  });

  it("checks JSON condition trees like DSL text", () => {
    const tree = {
      uuid: "r",
      operator: "AND",
      operation_type: "LogicalExpression",
      lhs: {
        uuid: "c",
        parent_uuid: "r",
        operator: "==",
        operation_type: "Comparison",
        value_type: "EnvironmentScalarDefinition:String",
        lhs: {
          uuid: "l",
          parent_uuid: "c",
          value: "order.emial",
          comparison_value_type: "EnvironmentValue",
          full_environment_path: "order.emial",
        },
        rhs: {
          uuid: "v",
          parent_uuid: "c",
          value: "x",
          comparison_value_type: "LiteralValue",
        },
      },
    };
    const ds = validateJson(
      chainDocument([condition(JSON.stringify(tree)), TAGS]),
    );
    expect(pathsOf(ds)).toEqual([
      [
        "flow-unknown-path",
        "configFieldErrors",
        "$.root.steps[1].config_field_values[0].value",
        undefined,
      ],
    ]);
    expect(ds[0]?.hint).toContain("order.email");
  });

  it("checks link ports against the task's own ports when the catalog narrows them", () => {
    const data = structuredClone(bundledCatalog().data) as unknown as {
      tasks: { id: string; output_port_ids: string[] }[];
    };
    const tags = data.tasks.find(
      (t) => t.id === "shopify::admin::add_order_tags",
    );
    if (tags === undefined) throw new Error("catalog lacks add_order_tags");
    tags.output_port_ids = ["done"];
    const loaded = loadCatalog(data);
    if (!loaded.ok) throw new Error("catalog does not load");
    const catalog: Catalog = loaded.value;
    const doc = chainDocument([
      TAGS,
      action("shopify::admin::add_order_tags", { tags: '["again"]' }),
    ]);
    expect(pathsOf(validateJson(doc, catalog))).toEqual([
      [
        "flow-task-port",
        "taskErrors",
        "$.root.links[1].from_port_id",
        undefined,
      ],
    ]);
    expect(validateJson(doc)).toEqual([]);
  });

  it("reports the foreach item outside its loop in an export with string ids", () => {
    const doc = {
      __metadata: { version: 0.1 },
      root: {
        workflow_name: "Test",
        steps: [
          {
            step_id: "a",
            task_id: "shopify::admin::order_created",
            task_version: "0.1",
            task_type: "TRIGGER",
            config_field_values: [],
          },
          {
            step_id: "b",
            task_id: "shopify::flow::foreach",
            task_version: "0.1",
            task_type: "FOREACH",
            config_field_values: [
              { config_field_id: "listpath", value: "order.lineItems" },
            ],
          },
          {
            step_id: "c",
            task_id: "shopify::flow::send_email",
            task_version: "0.1",
            task_type: "ACTION",
            config_field_values: [
              { config_field_id: "address", value: "a@example.com" },
              {
                config_field_id: "subject",
                value: "{{ lineItemsForeachitem.sku }}",
              },
              { config_field_id: "message", value: "m" },
            ],
          },
        ],
        links: [
          {
            from_step_id: "a",
            from_port_id: "output",
            to_step_id: "b",
            to_port_id: "input",
          },
          {
            from_step_id: "b",
            from_port_id: "after",
            to_step_id: "c",
            to_port_id: "input",
          },
        ],
        patched_fields: [],
      },
    };
    expect(pathsOf(validateJson(doc))).toEqual([
      [
        "flow-foreach-item-scope",
        "foreachBodyErrors",
        "$.root.steps[2].config_field_values[1].value",
        undefined,
      ],
    ]);
  });

  it("does not guess about types the catalog does not know", () => {
    const doc = chainDocument([
      action("shopify::flow::send_email", {
        address: "a@example.com",
        subject:
          "{{ order.shippingLine.anything.at.all }} {{ order.risk.level }}",
        message: "{{ order.customer.companyContactProfiles.foo }}",
      }),
    ]);
    expect(validateJson(doc)).toEqual([]);
  });

  it("gives every code it can report a bucket", () => {
    const all: Readonly<Record<string, string>> = flowBuckets;
    for (const code of [
      "flow-unknown-task",
      "flow-config-encoding",
      "condition-list-as-scalar",
      "flow-foreach-item-scope",
      "liquid-forbidden",
    ])
      expect(all[code]).toBeDefined();
  });
});
