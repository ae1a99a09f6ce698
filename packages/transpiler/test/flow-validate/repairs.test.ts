import { describe, expect, it } from "vitest";
import {
  bundledCatalog,
  formatJsonPath,
  loadWorkflow,
  readDocument,
  repairWorkflow,
  validateWorkflow,
} from "../../src/index.js";
import {
  action,
  chainDocument,
  compilePython,
  program,
  seen,
} from "./support.js";

const load = (doc: unknown) => {
  const read = readDocument(JSON.stringify(doc));
  if (!read.ok) throw new Error("unreadable");
  const loaded = loadWorkflow(read.value.node);
  if (!loaded.ok) throw new Error("does not load");
  return loaded.value.workflow;
};

describe("repairs", () => {
  it("leave a valid workflow alone (the same object, no notes)", () => {
    const workflow = load(
      chainDocument([
        action("shopify::admin::add_order_tags", {
          order_id: '{"value": "{{ order.id }}", "default_value": ""}',
          tags: '["vip"]',
        }),
      ]),
    );
    const repaired = repairWorkflow(workflow, { catalog: bundledCatalog() });
    expect(repaired.workflow).toBe(workflow);
    expect(repaired.notes).toEqual([]);
  });

  it.each([
    [
      "bare Liquid in a wrapper field",
      "order_id",
      "{{ order.id }}",
      '{"value":"{{ order.id }}","default_value":""}',
      "repair-wrapper",
    ],
    [
      "a bare path in a wrapper field",
      "order_id",
      "order.id",
      '{"value":"{{ order.id }}","default_value":""}',
      "repair-wrapper",
    ],
    [
      "a wrapper without default_value",
      "order_id",
      '{"value":"{{ order.id }}"}',
      '{"value":"{{ order.id }}","default_value":""}',
      "repair-wrapper",
    ],
    ["a quoted number", "quantity", '"2"', "2", "repair-number"],
    ["a padded number", "quantity", " 2 ", "2", "repair-number"],
  ] as const)(
    "fix %s, with a note at its JSON path",
    (_name, field, value, fixed, code) => {
      const config: Record<string, string> = {
        order_id: '{"value":"{{ order.id }}","default_value":""}',
        variant_id: "gid://shopify/ProductVariant/1",
        quantity: "1",
        [field]: value,
      };
      const workflow = load(
        chainDocument([action("shopify::admin::add_order_line_item", config)]),
      );
      const before = validateWorkflow(workflow, { catalog: bundledCatalog() });
      expect(before.map((d) => d.code)).toEqual(["flow-config-encoding"]);
      const repaired = repairWorkflow(workflow, { catalog: bundledCatalog() });
      const entry = Object.keys(config).indexOf(field);
      expect(repaired.workflow.steps[1]?.config[entry]?.value).toBe(fixed);
      expect(
        repaired.notes.map((n) => [
          n.code,
          n.severity,
          n.bucket,
          formatJsonPath(n.path ?? []),
        ]),
      ).toEqual([
        [
          code,
          "note",
          "configFieldErrors",
          `$.root.steps[1].config_field_values[${entry}].value`,
        ],
      ]);
      expect(
        validateWorkflow(repaired.workflow, { catalog: bundledCatalog() }),
      ).toEqual([]);
    },
  );

  it("fix a boolean written as a string", () => {
    const workflow = load(
      chainDocument([
        action("shopify::admin::cancel_order", {
          order_id: '{"value":"{{ order.id }}","default_value":""}',
          reason: "FRAUD",
          restock: '"True"',
        }),
      ]),
    );
    const repaired = repairWorkflow(workflow, { catalog: bundledCatalog() });
    expect(repaired.workflow.steps[1]?.config[2]?.value).toBe("true");
    expect(repaired.notes.map((n) => n.code)).toEqual(["repair-boolean"]);
  });

  it("do not guess: a word in a number field, a literal in a wrapper field stay errors", () => {
    const workflow = load(
      chainDocument([
        action("shopify::admin::add_order_line_item", {
          order_id: "gid://shopify/Order/1",
          variant_id: "gid://shopify/ProductVariant/1",
          quantity: "two",
        }),
      ]),
    );
    const repaired = repairWorkflow(workflow, { catalog: bundledCatalog() });
    expect(repaired.notes).toEqual([]);
    expect(
      validateWorkflow(repaired.workflow, { catalog: bundledCatalog() }).map(
        (d) => d.code,
      ),
    ).toEqual(["flow-config-encoding", "flow-config-encoding"]);
  });

  it("through compile: notes located in the Python, the Python rewritten, the workflow valid", async () => {
    const python = program(
      'shopify.admin.cancel_order(order_id="{{ order.id }}", reason="FRAUD", notify_customer="True")',
    );
    const result = await compilePython(python);
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.notes.map(seen)).toEqual([
      {
        code: "repair-wrapper",
        bucket: "configFieldErrors",
        at: "4:41",
        path: "$.root.steps[1].config_field_values[0].value",
      },
      {
        code: "repair-boolean",
        bucket: "configFieldErrors",
        at: "4:91",
        path: "$.root.steps[1].config_field_values[2].value",
      },
    ]);
    expect(result.python).toBe(
      program(
        'shopify.admin.cancel_order(order_id=order.id, reason="FRAUD", notify_customer=True)',
      ),
    );
    const again = await compilePython(result.python);
    expect(again.notes).toEqual([]);
    expect(again.workflow).toBe(result.workflow);
  });
});
