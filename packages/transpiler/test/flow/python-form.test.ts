import { describe, expect, it } from "vitest";
import {
  flowToPython,
  pythonToFlow,
  readDocument,
  getAtPath,
  jsonToValue,
  canonicalWorkflow,
  loadWorkflow,
} from "../../src/index.js";
import { isDeepStrictEqual } from "node:util";

/** The document a piece of model-written Python turns into, as plain JSON. */
function toDoc(python: string): {
  steps: Record<string, unknown>[];
  links: Record<string, unknown>[];
  root: Record<string, unknown>;
} {
  const r = pythonToFlow(python);
  if (!r.ok)
    throw new Error(
      r.diagnostics
        .map(
          (d) =>
            `${d.code} ${d.message} @${d.span?.start.line}:${d.span?.start.column}`,
        )
        .join("\n"),
    );
  const doc = readDocument(r.value.json);
  if (!doc.ok) throw new Error("output is JSON");
  const root = jsonToValue(
    getAtPath(doc.value.node, ["root"]) ?? { kind: "null" },
  ) as Record<string, unknown>;
  return {
    root,
    steps: root["steps"] as Record<string, unknown>[],
    links: root["links"] as Record<string, unknown>[],
  };
}

function links(python: string): string[] {
  return toDoc(python).links.map(
    (l) =>
      `${String(l["from_step_id"])}.${String(l["from_port_id"])}->${String(l["to_step_id"])}`,
  );
}

function canonical(python: string): unknown {
  const r = pythonToFlow(python);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const doc = readDocument(r.value.json);
  if (!doc.ok) throw new Error("json");
  const loaded = loadWorkflow(doc.value.node);
  if (!loaded.ok) throw new Error("loads");
  const c = canonicalWorkflow(loaded.value.workflow, loaded.value.graph);
  return c.ok ? c.value : undefined;
}

const header =
  '@workflow("W")\n@trigger(shopify.admin.order_created)\ndef run(order):\n';

describe("reading the Python form", () => {
  it("chains calls, hangs if-bodies off true/false and loop bodies off loop_body/after", () => {
    expect(
      links(
        `${header}    a.b.one()\n    if order.x:\n        a.b.two()\n    else:\n        a.b.three()\n`,
      ),
    ).toEqual(["1.output->2", "2.output->3", "3.true->4", "3.false->5"]);
    expect(
      links(
        `${header}    for lineItemsForeachitem in order.lineItems:\n        a.b.one()\n    a.b.two()\n`,
      ),
    ).toEqual(["1.output->2", "2.loop_body->3", "2.after->4"]);
  });

  it("reads statements after an if, a with branch() or a merge call as fan-out from the same port", () => {
    expect(
      links(
        `${header}    if order.x:\n        pass\n    if order.y:\n        pass\n    a.b.c()\n`,
      ),
    ).toEqual(["1.output->2", "1.output->3", "1.output->4"]);
    expect(
      links(
        `${header}    with branch():\n        a.b.one()\n        a.b.two()\n    a.b.three()\n`,
      ),
    ).toEqual(["1.output->2", "2.output->3", "1.output->4"]);
    const merged = `${header}    if order.x:\n        merge_1()\n    else:\n        a.b.one()\n        merge_1()\n\n\ndef merge_1():\n    a.b.shared()\n`;
    expect(links(merged)).toEqual([
      "1.output->2",
      "2.true->4",
      "2.false->3",
      "3.output->4",
    ]);
  });

  it("numbers repeated output variables like Flow and keeps custom names", () => {
    const doc = toDoc(
      `${header}    getOrderData = shopify.flow.fetch.orders(query="a")\n    getOrderData1 = shopify.flow.fetch.orders(query="b")\n    unfulfilled = shopify.flow.fetch.orders(query="c")\n    step(name="Count them")\n    countThem = shopify.flow.count(list="{{ getOrderData1 }}")\n`,
    );
    expect(doc.steps.map((s) => s["name"] ?? null)).toEqual([
      null,
      null,
      null,
      "unfulfilled",
      "Count them",
    ]);
  });

  it("decodes config values: references to the id wrapper, lists and dicts to JSON text, json() to nested JSON strings", () => {
    const doc = toDoc(
      `${header}    shopify.admin.admin_api_operation(\n        order_id=order.id,\n        tags=["a", "b"],\n        api_call={"name": "x", "blob": json({"input": {"n": 1}})},\n        count=5,\n        flag=True,\n        from_="kw",\n    )\n`,
    );
    const config = Object.fromEntries(
      (
        doc.steps[1]?.["config_field_values"] as {
          config_field_id: string;
          value: string;
        }[]
      ).map((c) => [c.config_field_id, c.value]),
    );
    expect(config).toEqual({
      order_id: '{"value":"{{ order.id }}","default_value":""}',
      tags: '["a","b"]',
      api_call: '{"name":"x","blob":"{\\"input\\":{\\"n\\":1}}"}',
      count: "5",
      flag: "true",
      from: "kw",
    });
  });

  it("writes conditions in the DSL, and as a JSON tree when the DSL cannot spell a string", () => {
    const dsl = toDoc(
      `${header}    if order.email.endswith("@x.org") and not any(t == "vip" for t in order.tags):\n        pass\n`,
    );
    expect(
      (dsl.steps[1]?.["config_field_values"] as { value: string }[])[0]?.value,
    ).toBe(
      "((order.email end_with? '@x.org') && (order.tags none? |t| (t == 'vip')))",
    );
    const tree = toDoc(`${header}    if order.note == "it's":\n        pass\n`);
    const value =
      (tree.steps[1]?.["config_field_values"] as { value: string }[])[0]
        ?.value ?? "";
    expect(JSON.parse(value)).toMatchObject({
      operator: "AND",
      operation_type: "LogicalExpression",
      lhs: { operator: "==", rhs: { value: "it's" } },
    });
  });

  it("reads formatting variants (quotes, spacing, line breaks, trailing commas, comments, elif) as the same workflow", () => {
    const a = `${header}    if order.x == "A":\n        shopify.admin.add_order_tags(order_id=order.id, tags=["x"])\n    else:\n        if order.y:\n            shopify.flow.send_email(subject="s")\n`;
    const b = `# leading comment\n@workflow( 'W' )\n@trigger( shopify.admin.order_created )\ndef run( order ) :\n    # a comment\n    if (order.x=='A') :  # trailing\n        shopify.admin.add_order_tags(\n            order_id = order.id ,\n            tags = [ 'x' , ] ,\n        )\n    elif order.y:\n        shopify.flow.send_email(subject='s',)\n`;
    expect(isDeepStrictEqual(canonical(a), canonical(b))).toBe(true);
    expect(canonical(a)).not.toEqual(canonical(a.replace('"A"', '"B"')));
  });

  it("reports located diagnostics for Python that has no workflow meaning", () => {
    const cases: [string, string, number][] = [
      [`${header}    x = 1\n`, "flowpy-unexpected-statement", 4],
      [
        `${header}    if order.a < order.b < order.c:\n        pass\n`,
        "flowpy-invalid-condition",
        4,
      ],
      [
        `${header}    step(name="dangling")\n`,
        "flowpy-unexpected-statement",
        4,
      ],
      [`${header}    a.b.c(x=foo())\n`, "flowpy-invalid-value", 4],
      [`${header}    a.b.c(x=1, x=2)\n`, "flowpy-duplicate-argument", 4],
      [
        `@trigger(shopify.admin.order_created)\ndef run(order):\n    pass\n`,
        "flowpy-no-workflow",
        1,
      ],
      [
        `@workflow("W")\n@retry(3)\ndef run():\n    pass\n`,
        "flowpy-unknown-decorator",
        2,
      ],
      [`${header}    for x in 1:\n        pass\n`, "flowpy-invalid-value", 4],
      [
        `${header}    merge_1()\n\n\ndef merge_1():\n    merge_1()\n`,
        "flow-cycle",
        8,
      ],
    ];
    for (const [python, code, line] of cases) {
      const r = pythonToFlow(python);
      expect(r.ok, python).toBe(false);
      const d = r.diagnostics.find((x) => x.code === code);
      expect(
        d,
        `${python} → ${JSON.stringify(r.diagnostics.map((x) => x.code))}`,
      ).toBeDefined();
      expect(d?.span?.start.line, python).toBe(line);
      expect(d?.hint ?? d?.message).toBeTruthy();
    }
  });

  it("never executes anything: a program calling os.system is only data", () => {
    const r = pythonToFlow(`${header}    os.system(command="rm -rf /")\n`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.json).toContain('"task_id": "os::system"');
  });

  it("prints every workflow so that reading it back gives the same Python (fixed point on the printer's output)", () => {
    const python = `${header}    with branch():\n        shopify.admin.add_order_tags(order_id=order.id, tags=["a"])\n    merge_1()\n\n\ndef merge_1():\n    shopify.flow.send_email(subject="x")\n`;
    const json = pythonToFlow(python);
    expect(json.ok).toBe(true);
    if (!json.ok) return;
    const again = flowToPython(json.value.json);
    expect(again.ok && again.value.python).toBe(
      `@workflow("W")\n@trigger(shopify.admin.order_created)\ndef run(order):\n    with branch():\n        shopify.admin.add_order_tags(order_id=order.id, tags=["a"])\n    shopify.flow.send_email(subject="x")\n`,
    );
  });
});
