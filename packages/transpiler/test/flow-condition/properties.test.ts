/**
 * Laws of the condition codecs over generated conditions (see `arbitraries.ts`). The run
 * count comes from FLOWPY_RUNS; fast-check prints the seed and counterexample on failure.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import {
  normalizeCondition,
  type Condition,
} from "../../src/dialects/flow/condition/condition-ast.js";
import { parseConditionDsl } from "../../src/dialects/flow/condition/parse-dsl.js";
import { printConditionDsl } from "../../src/dialects/flow/condition/print-dsl.js";
import {
  decodeConditionTree,
  encodeConditionTree,
} from "../../src/dialects/flow/condition/tree.js";
import { conditionArb, idSource, runs, uuidsInOrder } from "./arbitraries.js";

const anyCondition = conditionArb({ literalLhs: true, maxDepth: 4 });
const treeCondition = conditionArb({ literalLhs: false, maxDepth: 4 });

function print(c: Condition): string {
  const r = printConditionDsl(c);
  if (!r.ok) throw new Error(`unprintable: ${JSON.stringify(r.diagnostics)}`);
  return r.value;
}

function expectWellFormed(
  diagnostics: readonly Diagnostic[],
  code: RegExp,
): void {
  expect(diagnostics.length).toBeGreaterThan(0);
  for (const d of diagnostics) {
    expect(d.code).toMatch(code);
    expect(d.severity).toBe("error");
    expect(d.message).toMatch(/\S/);
  }
}

describe("DSL laws", () => {
  it("parse(print(c)) is the normal form of c", () => {
    fc.assert(
      fc.property(anyCondition, (c) => {
        const r = parseConditionDsl(print(c));
        expect(r.ok && r.value).toEqual(normalizeCondition(c));
      }),
      { numRuns: runs },
    );
  });

  it("printing is idempotent: print(parse(print(c))) === print(c)", () => {
    fc.assert(
      fc.property(anyCondition, (c) => {
        const text = print(c);
        const r = parseConditionDsl(text);
        expect(r.ok && print(r.value)).toBe(text);
      }),
      { numRuns: runs },
    );
  });

  const tokenSoup = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "(",
          ")",
          "((",
          "))",
          "&&",
          "||",
          "|",
          ".",
          "==",
          ">=",
          "in?",
          "nil?",
          "any?",
          "none?",
        ),
        fc.constantFrom(
          "a",
          "x_item",
          "order.tags",
          "'s'",
          "'",
          "42",
          "-1.5",
          "true",
          "{",
          "{{",
          "%",
          "\n",
          " ",
          "  ",
        ),
      ),
      { maxLength: 24 },
    )
    .map((parts) => parts.join(" "));

  it("never throws on garbage, and whatever parses reprints stably", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.string({ unit: "binary", maxLength: 20 }),
          tokenSoup,
        ),
        (text) => {
          const r = parseConditionDsl(text);
          if (!r.ok) {
            expectWellFormed(r.diagnostics, /^condition-(syntax|liquid)$/);
            for (const d of r.diagnostics) {
              expect(d.hint).toMatch(/\S/);
              expect(d.span?.start.offset).toBeLessThanOrEqual(text.length);
              expect(d.span?.end.offset).toBeLessThanOrEqual(text.length);
            }
            return;
          }
          const again = parseConditionDsl(print(r.value));
          expect(again.ok && again.value).toEqual(r.value);
        },
      ),
      { numRuns: runs },
    );
  });
});

describe("JSON tree laws", () => {
  it("decode(JSON round trip of encode(c)) is the normal form of c", () => {
    fc.assert(
      fc.property(treeCondition, (c) => {
        const tree = JSON.parse(
          JSON.stringify(
            encodeConditionTree(c, {
              typeOf: () => undefined,
              newId: idSource(),
            }),
          ),
        );
        const r = decodeConditionTree(tree);
        expect(r.ok && r.value.condition).toEqual(normalizeCondition(c));
      }),
      { numRuns: runs },
    );
  });

  it("encode(decode(tree)) reproduces the tree when ids are replayed and types agree", () => {
    fc.assert(
      fc.property(
        treeCondition,
        fc.constantFrom("ulid", "uuid"),
        (c, style) => {
          const ids = idSource();
          const newId = (): string =>
            style === "ulid" ? `01KM2QPS5X${ids()}` : `0000-${ids()}`;
          const text = JSON.stringify(
            encodeConditionTree(c, { typeOf: () => undefined, newId }),
          );
          const r = decodeConditionTree(JSON.parse(text));
          if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
          // One lhs path compared against literals of different types gets different default
          // value_types, which a single path → type map cannot restore.
          const typesPerPath = new Map<string, Set<string>>();
          const walk = (v: unknown): void => {
            if (typeof v !== "object" || v === null) return;
            const node = v as Record<string, unknown>;
            const lhs = node["lhs"] as Record<string, unknown> | undefined;
            if (
              node["operation_type"] === "Comparison" &&
              typeof lhs?.["full_environment_path"] === "string"
            ) {
              const seen =
                typesPerPath.get(lhs["full_environment_path"]) ?? new Set();
              typesPerPath.set(
                lhs["full_environment_path"],
                seen.add(String(node["value_type"])),
              );
            }
            Object.values(node).forEach(walk);
          };
          walk(JSON.parse(text));
          fc.pre([...typesPerPath.values()].every((s) => s.size === 1));
          const again = encodeConditionTree(r.value.condition, {
            typeOf: (p) => r.value.types.get(p),
            newId: idSource(uuidsInOrder(JSON.parse(text))),
          });
          expect(JSON.stringify(again)).toBe(text);
        },
      ),
      { numRuns: runs },
    );
  });

  it("never throws on arbitrary JSON or mutated trees", () => {
    const mutated = fc
      .tuple(
        treeCondition,
        fc.nat(),
        fc.constantFrom("delete", "null", "swap", "number"),
      )
      .map(([c, pick, how]) => {
        const tree = JSON.parse(
          JSON.stringify(
            encodeConditionTree(c, {
              typeOf: () => undefined,
              newId: idSource(),
            }),
          ),
        ) as unknown;
        const slots: [Record<string, unknown>, string][] = [];
        const walk = (v: unknown): void => {
          if (typeof v !== "object" || v === null) return;
          for (const [k, child] of Object.entries(v)) {
            slots.push([v as Record<string, unknown>, k]);
            walk(child);
          }
        };
        walk(tree);
        const [node, key] = slots[pick % slots.length] ?? [{}, ""];
        if (how === "delete") delete node[key];
        else if (how === "null") node[key] = null;
        else if (how === "number") node[key] = 1;
        else node[key] = tree;
        return tree;
      });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), mutated), (value) => {
        const r = decodeConditionTree(value);
        if (!r.ok) {
          expectWellFormed(r.diagnostics, /^condition-invalid-tree$/);
          for (const d of r.diagnostics)
            expect(Array.isArray(d.path)).toBe(true);
        }
      }),
      { numRuns: runs },
    );
  });
});
