import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bundledCatalog } from "@flowpy/transpiler";
import {
  createSimulator,
  FOREACH_LIMIT,
  observable,
  simulate,
  sdkCodes,
  type SimRecord,
  type TraceEntry,
} from "../../src/index.js";
import { flow, tagStep } from "./support/build.js";

const catalog = bundledCatalog();
const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

const order = (extra: SimRecord = {}): SimRecord => ({
  order: { id: "gid://shopify/Order/1", name: "#1001", ...extra },
  shop: { name: "Shop" },
});

const actions = (trace: readonly TraceEntry[]) =>
  trace.flatMap((e) => (e.kind === "action" ? [e] : []));

const loopFlow = flow(
  "shopify::admin::order_created",
  [
    {
      id: 2,
      task: "shopify::flow::foreach",
      config: { listpath: "order.lineItems" },
    },
    {
      id: 3,
      task: "shopify::admin::add_product_tags",
      config: {
        product_id:
          '{"value":"{{ lineItemsForeachitem.product.id }}","default_value":""}',
        tags: '["ordered"]',
      },
    },
    {
      id: 4,
      task: "shopify::flow::log_output",
      config: { output: "done {{ order.name }}" },
    },
  ],
  [
    [1, "output", 2],
    [2, "loop_body", 3],
    [2, "after", 4],
  ],
);

describe("executor", () => {
  it("runs loop_body once per item, in order, and after once", () => {
    const items = [1, 2, 3].map((n) => ({
      product: { id: `gid://shopify/Product/${n}` },
    }));
    const r = simulate(
      loopFlow,
      { payload: order({ lineItems: items }) },
      { catalog },
    );
    expect(actions(r.trace).map((a) => a.arguments)).toEqual([
      { product_id: "gid://shopify/Product/1", tags: ["ordered"] },
      { product_id: "gid://shopify/Product/2", tags: ["ordered"] },
      { product_id: "gid://shopify/Product/3", tags: ["ordered"] },
      { output: "done #1001" },
    ]);
    expect(r.trace.filter((e) => e.kind === "iteration")).toHaveLength(3);
    expect(r.trace[0]).toMatchObject({
      kind: "loop",
      items: 3,
      truncated: false,
    });
  });

  it("stops a ForEach at 100 items and records the truncation", () => {
    const items = Array.from({ length: 130 }, (_, n) => ({
      product: { id: `p${n}` },
    }));
    const r = simulate(
      loopFlow,
      { payload: order({ lineItems: items }) },
      { catalog },
    );
    expect(actions(r.trace)).toHaveLength(FOREACH_LIMIT + 1);
    expect(r.trace[0]).toMatchObject({
      kind: "loop",
      items: 130,
      truncated: true,
    });
    expect(r.diagnostics.map((d) => d.code)).toContain(
      sdkCodes.simForeachTruncated,
    );
  });

  it("keeps the item variable inside loop_body only", () => {
    const wf = flow(
      "shopify::admin::order_created",
      [
        {
          id: 2,
          task: "shopify::flow::foreach",
          config: { listpath: "order.lineItems" },
        },
        {
          id: 3,
          task: "shopify::flow::log_output",
          config: { output: "{{ lineItemsForeachitem.sku }}" },
        },
      ],
      [
        [1, "output", 2],
        [2, "after", 3],
      ],
    );
    const r = simulate(
      wf,
      { payload: order({ lineItems: [{ sku: "A" }] }) },
      { catalog },
    );
    expect(actions(r.trace)).toHaveLength(0);
    expect(r.trace.at(-1)).toMatchObject({
      kind: "failure",
      code: sdkCodes.simUnboundVariable,
    });
  });

  it("records waits without sleeping and drops Get data results after them", () => {
    const wf = flow(
      "shopify::flow::scheduled_time",
      [
        {
          id: 2,
          task: "shopify::flow::fetch::orders",
          config: { query: "status:open" },
        },
        {
          id: 3,
          task: "shopify::flow::count",
          config: { listpath: "getOrderData" },
        },
        { id: 4, task: "shopify::flow::wait", config: { duration: "P1D" } },
        {
          id: 5,
          task: "shopify::flow::log_output",
          config: { output: "{{ count }}" },
        },
      ],
      [
        [1, "output", 2],
        [2, "output", 3],
        [3, "output", 4],
        [4, "output", 5],
      ],
    );
    const started = Date.now();
    const r = simulate(
      wf,
      { payload: { scheduledAt: "2025-01-01T00:00:00Z", shop: {} } },
      { catalog },
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r.trace.map((e) => e.kind)).toEqual([
      "action",
      "action",
      "wait",
      "failure",
    ]);
    expect(r.trace[2]).toMatchObject({ arguments: { duration: "P1D" } });
    expect(r.trace[3]).toMatchObject({ code: sdkCodes.simExpiredAfterWait });
  });

  it("binds outputs: Count and Sum are computed, Get data comes from stubs or the event", () => {
    const wf = flow(
      "shopify::flow::scheduled_time",
      [
        {
          id: 2,
          task: "shopify::flow::fetch::orders",
          config: {
            query:
              'created_at:>\'{{ scheduledAt | date_minus: "7 days" | date: "%Y-%m-%d" }}\'',
          },
        },
        {
          id: 3,
          task: "shopify::flow::count",
          config: { listpath: "getOrderData" },
        },
        {
          id: 4,
          task: "shopify::flow::sum",
          config: { listpath: "getOrderData.totalPriceSet.shopMoney.amount" },
        },
        {
          id: 5,
          task: "shopify::flow::log_output",
          config: {
            output:
              "{{ count }} orders, {{ sum }} total, first {{ getOrderData.name | first }}",
          },
        },
      ],
      [
        [1, "output", 2],
        [2, "output", 3],
        [3, "output", 4],
        [4, "output", 5],
      ],
    );
    const money = (amount: string) => ({ shopMoney: { amount } });
    const stubs = {
      getOrderData: [
        { name: "#1", totalPriceSet: money("10.50") },
        { name: "#2", totalPriceSet: money("4.25") },
      ],
    };
    const payload = { scheduledAt: "2025-03-10T08:00:00Z", shop: {} };
    const r = simulate(wf, { payload, stubs }, { catalog });
    expect(actions(r.trace)[0]?.arguments).toEqual({
      query: "created_at:>'2025-03-03'",
    });
    expect(actions(r.trace)[3]?.arguments).toEqual({
      output: "2 orders, 14.75 total, first #1",
    });
    // Without stubs the data is generated, deterministically from the event and the query.
    const a = simulate(wf, { payload }, { catalog });
    const b = simulate(wf, { payload }, { catalog });
    expect(a).toEqual(b);
    const other = simulate(
      wf,
      { payload: { ...payload, scheduledAt: "2025-04-10T08:00:00Z" } },
      { catalog },
    );
    expect(observable(other.trace)).not.toEqual(observable(a.trace));
  });

  it("orders parallel branches by what they do, not by link order or ids", () => {
    const steps = [tagStep(2, "b"), tagStep(3, "a"), tagStep(4, "c")];
    const one = flow("shopify::admin::order_created", steps, [
      [1, "output", 2],
      [1, "output", 3],
      [1, "output", 4],
    ]);
    const two = flow("shopify::admin::order_created", steps, [
      [1, "output", 4],
      [1, "output", 2],
      [1, "output", 3],
    ]);
    const run = (wf: typeof one) =>
      observable(simulate(wf, { payload: order() }, { catalog }).trace);
    expect(run(one)).toEqual(run(two));
    expect(
      run(one).map((e) => e.kind === "action" && e.arguments["tags"]),
    ).toEqual([["a"], ["b"], ["c"]]);
  });

  it("decodes config: wrappers resolve either way, tags are lists, api_call blobs are rendered JSON", () => {
    const wf = flow(
      "shopify::admin::order_created",
      [
        {
          id: 2,
          task: "shopify::admin::add_order_tags",
          config: {
            order_id: '{"value":"","default_value":"order.id"}',
            tags: '["x-{{ order.name }}"]',
          },
        },
        {
          id: 3,
          task: "shopify::admin::admin_api_operation",
          config: {
            api_call: JSON.stringify({
              name: "tagsAdd",
              blob: JSON.stringify({
                id: "{{ order.id }}",
                tags: ['{{ order.name | remove: "#" }}'],
              }),
            }),
          },
        },
      ],
      [
        [1, "output", 2],
        [2, "output", 3],
      ],
    );
    const r = simulate(wf, { payload: order() }, { catalog });
    expect(actions(r.trace).map((a) => a.arguments)).toEqual([
      { order_id: "gid://shopify/Order/1", tags: ["x-#1001"] },
      {
        api_call: {
          name: "tagsAdd",
          blob: { id: "gid://shopify/Order/1", tags: ["1001"] },
        },
      },
    ]);
  });

  it("never throws and is deterministic on arbitrary payloads and stubs", () => {
    const sim = createSimulator(loopFlow, { catalog });
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (payload, stubs) => {
        const event = {
          payload: { order: payload, shop: stubs } as SimRecord,
          stubs: { x: stubs } as SimRecord,
        };
        const a = sim(event);
        expect(sim(event)).toEqual(a);
      }),
      { numRuns: Math.min(runs, 300) },
    );
  });

  it("reports graph problems instead of running", () => {
    const wf = flow(
      "shopify::admin::order_created",
      [tagStep(2, "a")],
      [[1, "output", 2]],
    );
    const broken = {
      ...wf,
      links: [...wf.links, { ...wf.links[0]!, from: "n:2", to: "n:2" }],
    };
    const r = simulate(broken, { payload: order() }, { catalog });
    expect(r.trace).toEqual([]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });
});
