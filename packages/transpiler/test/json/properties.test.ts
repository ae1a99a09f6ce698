import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inferJsonStyle } from "../../src/json/infer-style.js";
import type { JsonNode } from "../../src/json/json-node.js";
import { parseJson } from "../../src/json/parse-json.js";
import { compactStyle, printJson } from "../../src/json/print-json.js";
import { jsonToValue } from "../../src/json/to-value.js";
import type { LexTree } from "./arbitraries.js";
import {
  lexTree,
  mutation,
  renderLexTree,
  renderWithWhitespace,
  runs,
  whitespace,
} from "./arbitraries.js";

const compactLayout = { indent: null, keySeparator: ":", itemSeparator: "," };

function parsed(text: string): JsonNode {
  const result = parseJson(text);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

/** JSON.parse as the reference; `undefined` when it rejects the text. */
function reference(text: string): { readonly value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

describe("JSON layer properties", () => {
  it("printJson(parseJson(JSON.stringify(v, null, k))) with the inferred style reproduces the text", () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ stringUnit: "binary" }),
        fc.constantFrom<number | string>(0, 2, 4, "\t"),
        (v, k) => {
          const text = JSON.stringify(v, null, k);
          const node = parsed(text);
          const style = inferJsonStyle(text, node);
          expect(style && printJson(node, style)).toBe(text);
        },
      ),
      { numRuns: runs },
    );
  });

  it("jsonToValue(parseJson(t)) deep-equals JSON.parse(t)", () => {
    const texts = fc.oneof(
      fc.json({ stringUnit: "binary" }),
      lexTree.map((tree) => renderLexTree(tree, compactLayout)),
      fc
        .tuple(lexTree, fc.array(whitespace, { minLength: 1, maxLength: 8 }))
        .map(([tree, gaps]) => renderWithWhitespace(tree, gaps)),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(jsonToValue(parsed(text))).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: runs },
    );
  });

  it("keeps every lexeme whatever the whitespace: compact printing drops only whitespace", () => {
    fc.assert(
      fc.property(
        lexTree,
        fc.array(whitespace, { minLength: 1, maxLength: 8 }),
        (tree: LexTree, gaps) => {
          const text = renderWithWhitespace(tree, gaps);
          expect(printJson(parsed(text), compactStyle)).toBe(
            renderLexTree(tree, compactLayout),
          );
        },
      ),
      { numRuns: runs },
    );
  });

  it("never throws on mutated JSON, and accepts exactly what JSON.parse accepts (bar duplicate keys)", () => {
    const source = fc.oneof(
      fc.json(),
      lexTree.map((tree) =>
        renderLexTree(tree, {
          indent: "  ",
          keySeparator: ": ",
          itemSeparator: ",",
        }),
      ),
    );
    fc.assert(
      fc.property(
        source,
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        (original, edits) => {
          const text = edits.reduce((current, edit) => edit(current), original);
          const result = parseJson(text);
          const expected = reference(text);
          if (result.ok) {
            expect(expected).toBeDefined();
            expect(jsonToValue(result.value)).toStrictEqual(expected?.value);
            expect(result.value.span?.end.offset).toBeLessThanOrEqual(
              text.length,
            );
            return;
          }
          expect(result.diagnostics.length).toBeGreaterThan(0);
          for (const d of result.diagnostics) {
            expect(["json-syntax", "json-duplicate-key"]).toContain(d.code);
            expect(d.severity).toBe("error");
            expect(d.message.length).toBeGreaterThan(0);
            expect(d.hint?.length).toBeGreaterThan(0);
            expect(Array.isArray(d.path)).toBe(true);
            expect(d.span?.start.offset).toBeGreaterThanOrEqual(0);
            expect(d.span?.end.offset).toBeLessThanOrEqual(text.length);
            expect(d.span?.start.line).toBeGreaterThanOrEqual(1);
            expect(d.span?.start.column).toBeGreaterThanOrEqual(1);
          }
          const syntax = result.diagnostics.some(
            (d) => d.code === "json-syntax",
          );
          // JSON.parse accepts duplicate keys, so only syntax errors must match its rejections.
          expect(expected === undefined).toBe(syntax);
        },
      ),
      { numRuns: runs },
    );
  });
});
