import { describe, expect, it } from "vitest";
import { bundledCatalog } from "@flowpy/transpiler";
import {
  createSimulator,
  sdkCodes,
  type SimRecord,
  type SimulationResult,
} from "../../src/index.js";
import { conditionFlow } from "./support/build.js";

const catalog = bundledCatalog();

function decide(condition: string, order: SimRecord): SimulationResult {
  return createSimulator(conditionFlow(condition), { catalog })({
    payload: { order: { id: "gid://shopify/Order/1", ...order }, shop: {} },
  });
}

function port(condition: string, order: SimRecord): string | undefined {
  const branch = decide(condition, order).trace.find(
    (e) => e.kind === "branch",
  );
  return branch?.kind === "branch" ? branch.port : undefined;
}

describe("condition semantics (SPEC §b.1)", () => {
  it("compares strings case-insensitively", () => {
    expect(
      port("(order.email == 'A@Example.org')", { email: "a@example.ORG" }),
    ).toBe("true");
    expect(
      port("(order.email end_with? '@EXAMPLE.org')", {
        email: "x@example.org",
      }),
    ).toBe("true");
    expect(
      port("(order.note include? 'GIFT')", { note: "a gift for you" }),
    ).toBe("true");
    expect(port("(order.note start_with? 'b')", { note: "a gift" })).toBe(
      "false",
    );
  });

  it("compares money and decimals as numbers, whatever their JSON type", () => {
    const c = "(order.totalPriceSet.shopMoney.amount > 100)";
    const at = (amount: string | number) =>
      port(c, { totalPriceSet: { shopMoney: { amount } } });
    expect(at("100.01")).toBe("true");
    expect(at("100.00")).toBe("false");
    expect(at("99.5")).toBe("false");
    expect(at(1000)).toBe("true");
    expect(port("(order.totalWeight == 10)", { totalWeight: "10.0" })).toBe(
      "true",
    );
  });

  it("compares dates as instants", () => {
    const c = "(order.createdAt >= '2025-06-05T04:00:00.000Z')";
    expect(port(c, { createdAt: "2025-06-05T04:00:00Z" })).toBe("true");
    expect(port(c, { createdAt: "2025-06-05T03:59:59Z" })).toBe("false");
    expect(port(c, { createdAt: "2025-06-05T06:00:00+02:00" })).toBe("true");
    expect(
      port("(order.createdAt < order.processedAt)", {
        createdAt: "2025-01-02T00:00:00Z",
        processedAt: "2025-01-10",
      }),
    ).toBe("true");
  });

  it("treats in? as membership in one comma-separated literal, numbers too", () => {
    const c = "(order.displayFinancialStatus in? 'PAID, partially_paid')";
    expect(port(c, { displayFinancialStatus: "PARTIALLY_PAID" })).toBe("true");
    expect(port(c, { displayFinancialStatus: "PENDING" })).toBe("false");
    expect(
      port("(order.currentSubtotalLineItemsQuantity in? '1,2,3')", {
        currentSubtotalLineItemsQuantity: 2,
      }),
    ).toBe("true");
    expect(
      port("(order.currentSubtotalLineItemsQuantity not_in? '1,2,3')", {
        currentSubtotalLineItemsQuantity: 4,
      }),
    ).toBe("true");
  });

  it("handles null: == only matches null, orderings are false, negations are true", () => {
    expect(port("(order.email == 'x')", { email: null })).toBe("false");
    expect(port("(order.email != 'x')", { email: null })).toBe("true");
    expect(port("(order.totalWeight > 1)", { totalWeight: null })).toBe(
      "false",
    );
    expect(port("(order.totalWeight <= 1)", { totalWeight: null })).toBe(
      "false",
    );
    expect(port("(order.note not_include? 'skip')", { note: null })).toBe(
      "true",
    );
    // A missing field is null too.
    expect(port("(order.poNumber nil?)", {})).toBe("true");
  });

  it("distinguishes nil from empty", () => {
    expect(port("(order.note nil?)", { note: "" })).toBe("false");
    expect(port("(order.note empty_or_nil?)", { note: "" })).toBe("true");
    expect(port("(order.note empty_or_nil?)", { note: null })).toBe("true");
    expect(port("(order.note not_empty_and_not_nil?)", { note: " " })).toBe(
      "true",
    );
    expect(
      port("(order.cancelledAt not_nil?)", {
        cancelledAt: "2025-01-01T00:00:00Z",
      }),
    ).toBe("true");
  });

  it("quantifies over lists: any, all (vacuously true when empty), none", () => {
    const tags = (t: string[]) => ({ tags: t });
    const any = "(order.tags any? |tags_item| (tags_item == 'vip'))";
    const all = "(order.tags all? |tags_item| (tags_item == 'vip'))";
    const none = "(order.tags none? |tags_item| (tags_item == 'vip'))";
    expect([
      port(any, tags(["a", "VIP"])),
      port(any, tags(["a"])),
      port(any, tags([])),
    ]).toEqual(["true", "false", "false"]);
    expect([
      port(all, tags(["vip", "VIP"])),
      port(all, tags(["vip", "a"])),
      port(all, tags([])),
    ]).toEqual(["true", "false", "true"]);
    expect([
      port(none, tags(["a"])),
      port(none, tags(["a", "vip"])),
      port(none, tags([])),
    ]).toEqual(["true", "false", "true"]);
    expect(port(any, { tags: null })).toBe("false");
  });

  it("quantifies over nested lists and paths that cross lists", () => {
    const c =
      "(order.lineItems any? |li| ((li.sku start_with? 'GIFT-') && (li.product.tags any? |t| (t == 'fragile'))))";
    const item = (sku: string, tags: string[]) => ({ sku, product: { tags } });
    expect(
      port(c, {
        lineItems: [item("x", ["fragile"]), item("GIFT-1", ["FRAGILE"])],
      }),
    ).toBe("true");
    expect(
      port(c, { lineItems: [item("GIFT-1", []), item("x", ["fragile"])] }),
    ).toBe("false");
    const flat = "(order.lineItems.product.tags any? |t| (t == 'fragile'))";
    expect(
      port(flat, { lineItems: [item("a", ["x"]), item("b", ["fragile"])] }),
    ).toBe("true");
  });

  it("evaluates mixed logic at different levels", () => {
    const c =
      "((order.test == true) || ((order.email end_with? '.org') && (order.note nil?)))";
    expect(port(c, { test: "TRUE", email: "a@b.com" })).toBe("true");
    expect(port(c, { test: false, email: "a@b.org", note: null })).toBe("true");
    expect(port(c, { test: false, email: "a@b.org", note: "n" })).toBe("false");
  });

  it("reports a list compared directly and takes the false branch", () => {
    const r = decide("(order.tags == 'vip')", { tags: ["vip"] });
    expect(r.trace.find((e) => e.kind === "branch")).toMatchObject({
      port: "false",
    });
    expect(r.diagnostics.map((d) => d.code)).toContain(
      sdkCodes.simListCompared,
    );
  });

  it("fails the path, not the run, on a variable that is not in scope", () => {
    const r = decide("(customer.email == 'x')", {});
    expect(r.trace).toHaveLength(1);
    expect(r.trace[0]).toMatchObject({
      kind: "failure",
      code: sdkCodes.simUnboundVariable,
    });
  });

  it("explains each decision", () => {
    const r = decide("(order.email == 'a@b.c')", { email: "A@B.C" });
    const branch = r.trace.find((e) => e.kind === "branch");
    expect(branch?.kind === "branch" && branch.reason).toContain(
      "order.email == 'a@b.c'",
    );
  });
});
