import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bundledCatalog } from "@flowpy/transpiler";
import {
  simulate,
  sdkCodes,
  type SimRecord,
  type SimulationResult,
} from "../../src/index.js";
import { flow } from "./support/build.js";

const catalog = bundledCatalog();
const NOW = "2025-03-10T08:30:00Z";

const payload: SimRecord = {
  order: {
    id: "gid://shopify/Order/42",
    name: "#1042",
    email: "Ann@Example.com",
    note: null,
    tags: ["vip", "gift"],
    createdAt: "2025-02-01T10:00:00Z",
    totalPriceSet: { shopMoney: { amount: "1234.5", currencyCode: "EUR" } },
    lineItems: [
      {
        sku: "A-1",
        vendor: "Acme",
        quantity: 2,
        product: { id: "p1", tags: ["x"] },
      },
      {
        sku: "B-2",
        vendor: "Acme",
        quantity: 1,
        product: { id: "p2", tags: ["y", "z"] },
      },
    ],
    customer: null,
  },
  shop: { name: "Demo", currencyCode: "EUR" },
};

function render(template: string): SimulationResult {
  const wf = flow(
    "shopify::admin::order_created",
    [
      {
        id: 2,
        task: "shopify::flow::log_output",
        config: { output: template },
      },
    ],
    [[1, "output", 2]],
  );
  return simulate(wf, { payload }, { catalog, now: NOW });
}

function text(template: string): unknown {
  const entry = render(template).trace[0];
  return entry?.kind === "action" ? entry.arguments["output"] : entry;
}

function failureCode(template: string): string | undefined {
  const entry = render(template).trace[0];
  return entry?.kind === "failure" ? entry.code : undefined;
}

describe("Flow's Liquid (SPEC §e): allowed constructs render", () => {
  it.each([
    [
      "{{ order.name }} for {{ order.email | downcase }}",
      "#1042 for ann@example.com",
    ],
    ["{{ order.customer.email }}|{{ order.note | default: 'none' }}", "|none"],
    [
      "{% if order.tags contains 'vip' %}VIP{% elsif order.name %}N{% else %}-{% endif %}",
      "VIP",
    ],
    ["{% unless order.note %}no note{% endunless %}", "no note"],
    [
      "{% case order.name %}{% when '#1042' %}hit{% else %}miss{% endcase %}",
      "hit",
    ],
    [
      "{% for li in order.lineItems %}{{ li.sku }}x{{ li.quantity }}{% unless forloop.last %},{% endunless %}{% endfor %}",
      "A-1x2,B-2x1",
    ],
    [
      "{% assign n = order.lineItems.id | size %}{{ order.lineItems.sku | size }} {{ order.lineItems.product.tags | join: '/' }}",
      "2 x/y/z",
    ],
    [
      "{% assign vendors = order.lineItems | map: 'vendor' | uniq %}{{ vendors | join: ', ' }}",
      "Acme",
    ],
    [
      "{% capture c %}{{ order.name | remove: '#' }}{% endcapture %}{{ c | plus: 1 }}",
      "1043",
    ],
    ["{{ order.tags | first }}-{{ order.tags | last | upcase }}", "vip-GIFT"],
    [
      "{{ order.totalPriceSet.shopMoney.amount | money }} / {{ order.totalPriceSet.shopMoney.amount | money_with_currency }}",
      "1234.50 / 1234.50 EUR",
    ],
    ["{{ order.id | split: '/' | last }}", "42"],
    ["{% comment %}{{ order.lineItems }} | json{% endcomment %}ok", "ok"],
    ["{{ 'Summer Sale!' | handleize }}", "summer-sale"],
  ])("%s", (template, expected) => {
    expect(text(template)).toBe(expected);
  });

  it("uses the fixed clock for now, date_minus and date_plus", () => {
    expect(text('{{ "now" | date: "%Y-%m-%d %H:%M" }}')).toBe(
      "2025-03-10 08:30",
    );
    expect(text('{{ "now" | date_minus: "7 days" | date: "%Y-%m-%d" }}')).toBe(
      "2025-03-03",
    );
    expect(
      text('{{ order.createdAt | date_plus: "1 month" | date: "%Y-%m-%d" }}'),
    ).toBe("2025-03-01");
    expect(text('{{ "now" | date_plus: "2 weeks" }}')).toBe(
      "2025-03-24T08:30:00.000Z",
    );
    expect(text('{{ "now" | date_minus: "1 year" | date: "%Y" }}')).toBe(
      "2024",
    );
  });

  it("computes the hash filters", () => {
    const hex = (a: string, s: string) => createHash(a).update(s).digest("hex");
    expect(text("{{ order.name | md5 }}")).toBe(hex("md5", "#1042"));
    expect(text("{{ order.name | sha1 }}")).toBe(hex("sha1", "#1042"));
    expect(text("{{ order.name | sha256 }}")).toBe(hex("sha256", "#1042"));
    expect(text("{{ order.name | hmac_sha1: 'k' }}")).toBe(
      createHmac("sha1", "k").update("#1042").digest("hex"),
    );
    expect(text("{{ order.name | hmac_sha256: 'k' }}")).toBe(
      createHmac("sha256", "k").update("#1042").digest("hex"),
    );
  });

  it("renders the same text on every run", () => {
    const t = '{{ "now" | date: "%c" }} {{ order.lineItems.sku | join }}';
    expect(text(t)).toBe(text(t));
  });
});

describe("Flow's Liquid (SPEC §e): forbidden constructs are diagnostics, not output", () => {
  it.each([
    ["{{ order.lineItems }}", sdkCodes.simLiquidPrintsObject],
    ["{{ order.totalPriceSet }}", sdkCodes.simLiquidPrintsObject],
    ["{{ order | json }}", sdkCodes.simLiquidForbiddenFilter],
    ["{{ order.tags | jsonify }}", sdkCodes.simLiquidForbiddenFilter],
    ["{{ order.lineItems | size }}", sdkCodes.simLiquidSizeOfObjects],
    ["{{ order.lineItems.size }}", sdkCodes.simLiquidForbiddenAccessor],
    ["{{ order.tags.first }}", sdkCodes.simLiquidForbiddenAccessor],
    ["{{ order.lineItems.last.sku }}", sdkCodes.simLiquidForbiddenAccessor],
    ["{{ order.tags[0] }}", sdkCodes.simLiquidForbiddenAccessor],
    [
      "{% if order.tags | size > 0 %}x{% endif %}",
      sdkCodes.simLiquidFilterInCondition,
    ],
    ["{{ order.lineItems.edges | map: 'node' }}", sdkCodes.simLiquidConnection],
    [
      "{% for e in order.lineItems.edges %}{{ e.node.sku }}{% endfor %}",
      sdkCodes.simLiquidConnection,
    ],
    ["{% include 'snippet' %}", sdkCodes.simLiquidForbiddenTag],
    ["{% render 'snippet' %}", sdkCodes.simLiquidForbiddenTag],
    [
      "{% tablerow li in order.lineItems %}{{ li.sku }}{% endtablerow %}",
      sdkCodes.simLiquidForbiddenTag,
    ],
    ["{{ order.name | inspect }}", sdkCodes.simLiquidForbiddenFilter],
    [
      "{{ order.name | where_exp: 'x', 'x' }}",
      sdkCodes.simLiquidForbiddenFilter,
    ],
    ["{{ order.name | blake3 }}", sdkCodes.simLiquidUnsupportedFilter],
    ["{{ order.name ", sdkCodes.simLiquidSyntax],
    ["{% if order.name %}open", sdkCodes.simLiquidSyntax],
    ["{{ customer.email }}", sdkCodes.simUnboundVariable],
    ["{{ order.created_at | date: '%Y' }}", sdkCodes.simLiquidUnknownField],
    [
      "{% for li in order.lineItems %}{{ li.sku }}{% endfor %}{{ order.shipping_address.city }}",
      sdkCodes.simLiquidUnknownField,
    ],
    ['{{ "now" | date_minus: "3 fortnights" }}', sdkCodes.simLiquidRender],
  ])("%s", (template, code) => {
    expect(failureCode(template)).toBe(code);
    const r = render(template);
    expect(r.trace.some((e) => e.kind === "action")).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toContain(code);
  });
});
