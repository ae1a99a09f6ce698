import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseOutput,
  parseTest,
  scanLiquid,
} from "../../src/dialects/flow/validate/liquid.js";
import { readOutputSchema } from "../../src/dialects/flow/validate/run-code-schema.js";
import {
  closestNames,
  editDistance,
  snakeToCamel,
} from "../../src/dialects/flow/validate/suggest.js";
import { runs } from "../laws.js";

describe("suggestions", () => {
  it("prefer the camelCase spelling of a snake_case name, then few edits", () => {
    expect(
      closestNames("created_at", ["createdAt", "updatedAt", "cancelledAt"]),
    ).toEqual(["createdAt"]);
    expect(closestNames("totl", ["total", "note", "totalPrice"])).toEqual([
      "total",
      "totalPrice",
    ]);
    // Two edits away with another first letter is no typo; abbreviations come last, shortest first.
    expect(closestNames("totl", ["note", "totalWeight", "totalPrice"])).toEqual(
      ["totalPrice", "totalWeight"],
    );
    expect(closestNames("ordr", ["order", "border"])).toEqual(["order"]);
    expect(closestNames("EMAIL", ["email", "phone"])).toEqual(["email"]);
    expect(closestNames("zzzzzz", ["email", "phone"])).toEqual([]);
    expect(snakeToCamel("total_price_set")).toBe("totalPriceSet");
    expect(snakeToCamel("_private")).toBe("_private");
  });

  it("edit distance is a bounded metric (transpositions count once)", () => {
    expect(editDistance("ab", "ba", 5)).toBe(1);
    expect(editDistance("kitten", "sitting", 5)).toBe(3);
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        (a, b) => {
          const d = editDistance(a, b, 30);
          expect(d).toBe(editDistance(b, a, 30));
          expect(d === 0).toBe(a === b);
          expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
          expect(editDistance(a, b, 1)).toBe(Math.min(d, 2));
        },
      ),
      { numRuns: runs },
    );
  });
});

describe("Liquid reader", () => {
  it("finds outputs and tags, skipping comments and raw blocks", () => {
    const scan = scanLiquid(
      "a {{ x.y | upcase }} {% comment %}{{ no }}{% endcomment %}{%- if z -%}b{% endif %}",
    );
    expect(scan.unclosed).toBeUndefined();
    expect(
      scan.nodes.map((n) =>
        n.kind === "output" ? `out:${n.markup}` : `tag:${n.name}:${n.markup}`,
      ),
    ).toEqual(["out:x.y | upcase", "tag:if:z", "tag:endif:"]);
    expect(scanLiquid("x {{ y").unclosed).toEqual({ start: 2, open: "{{" });
    // Opened again before its close: Liquid would read both as one broken tag.
    expect(scanLiquid("{% if a == 1 {{ b }} {% endif %}").unclosed).toEqual({
      start: 0,
      open: "{%",
    });
  });

  it("balances block tags with their end tags", () => {
    const unbalanced = (text: string) => scanLiquid(text).unbalanced;
    expect(
      unbalanced(
        "{% for x in l %}{% if x %}{% unless y %}{% endunless %}{% endif %}{% endfor %}{% capture c %}{% endcapture %}",
      ),
    ).toBeUndefined();
    expect(unbalanced("a {% if x %}b")).toEqual({
      kind: "open",
      name: "if",
      start: 2,
      end: 12,
      partner: "endif",
    });
    expect(unbalanced("{% for x in l %}{% endfor %}{% endfor %}")).toEqual({
      kind: "stray",
      name: "endfor",
      start: 28,
      end: 40,
      partner: "for",
    });
    // Crossed blocks: the innermost open one is reported.
    expect(unbalanced("{% for x in l %}{% if x %}{% endfor %}")).toMatchObject({
      kind: "open",
      name: "if",
    });
    // Tags inside a comment do not count; else/elsif/when are no blocks of their own.
    expect(
      unbalanced(
        "{% comment %}{% if %}{% endcomment %}{% case x %}{% when 1 %}{% else %}{% endcase %}",
      ),
    ).toBeUndefined();
  });

  it("reads values, indexes and filters with their arguments", () => {
    const e = parseOutput('order.tags[0] | join: ", " | date: format: "%Y"');
    expect(e?.value).toEqual({
      kind: "path",
      segments: ["order", "tags", "[0]"],
      text: "order.tags[0]",
    });
    expect(e?.filters.map((f) => [f.name, f.stringArgs])).toEqual([
      ["join", [", "]],
      ["date", ["%Y"]],
    ]);
    expect(parseOutput("'text'")?.value).toEqual({ kind: "literal" });
    expect(parseOutput("a b")).toBeUndefined();
    const test = parseTest("x.size > 0 and y contains 'a' or z | size");
    expect(test?.hasFilter).toBe(true);
    expect(
      test?.operands.map((o) => (o.kind === "path" ? o.text : o.kind)),
    ).toEqual(["x.size", "literal", "y", "literal", "z"]);
  });

  it(`never throws on any text (${runs} runs)`, () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const scan = scanLiquid(text);
        for (const n of scan.nodes) {
          parseOutput(n.markup);
          parseTest(n.markup);
        }
      }),
      { numRuns: runs },
    );
  });
});

describe("Run code output schema", () => {
  it("reads object types with descriptions, lists, non-null marks and nested types", () => {
    const types = readOutputSchema(
      '"The output"\ntype Output {\n  "points" points: Int!\n  tags: [String!]!\n  detail: Detail\n}\n"""block\ndoc"""\ntype Detail { level(x: Int): String @deprecated }\nenum Tier { GOLD SILVER }',
      "s1:",
    );
    expect(types?.get("s1:Output")).toEqual([
      { name: "points", type: "Int", isList: false },
      { name: "tags", type: "String", isList: true },
      { name: "detail", type: "s1:Detail", isList: false },
    ]);
    expect(types?.get("s1:Detail")).toEqual([
      { name: "level", type: "String", isList: false },
    ]);
  });

  it("gives up (undefined: unchecked) on text it does not understand", () => {
    expect(readOutputSchema("type Output {", "p:")).toBeUndefined();
    expect(readOutputSchema("not sdl at all", "p:")).toBeUndefined();
    expect(readOutputSchema('"unterminated', "p:")).toBeUndefined();
  });
});
