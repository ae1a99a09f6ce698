import { bundledCatalog } from "@flowpy/transpiler";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createRedactor,
  redactionKinds,
  type RedactionKind,
} from "../../src/index.js";
import { runs } from "./checks.js";
import { filler, secrets } from "./secret-arbitraries.js";

const redactor = createRedactor({ salt: "property-salt" });

function total(counts: Readonly<Record<RedactionKind, number>>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

describe("text(): generated secrets of each kind in random text", () => {
  for (const [kind, arbitrary] of Object.entries(secrets)) {
    it(`${kind}: found once, replaced, and nothing else changes`, () => {
      fc.assert(
        fc.property(
          filler,
          arbitrary,
          filler,
          (before, { text, secret }, after) => {
            // A comma after the secret: "+1 415 555 0132 100" is ambiguous even to a reader.
            const input = `${before} ${text}, ${after}`;
            const out = redactor.text(input);
            expect(out.text).not.toContain(secret);
            expect(out.counts[kind as RedactionKind]).toBe(1);
            expect(total(out.counts)).toBe(1);
            expect(out.text.startsWith(`${before} `)).toBe(true);
            expect(out.text.endsWith(`, ${after}`)).toBe(true);
            expect(redactor.text(input)).toEqual(out);
          },
        ),
        { numRuns: runs },
      );
    });
  }

  it("the same secret gets the same placeholder in any text; different secrets differ", () => {
    fc.assert(
      fc.property(secrets.email, secrets.email, filler, (a, b, around) => {
        const one = redactor.text(`${around} ${a.text}`).text.split(" ").at(-1);
        const two = redactor.text(`${a.text} ${around}`).text.split(" ")[0];
        expect(one).toBe(two);
        const other = redactor.text(b.text).text;
        if (a.secret.toLowerCase() !== b.secret.toLowerCase())
          expect(other).not.toBe(one);
      }),
      { numRuns: runs },
    );
  });

  it("never throws and never hangs on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        const out = redactor.text(text);
        expect(Object.keys(out.counts)).toEqual([...redactionKinds]);
      }),
      { numRuns: runs },
    );
    for (const hostile of [
      "a".repeat(200_000),
      "a@".repeat(50_000),
      "+1 2".repeat(40_000),
      "{{".repeat(50_000),
      "Hi ".repeat(50_000) + "Jane",
      `https://${"a.".repeat(40_000)}com`,
      "1.".repeat(60_000),
    ]) {
      const started = performance.now();
      redactor.text(hostile);
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});

describe("text(): what is not data is left alone", () => {
  it("Liquid variables, filters and tags", () => {
    const liquid = [
      "{{ order.customer.email }}",
      "{{ customer.firstName }} {{ customer.lastName }}",
      "Hi {{ customer.firstName }},",
      "{% if order.customer.phone %}{{ order.customer.phone }}{% endif %}",
      "{{ order.id | split: '/' | last }}",
      '{{ "now" | date_minus: "7 days" | date: "%Y-%m-%d" }}',
      "{% for li in order.lineItems %}{{ li.sku }}{% endfor %}",
      "https://{{ shop.myshopifyDomain }}/admin/orders/{{ order.id | split: '/' | last }}",
      "{{ shop.email }}",
    ];
    for (const text of liquid) {
      const out = redactor.text(text);
      expect(out.text).toBe(text);
      expect(total(out.counts)).toBe(0);
    }
  });

  it("task ids and every catalog label and description", () => {
    const catalog = bundledCatalog();
    for (const task of catalog.data.tasks) {
      for (const text of [task.id, task.label, task.description]) {
        const out = redactor.text(text);
        expect(out.text, text).toBe(text);
      }
    }
  });

  it("ordinary words and numbers: thresholds, quantities, prices, dates, versions, ids", () => {
    const ordinary = [
      "Tag orders over 1000 with quantity 25, threshold 99.99",
      "on 2024-05-01 at 10:30, 2024.05.01, 05/01/2024",
      "order #1001, SKU ABC-123-XYZ, 12-34-56, version 1.2.3 and 0.1",
      "step 018f2f6c-d5e9-74bb-9c5d-0242ac120002 ULID 01KM2QPS5X7Y8Z9A0B1C2D3E4F",
      "shopify::admin::order_created, shopify::flow::condition",
      "Hi team, Hello there! Dear customer, Thanks!\nBest regards,\nThe Support Team",
      "https://hooks.slack.com/services/T000/B000/PLACEHOLDER",
      "https://api.example.com/v1/orders?limit=50&page=2",
      "ops@example.com, localhost 127.0.0.1, docs 192.0.2.10",
      "Bearer {{ shop.metafields.api.token }}",
      "count 12345678, total 1234567.89, weight 0.25",
      "const password = input.shop.password; const token = input.order.id;",
    ];
    for (const text of ordinary) {
      const out = redactor.text(text);
      expect(out.text).toBe(text);
      expect(total(out.counts)).toBe(0);
    }
  });

  it("random ordinary text is never changed", () => {
    fc.assert(
      fc.property(filler, (text) => {
        expect(redactor.text(text).text).toBe(text);
      }),
      { numRuns: runs },
    );
  });
});
