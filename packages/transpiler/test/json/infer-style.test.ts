import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inferJsonStyle } from "../../src/json/infer-style.js";
import type { JsonNode } from "../../src/json/json-node.js";
import { parseJson } from "../../src/json/parse-json.js";
import { printJson } from "../../src/json/print-json.js";
import { layout, lexTree, renderLexTree, runs } from "./arbitraries.js";

function parsed(text: string): JsonNode {
  const result = parseJson(text);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

/** Infers, and checks the promise: the style prints the node back to the exact text. */
function infer(text: string) {
  const node = parsed(text);
  const style = inferJsonStyle(text, node);
  if (style !== undefined) expect(printJson(node, style)).toBe(text);
  return style;
}

describe("inferJsonStyle", () => {
  const value = { b: [1, { c: null }, []], a: {}, d: "x" };
  it.each([
    [
      "compact",
      JSON.stringify(value),
      {
        indent: null,
        keySeparator: ":",
        itemSeparator: ",",
        finalNewline: false,
      },
    ],
    [
      "python json.dumps",
      '{"b": [1, {"c": null}, []], "a": {}, "d": "x"}',
      { indent: null, keySeparator: ": ", itemSeparator: ", " },
    ],
    [
      "2 spaces",
      JSON.stringify(value, null, 2),
      {
        indent: 2,
        keySeparator: ": ",
        itemSeparator: ",",
        finalNewline: false,
      },
    ],
    [
      "4 spaces + newline",
      `${JSON.stringify(value, null, 4)}\n`,
      { indent: 4, finalNewline: true },
    ],
    ["tabs", JSON.stringify(value, null, "\t"), { indent: "\t" }],
    [
      "python indent=2 with trailing spaces",
      '{\n  "b": [\n    1, \n    2\n  ], \n  "a": 1\n}',
      { indent: 2, itemSeparator: ", " },
    ],
    ["indent 0", "[\n1,\n[\n2\n]\n]", { indent: 0 }],
    ["scalar", "12", { indent: null, finalNewline: false }],
    ["scalar + newline", '"x"\n', { finalNewline: true }],
  ])("recognises %s", (_, text, expected) => {
    expect(infer(text)).toMatchObject(expected);
  });

  it.each([
    ["leading whitespace", " {}"],
    ["two final newlines", "{}\n\n"],
    ["trailing spaces", "[1] "],
    ["CRLF line ends", '{\r\n  "a": 1\r\n}'],
    ["mixed separators", '{"a": 1,"b":2}'],
    ["mixed indentation", '{\n  "a": [\n      1\n  ]\n}'],
    ["one-line object inside an indented one", '{\n  "a": {"b": 1}\n}'],
  ])("gives up on %s", (_, text) => {
    expect(infer(text)).toBeUndefined();
  });

  it("reports sortKeys only when every object is sorted and some object has two keys", () => {
    expect(infer('{"a":{"x":1,"y":2},"b":[{"m":1}]}')?.sortKeys).toBe(true);
    expect(infer('{"a":{"y":1,"x":2},"b":1}')?.sortKeys).toBe(false);
    expect(infer('{"a":{"x":1}}')?.sortKeys).toBe(false);
    expect(infer("[1,2]")?.sortKeys).toBe(false);
  });

  it("reproduces every public corpus document", () => {
    const dir = "/work/shared/corpus/public";
    const files = readdirSync(dir).filter((name) => name.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const text = readFileSync(`${dir}/${name}`, "utf8");
      expect(infer(text), name).toBeDefined();
    }
  });

  it("reproduces JSON.stringify(v, null, k) exactly, with or without a final newline", () => {
    const indent = fc.constantFrom<number | string>(
      0,
      1,
      2,
      3,
      4,
      8,
      "\t",
      "  ",
      "\t\t",
    );
    fc.assert(
      fc.property(
        fc.jsonValue({ stringUnit: "binary" }),
        indent,
        fc.boolean(),
        (v, k, newline) => {
          const text = JSON.stringify(v, null, k) + (newline ? "\n" : "");
          const node = parsed(text);
          const style = inferJsonStyle(text, node);
          expect(style).toBeDefined();
          if (style !== undefined) expect(printJson(node, style)).toBe(text);
        },
      ),
      { numRuns: runs },
    );
  });

  it("reproduces any supported layout over lexeme-rich documents", () => {
    fc.assert(
      fc.property(lexTree, layout, fc.boolean(), (tree, chosen, newline) => {
        const text = renderLexTree(tree, chosen) + (newline ? "\n" : "");
        const node = parsed(text);
        const style = inferJsonStyle(text, node);
        expect(style).toBeDefined();
        if (style !== undefined) expect(printJson(node, style)).toBe(text);
      }),
      { numRuns: runs },
    );
  });
});
