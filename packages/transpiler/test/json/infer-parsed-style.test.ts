import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  inferJsonStyle,
  inferParsedJsonStyle,
} from "../../src/json/infer-style.js";
import { parseJson } from "../../src/json/parse-json.js";
import {
  layout,
  lexTree,
  renderLexTree,
  renderWithWhitespace,
  runs,
  whitespace,
} from "./arbitraries.js";

/** Edits near the layout, where a checker that skips tokens could be fooled. */
const edit: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.tuple(fc.nat(), whitespace).map(
    ([at, ws]) =>
      (t: string) =>
        t.slice(0, at % (t.length + 1)) + ws + t.slice(at % (t.length + 1)),
  ),
  fc.nat().map((at) => (t: string) => {
    const k = at % Math.max(t.length, 1);
    return t.charCodeAt(k) === 0x20 || t.charCodeAt(k) === 0x0a
      ? t.slice(0, k) + t.slice(k + 1)
      : t;
  }),
  fc.constantFrom(
    (t: string) => `${t}\n`,
    (t: string) => `${t}\n\n`,
    (t: string) => `${t} `,
    (t: string) => ` ${t}`,
    (t: string) => t.replace("\n", "\r\n"),
    (t: string) => t.replaceAll("[]", "[ ]"),
    (t: string) => t.replaceAll("{}", "{\n}"),
  ),
);

/** Same answer as the printing `inferJsonStyle` on every text that parses. */
function agree(text: string): void {
  const parsed = parseJson(text, { spans: false });
  if (!parsed.ok) return;
  expect(inferParsedJsonStyle(text, parsed.value)).toEqual(
    inferJsonStyle(text, parsed.value),
  );
}

describe("inferParsedJsonStyle", () => {
  it("agrees with inferJsonStyle on rendered layouts and their edits", () => {
    fc.assert(
      fc.property(
        lexTree,
        layout,
        fc.array(edit, { maxLength: 3 }),
        (tree, written, edits) => {
          const text = renderLexTree(tree, written);
          agree(text);
          agree(edits.reduce((t, change) => change(t), text));
        },
      ),
      { numRuns: runs },
    );
  });

  it("agrees with inferJsonStyle on JSON.stringify output and arbitrary whitespace", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.constantFrom<number | string | undefined>(
          undefined,
          0,
          1,
          2,
          4,
          "\t",
        ),
        fc.boolean(),
        lexTree,
        fc.array(whitespace, { minLength: 1, maxLength: 6 }),
        (value, indent, newline, tree, gaps) => {
          agree(`${JSON.stringify(value, null, indent)}${newline ? "\n" : ""}`);
          agree(renderWithWhitespace(tree, gaps));
        },
      ),
      { numRuns: runs },
    );
  });

  it.each([
    ['{"a": [1, 2], "b": {"c": "x\\\\\\"y,:"}}', true],
    ['{\n  "a": [\n    1\n  ],\n  "b": {}\n}\n', true],
    ['{\n  "a": [\n    1\n  ],\n  "b": { }\n}', false],
    ['{\n  "a": [\n    1\n   ],\n  "b": {}\n}', false],
    ['{"a":1 ,"b":2}', true],
    ['{"a":1 ,"b":2 }', false],
    ["[1,2,[3,[]]]", true],
    ["[1,2,[3,[]]]\n\n", false],
    ['"x"', true],
    ["7\n", true],
  ])("%j → found a style: %s", (text, found) => {
    const parsed = parseJson(text, { spans: false });
    if (!parsed.ok) throw new Error("test input must parse");
    expect(inferParsedJsonStyle(text, parsed.value) !== undefined).toBe(found);
    agree(text);
  });
});
