import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonNode } from "../../src/json/json-node.js";
import { parseJson } from "../../src/json/parse-json.js";
import { printJson, type JsonStyle } from "../../src/json/print-json.js";
import { printsAs } from "../../src/json/prints-as.js";
import { layout, lexTree, renderLexTree, runs, whitespace } from "./arbitraries.js";

function parsed(text: string): JsonNode {
  const result = parseJson(text);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

const style: fc.Arbitrary<JsonStyle> = fc.record({
  indent: fc.constantFrom<number | string | null>(null, 0, 1, 2, 4, "", "\t", " \t"),
  keySeparator: fc.constantFrom(":", ": ", " : "),
  itemSeparator: fc.constantFrom(",", ", ", " ,"),
  sortKeys: fc.boolean(),
  finalNewline: fc.boolean(),
});

/** Edits of a printed text near layout: the cases where a sloppy matcher would say yes. */
const edit: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc.tuple(fc.nat(), whitespace).map(([at, ws]) => (t: string) => t.slice(0, at % (t.length + 1)) + ws + t.slice(at % (t.length + 1))),
  fc.nat().map((at) => (t: string) => (t.length === 0 ? t : t.slice(0, at % t.length) + t.slice((at % t.length) + 1))),
  fc.constantFrom(
    (t: string) => `${t}\n`,
    (t: string) => ` ${t}`,
    (t: string) => t.slice(0, -1),
    (t: string) => t.replace("\n", "\r\n"),
  ),
);

describe("printsAs", () => {
  it("agrees with printJson(node, style) === text on printed texts and their edits", () => {
    fc.assert(
      fc.property(lexTree, layout, style, fc.option(edit, { nil: undefined }), (tree, written, s, change) => {
        const source = renderLexTree(tree, written);
        const node = parsed(source);
        const printed = printJson(node, s);
        for (const text of [source, printed, change === undefined ? printed : change(printed), change === undefined ? source : change(source)]) {
          expect(printsAs(node, s, text)).toBe(printJson(node, s) === text);
        }
      }),
      { numRuns: runs },
    );
  });

  it("matches unsorted input only without sortKeys", () => {
    const text = '{"b":1,"a":[true,null,"x"]}';
    const node = parsed(text);
    const compact: JsonStyle = { indent: null, keySeparator: ":", itemSeparator: ",", sortKeys: false, finalNewline: false };
    expect(printsAs(node, compact, text)).toBe(true);
    expect(printsAs(node, { ...compact, sortKeys: true }, text)).toBe(false);
    expect(printsAs(node, { ...compact, sortKeys: true }, '{"a":[true,null,"x"],"b":1}')).toBe(true);
    expect(printsAs(node, { ...compact, finalNewline: true }, `${text}\n`)).toBe(true);
    expect(printsAs(node, compact, `${text}\n`)).toBe(false);
    expect(printsAs(node, compact, text.slice(0, -1))).toBe(false);
  });
});
