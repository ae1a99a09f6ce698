import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseConditionDsl } from "@flowpy/transpiler";
import { describe, expect, it } from "vitest";
import {
  createTrajectoryEnvironment,
  searchTokens,
  workflowFacts,
} from "../../src/index.js";
import { describeCondition } from "../../src/trajectory/describe-condition.js";
import { liquidReads } from "../../src/trajectory/liquid-paths.js";
import { corpusRoot } from "./corpus-workflows.js";

const env = await createTrajectoryEnvironment();

describe("workflow facts", () => {
  it("resolves loop items and quantifier items to the environment paths search shows", () => {
    const dir = join(corpusRoot, "foreach");
    const text = readFileSync(
      join(dir, "bulk-buy-product-tags/workflow.flow"),
      "utf8",
    );
    const indexes = env.indexes;
    if (indexes === undefined)
      throw new Error("default environment has indexes");
    const facts = workflowFacts(text, env.catalog, indexes.paths);
    if (!facts.ok) throw new Error(facts.diagnostics[0]?.message);
    // Each environment path once, under the spelling it was first read with.
    expect(
      facts.value.paths.map((p) => [p.written, p.path, p.category]),
    ).toEqual([
      ["order.lineItems", "order.lineItems", "LIST"],
      ["lineItems_item.quantity", "order.lineItems.quantity", "SCALAR_IN_LIST"],
      [
        "lineItemsForeachitem.product.id",
        "order.lineItems.product.id",
        "SCALAR_IN_LIST",
      ],
      ["order.id", "order.id", "SCALAR"],
    ]);
    expect(facts.value.tasks.map((t) => t.task_type)).toEqual([
      "TRIGGER",
      "CONDITION",
      "FOREACH",
      "ACTION",
      "ACTION",
    ]);
    // Reading order follows the program: loop body before what comes after the loop.
    expect(facts.value.steps.map((s) => s.via)).toEqual([
      "output",
      "output",
      "true",
      "loop_body",
      "true",
      "after",
    ]);
  });

  it("reports a workflow that does not load as a diagnostic", () => {
    const indexes = env.indexes;
    if (indexes === undefined)
      throw new Error("default environment has indexes");
    const r = workflowFacts("{", env.catalog, indexes.paths);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]?.code).toBe("trajectory-workflow-invalid");
  });
});

describe("liquid reads", () => {
  it("finds output paths, filter arguments, tag conditions and loop bindings, not locals or keywords", () => {
    const r = liquidReads(
      "{{ order.name | append: customer.email }} {% if order.tags contains 'vip' and shop.name %}x{% endif %}" +
        "{% for li in order.lineItems %}{{ li.title | default: 'n/a' }}{% endfor %}{% assign total = order.totalWeight %}{{ total }}",
    );
    expect(r.paths).toEqual([
      "order.name",
      "customer.email",
      "order.tags",
      "shop.name",
      "order.lineItems",
      "li.title",
      "order.totalWeight",
    ]);
    expect(r.bindings.get("li")).toBe("order.lineItems");
    expect(r.locals.has("total")).toBe(true);
  });
});

describe("condition wording", () => {
  const words = (dsl: string): string => {
    const c = parseConditionDsl(dsl);
    if (!c.ok) throw new Error(c.diagnostics[0]?.message);
    return describeCondition(c.value);
  };

  it("reads comparisons, list membership and quantifiers in plain words", () => {
    expect(words("(order.totalPriceSet.shopMoney.amount >= 100)")).toBe(
      "order total price set shop money amount is at least 100",
    );
    expect(words("(order.tags any? |tags_item| (tags_item == 'vip'))")).toBe(
      'order tags include "vip"',
    );
    expect(
      words(
        "(order.lineItems any? |lineItems_item| (lineItems_item.quantity > 5))",
      ),
    ).toBe("order line items contain an item whose quantity is greater than 5");
    expect(
      words("((order.email empty_or_nil?) || (order.note include? 'x'))"),
    ).toBe('order email is empty or order note contains "x"');
  });
});

describe("search tokens", () => {
  it("splits camelCase, folds case and accents, drops stop words and stems plurals", () => {
    expect(searchTokens("Add tags to the lineItems of Orders (Café)")).toEqual([
      "add",
      "tag",
      "line",
      "item",
      "order",
      "cafe",
    ]);
    expect(searchTokens("countryCodeV2 HTTPRequest")).toEqual([
      "country",
      "code",
      "v2",
      "http",
      "request",
    ]);
  });
});
