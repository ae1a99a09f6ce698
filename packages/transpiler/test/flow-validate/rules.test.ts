/**
 * One rule family per `describe`: a valid program and at least one mistake, compiled from
 * Python. Each mistake asserts the code, the Flow bucket, the 1-based line:column in the
 * Python and the JSON path in the workflow it would become (lines of the body start at 4).
 */
import { describe, expect, it } from "vitest";
import { compilePython, program, seen, type Seen } from "./support.js";

interface Case {
  readonly name: string;
  readonly python: string;
  readonly expected: readonly Seen[];
}

const c = (
  name: string,
  python: string,
  expected: readonly Seen[] = [],
): Case => ({
  name,
  python,
  expected,
});

const d = (code: string, bucket: string, at: string, path: string): Seen => ({
  code,
  bucket,
  at,
  path,
});

const TAGS = 'shopify.admin.add_order_tags(order_id=order.id, tags=["vip"])';

const families: Readonly<Record<string, readonly Case[]>> = {
  tasks: [
    c("a known task", program(TAGS)),
    c(
      "an unknown task id",
      program('shopify.admin.add_order_tag(order_id=order.id, tags=["vip"])'),
      [d("flow-unknown-task", "taskErrors", "4:5", "$.root.steps[1].task_id")],
    ),
    c("an unknown version", program(`step(version="9.9")\n${TAGS}`), [
      d(
        "flow-unknown-task-version",
        "taskErrors",
        "4:18",
        "$.root.steps[1].task_version",
      ),
    ]),
    c(
      "a trigger used as an action",
      program(`${TAGS}\nshopify.admin.order_paid()`),
      [
        d(
          "flow-task-type-mismatch",
          "taskErrors",
          "5:5",
          "$.root.steps[2].task_type",
        ),
      ],
    ),
    c("no action", program('if order.email == "a@b.c":\n    pass'), [
      d("flow-missing-action", "taskErrors", "1:2", "$.root.steps"),
    ]),
    c(
      "no trigger",
      `@workflow("Test")\ndef run():\n    ${TAGS.replace("order.id", '"gid://shopify/Order/1"')}\n`,
      [
        d("flow-missing-trigger", "taskErrors", "1:2", "$.root.steps"),
        d(
          "flow-config-encoding",
          "configFieldErrors",
          "3:43",
          "$.root.steps[0].config_field_values[0].value",
        ),
      ],
    ),
  ],
  "config fields": [
    c(
      "a hidden field bound by the trigger may be left out",
      program('shopify.admin.add_order_tags(tags=["vip"])'),
    ),
    c(
      "an unknown field",
      program(
        'shopify.admin.add_order_tags(order_id=order.id, tags=["vip"], tagz=["x"])',
      ),
      [
        d(
          "flow-unknown-config-field",
          "configFieldErrors",
          "4:67",
          "$.root.steps[1].config_field_values[2].config_field_id",
        ),
      ],
    ),
    c(
      "a missing required field",
      program("shopify.admin.add_order_tags(order_id=order.id)"),
      [
        d(
          "flow-missing-config-field",
          "configFieldErrors",
          "4:5",
          "$.root.steps[1].config_field_values",
        ),
      ],
    ),
  ],
  encodings: [
    c(
      "every encoding right",
      program(
        [
          'shopify.admin.cancel_order(order_id=order.id, reason="FRAUD", notify_customer=True, refund=False, restock=True)',
          'shopify.flow.send_http_request(method="POST", url="https://x.example", headers=[["Accept", "application/json"]], on_client_error="fail", on_server_error="retry")',
          'shopify.admin.add_order_line_item(order_id=order.id, variant_id="gid://shopify/ProductVariant/1", quantity=2)',
          'shopify.admin.admin_api_operation(api_call={"name": "customerUpdate", "blob": json({"input": {"id": "{{ order.customer.id }}", "note": "x"}})})',
        ].join("\n"),
      ),
    ),
    c(
      "an enum value outside the options",
      program('shopify.admin.cancel_order(order_id=order.id, reason="fraud")'),
      [
        d(
          "flow-config-encoding",
          "configFieldErrors",
          "4:58",
          "$.root.steps[1].config_field_values[1].value",
        ),
      ],
    ),
    c(
      "a number field with a word",
      program(
        'shopify.admin.add_order_line_item(order_id=order.id, variant_id="gid://x", quantity="two")',
      ),
      [
        d(
          "flow-config-encoding",
          "configFieldErrors",
          "4:89",
          "$.root.steps[1].config_field_values[2].value",
        ),
      ],
    ),
    c(
      "a boolean field with a word",
      program(
        'shopify.admin.cancel_order(order_id=order.id, reason="FRAUD", restock="maybe")',
      ),
      [
        d(
          "flow-config-encoding",
          "configFieldErrors",
          "4:75",
          "$.root.steps[1].config_field_values[2].value",
        ),
      ],
    ),
    c(
      "tags as one string",
      program('shopify.admin.add_order_tags(order_id=order.id, tags="vip")'),
      [
        d(
          "flow-config-encoding",
          "configFieldErrors",
          "4:58",
          "$.root.steps[1].config_field_values[1].value",
        ),
      ],
    ),
    c(
      "headers that are not pairs",
      program(
        'shopify.flow.send_http_request(method="GET", url="https://x.example", headers=[["Accept"]])',
      ),
      [
        d(
          "flow-config-encoding",
          "configFieldErrors",
          "4:83",
          "$.root.steps[1].config_field_values[2].value",
        ),
      ],
    ),
    c(
      "an api_call blob that is not JSON",
      program(
        'shopify.admin.admin_api_operation(api_call={"name": "customerUpdate", "blob": "input: {id: 1}"})',
      ),
      [
        d(
          "flow-config-encoding",
          "configFieldErrors",
          "4:48",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
    c(
      "a recurrence without RRULE",
      '@workflow("Test")\n@trigger(shopify.flow.scheduled_time, recurrence=["DTSTART;TZID=UTC:20300101T000000"])\ndef run(scheduledAt):\n    shopify.flow.send_email(address="a@example.com", subject="s", message="m")\n',
      [
        d(
          "flow-config-encoding",
          "configFieldErrors",
          "2:50",
          "$.root.steps[0].config_field_values[0].value",
        ),
      ],
    ),
  ],
  paths: [
    c(
      "paths that exist",
      program(
        'shopify.flow.send_email(address="{{ order.email }}", subject="{{ order.name }}", message="{{ order.customer.firstName }} {{ shop.name }}")',
      ),
    ),
    c(
      "an unknown root",
      program(
        'shopify.flow.send_email(address="{{ ordr.email }}", subject="s", message="m")',
      ),
      [
        d(
          "flow-unknown-path",
          "configFieldErrors",
          "4:41",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
    c("an unknown field", program("if order.totl > 100:\n    " + TAGS), [
      d(
        "flow-unknown-path",
        "configFieldErrors",
        "4:8",
        "$.root.steps[1].config_field_values[0].value",
      ),
    ]),
    c(
      "a theme-style snake_case field",
      program(
        'shopify.flow.send_email(address="a@example.com", subject="{{ order.created_at }}", message="m")',
      ),
      [
        d(
          "flow-unknown-path",
          "configFieldErrors",
          "4:66",
          "$.root.steps[1].config_field_values[1].value",
        ),
      ],
    ),
    c(
      "a field of a scalar",
      program('if order.email.domain == "x":\n    ' + TAGS),
      [
        d(
          "flow-unknown-path",
          "configFieldErrors",
          "4:8",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
    c(
      "connection plumbing",
      program(
        "for lineItemsForeachitem in order.lineItems.edges:\n    pass\n" + TAGS,
      ),
      [
        d(
          "flow-connection-path",
          "configFieldErrors",
          "4:33",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
    c(
      "a loop over a scalar",
      program("for emailForeachitem in order.email:\n    pass\n" + TAGS),
      [
        d(
          "flow-not-a-list",
          "configFieldErrors",
          "4:29",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
  ],
  scopes: [
    c(
      "an item inside its loop, a step output after its step",
      program(
        [
          'getOrderData = shopify.flow.fetch.orders(query="tag:vip", sort_key="CREATED_AT", limit=10)',
          "for lineItemsForeachitem in order.lineItems:",
          '    shopify.flow.send_email(address="a@example.com", subject="{{ lineItemsForeachitem.sku }}", message="{{ getOrderData.name | size }}")',
        ].join("\n"),
      ),
    ),
    c(
      "a loop item after its loop",
      program(
        'for lineItemsForeachitem in order.lineItems:\n    pass\nshopify.flow.send_email(address="a@example.com", subject="{{ lineItemsForeachitem.sku }}", message="m")',
      ),
      [
        d(
          "flow-foreach-item-scope",
          "foreachBodyErrors",
          "6:66",
          "$.root.steps[2].config_field_values[1].value",
        ),
      ],
    ),
    c(
      "a step output before its step",
      program(
        [
          'if getOrderData.name == "x":',
          "    pass",
          'getOrderData = shopify.flow.fetch.orders(query="tag:vip", sort_key="CREATED_AT", limit=10)',
          TAGS,
        ].join("\n"),
      ),
      [
        d(
          "flow-step-output-scope",
          "configFieldErrors",
          "4:8",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
    c(
      "fetched data after a Wait",
      program(
        [
          'getOrderData = shopify.flow.fetch.orders(query="tag:vip", sort_key="CREATED_AT", limit=10)',
          'shopify.flow.wait(duration="PT1H")',
          'shopify.flow.send_email(address="a@example.com", subject="{{ getOrderData.name | first }}", message="m")',
        ].join("\n"),
      ),
      [
        d(
          "flow-data-after-wait",
          "configFieldErrors",
          "6:66",
          "$.root.steps[3].config_field_values[1].value",
        ),
      ],
    ),
    c(
      "a loop variable named other than its item",
      program(
        'for item in order.lineItems:\n    shopify.flow.send_email(address="a@example.com", subject="{{ item.sku }}", message="m")',
      ),
      [
        d(
          "flow-unknown-path",
          "configFieldErrors",
          "5:70",
          "$.root.steps[2].config_field_values[1].value",
        ),
      ],
    ),
  ],
  conditions: [
    c(
      "well-typed tests",
      program(
        'if any(tags_item == "vip" for tags_item in order.tags) and order.email.endswith("@x.com") and order.cancelledAt is None and not order.note:\n    ' +
          TAGS,
      ),
    ),
    c(
      "a list compared as one value",
      program('if order.tags == "vip":\n    ' + TAGS),
      [
        d(
          "condition-list-as-scalar",
          "conditionErrors",
          "4:8",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
    c(
      "a path through a list compared as one value",
      program('if order.lineItems.sku == "X":\n    ' + TAGS),
      [
        d(
          "condition-list-as-scalar",
          "conditionErrors",
          "4:8",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
    c(
      "a string operator on a list",
      program('if "vip" in order.tags:\n    ' + TAGS),
      [
        d(
          "condition-operator-type",
          "conditionErrors",
          "4:17",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
    c(
      "a string operator on a number",
      program(
        'if order.currentSubtotalLineItemsQuantity.startswith("1"):\n    ' +
          TAGS,
      ),
      [
        d(
          "condition-operator-type",
          "conditionErrors",
          "4:8",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
    c(
      "a truthiness test on a number",
      program("if order.currentSubtotalLineItemsQuantity:\n    " + TAGS),
      [
        d(
          "condition-operator-type",
          "conditionErrors",
          "4:8",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
    c(
      "any() over a scalar",
      program('if any(x == "a" for x in order.email):\n    ' + TAGS),
      [
        d(
          "condition-operator-type",
          "conditionErrors",
          "4:30",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
    c(
      "Liquid inside a condition",
      program('if order.email == "{{ customer.email }}":\n    ' + TAGS),
      [
        d(
          "condition-liquid",
          "conditionErrors",
          "4:24",
          "$.root.steps[1].config_field_values[0].value",
        ),
      ],
    ),
  ],
  liquid: [
    c(
      "Flow's Liquid",
      program(
        'shopify.flow.send_email(address="a@example.com", subject="{{ order.lineItems.id | size }} {{ order.tags | join: \\", \\" }}", message="{% for li in order.lineItems %}{{ li.sku }}{% if forloop.last %}.{% endif %}{% endfor %}{% assign n = order.lineItems.id | size %}{% if n > 1 %}many{% endif %}")',
      ),
    ),
    c(
      "printing an object",
      program(
        'shopify.flow.send_email(address="a@example.com", subject="{{ order.customer }}", message="m")',
      ),
      [
        d(
          "liquid-forbidden",
          "configFieldErrors",
          "4:63",
          "$.root.steps[1].config_field_values[1].value",
        ),
      ],
    ),
    c(
      "printing a list",
      program(
        'shopify.flow.send_email(address="a@example.com", subject="{{ order.tags }}", message="m")',
      ),
      [
        d(
          "liquid-forbidden",
          "configFieldErrors",
          "4:63",
          "$.root.steps[1].config_field_values[1].value",
        ),
      ],
    ),
    c(
      "the json filter",
      program(
        'shopify.flow.send_email(address="a@example.com", subject="s", message="{{ order.name | json }}")',
      ),
      [
        d(
          "liquid-forbidden",
          "configFieldErrors",
          "4:76",
          "$.root.steps[1].config_field_values[2].value",
        ),
      ],
    ),
    c(
      "an index",
      program(
        'shopify.flow.send_email(address="a@example.com", subject="{{ order.tags[0] }}", message="m")',
      ),
      [
        d(
          "liquid-forbidden",
          "configFieldErrors",
          "4:66",
          "$.root.steps[1].config_field_values[1].value",
        ),
      ],
    ),
    c(
      "a .first accessor",
      program(
        'shopify.flow.send_email(address="a@example.com", subject="{{ order.lineItems.first.sku }}", message="m")',
      ),
      [
        d(
          "liquid-forbidden",
          "configFieldErrors",
          "4:66",
          "$.root.steps[1].config_field_values[1].value",
        ),
      ],
    ),
    c(
      "size of a list of objects",
      program(
        'shopify.flow.send_email(address="a@example.com", subject="{{ order.lineItems | size }}", message="m")',
      ),
      [
        d(
          "liquid-forbidden",
          "configFieldErrors",
          "4:63",
          "$.root.steps[1].config_field_values[1].value",
        ),
      ],
    ),
    c(
      "a filter inside if",
      program(
        'shopify.flow.send_email(address="a@example.com", subject="{% if order.tags | size > 0 %}t{% endif %}", message="m")',
      ),
      [
        d(
          "liquid-forbidden",
          "configFieldErrors",
          "4:63",
          "$.root.steps[1].config_field_values[1].value",
        ),
      ],
    ),
    c(
      "an unclosed output",
      program(
        'shopify.flow.send_email(address="a@example.com", subject="{{ order.name", message="m")',
      ),
      [
        d(
          "liquid-syntax",
          "configFieldErrors",
          "4:63",
          "$.root.steps[1].config_field_values[1].value",
        ),
      ],
    ),
  ],
  "Run code and patched fields": [
    c(
      "fields its output schema declares; a patched metafield",
      `@workflow("Test")\n@patched_field(field="metafield", patched_type="CUSTOMER", handle="tier", arguments={"namespace": "custom", "key": "tier"}, merchant_configured=True)\n@trigger(shopify.admin.order_created)\ndef run(order):\n    runCode = shopify.flow.run_code(input="query { order { id } }", script="export default function main() { return { points: 1 }; }", output_schema="type Output { points: Int! }")\n    shopify.flow.send_email(address="a@example.com", subject="{{ runCode.points }}", message="{{ order.customer.tier.value }}")\n`,
    ),
    c(
      "a field its output schema does not declare",
      program(
        'runCode = shopify.flow.run_code(input="query { order { id } }", script="export default function main() { return { points: 1 }; }", output_schema="type Output { points: Int! }")\nshopify.flow.send_email(address="a@example.com", subject="{{ runCode.pints }}", message="m")',
      ),
      [
        d(
          "flow-unknown-path",
          "configFieldErrors",
          "5:66",
          "$.root.steps[2].config_field_values[1].value",
        ),
      ],
    ),
  ],
};

describe.each(Object.entries(families))("%s", (_family, cases) => {
  it.each(cases.map((k) => [k.name, k] as const))("%s", async (_name, k) => {
    const result = await compilePython(k.python);
    expect(result.diagnostics.map(seen)).toEqual(k.expected);
    expect(result.ok).toBe(k.expected.length === 0);
    if (result.ok)
      expect(JSON.parse(result.workflow ?? "")).toHaveProperty("root");
    for (const x of result.diagnostics) {
      expect(x.message.length).toBeGreaterThan(0);
      expect(x.hint?.length ?? 0).toBeGreaterThan(0);
    }
  });
});
