import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonNode } from "../../src/json/json-node.js";
import {
  jsonArray,
  jsonNumber,
  jsonObject,
  jsonString,
} from "../../src/json/json-node.js";
import { parseJson } from "../../src/json/parse-json.js";
import {
  compactStyle,
  prettyStyle,
  printJson,
  printJsonUpTo,
  pythonJsonDumpsStyle,
} from "../../src/json/print-json.js";
import type { JsonStyle } from "../../src/json/print-json.js";
import { runs } from "./arbitraries.js";

function parsed(text: string): JsonNode {
  const result = parseJson(text);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

describe("printJson", () => {
  it.each([
    '"\\u00e9"',
    '"é"',
    '"\\/"',
    '"\\uD83D\\uDE00"',
    '"\\ud83d\\ude00"',
    '"😀"',
    '"\\ud800"',
    '"\\b\\f\\n\\r\\t\\"\\\\"',
    '"\\u0041"',
    "1.0",
    "-0",
    "1E+2",
    "1e-7",
    "12345678901234567890",
    "0.10000000000000001",
    '{"\\u0061":1,"a\\/b":[1.50,-0.0e0]}',
  ])("reproduces the lexemes of %s", (text) => {
    expect(printJson(parsed(text), compactStyle)).toBe(text);
  });

  const sample = '{"a":[1,{"b":null,"c":[]},{}],"d":"x","e":true}';
  it.each<[string, JsonStyle, string]>([
    ["compactStyle", compactStyle, JSON.stringify(JSON.parse(sample))],
    ["prettyStyle", prettyStyle, JSON.stringify(JSON.parse(sample), null, 2)],
    [
      "4 spaces + final newline",
      { ...prettyStyle, indent: 4, finalNewline: true },
      `${JSON.stringify(JSON.parse(sample), null, 4)}\n`,
    ],
    [
      "tabs",
      { ...prettyStyle, indent: "\t" },
      JSON.stringify(JSON.parse(sample), null, "\t"),
    ],
    [
      "pythonJsonDumpsStyle",
      pythonJsonDumpsStyle,
      '{"a": [1, {"b": null, "c": []}, {}], "d": "x", "e": true}',
    ],
    [
      "indent 0",
      { ...prettyStyle, indent: 0 },
      '{\n"a": [\n1,\n{\n"b": null,\n"c": []\n},\n{}\n],\n"d": "x",\n"e": true\n}',
    ],
  ])("lays out %s", (_, style, expected) => {
    expect(printJson(parsed(sample), style)).toBe(expected);
  });

  it("sorts keys by UTF-16 code unit, stably, at every depth, when asked", () => {
    const node = parsed(
      '{"b":1,"a":{"z":1,"_":2,"A":3},"\\uffff":0,"😀":0,"":0}',
    );
    expect(printJson(node, { ...compactStyle, sortKeys: true })).toBe(
      '{"":0,"a":{"A":3,"_":2,"z":1},"b":1,"😀":0,"\\uffff":0}',
    );
    const repeated = jsonObject([
      ["b", jsonNumber(1)],
      ["a", jsonNumber(2)],
      ["b", jsonNumber(3)],
    ]);
    expect(printJson(repeated, { ...compactStyle, sortKeys: true })).toBe(
      '{"a":2,"b":1,"b":3}',
    );
  });

  it("prints hand-built nodes with canonical lexemes", () => {
    const node = jsonObject([
      ["é", jsonString("line\nbreak \u2028 \ud800")],
      ["n", jsonArray([jsonNumber(-0), jsonNumber(1e21), jsonNumber("1.0")])],
    ]);
    expect(printJson(node, compactStyle)).toBe(
      '{"é":"line\\nbreak \u2028 \\ud800","n":[0,1e+21,1.0]}',
    );
  });

  it("prints 200k-deep trees without recursion", () => {
    let node: JsonNode = jsonArray([]);
    for (let k = 0; k < 200_000; k++) node = jsonArray([node]);
    expect(printJson(node, pythonJsonDumpsStyle)).toBe(
      "[".repeat(200_001) + "]".repeat(200_001),
    );
  });

  it("printJsonUpTo stops early on huge nodes", () => {
    const node = jsonArray(
      Array.from({ length: 100_000 }, (_, k) => jsonNumber(k)),
    );
    const text = printJsonUpTo(node, compactStyle, 50);
    expect(text.length).toBeLessThan(100);
    expect(printJson(node, compactStyle).startsWith(text)).toBe(true);
  });

  it("matches JSON.stringify for arbitrary values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(printJson(parsed(text), compactStyle)).toBe(text);
        expect(printJson(parsed(text), prettyStyle)).toBe(
          JSON.stringify(value, null, 2),
        );
      }),
      { numRuns: runs },
    );
  });
});

/** Values Python and JavaScript print identically: integers (no float spelling differences), ASCII keys. */
const pythonSafeValue = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.string({ unit: "grapheme" }),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 4 }),
  ),
})).value;

describe("printJson against Python's json.dumps (oracle)", () => {
  it("lays out like json.dumps for its common settings", () => {
    const values = fc.sample(pythonSafeValue, { numRuns: Math.min(runs, 500) });
    const script = [
      "import json, sys",
      "for line in sys.stdin:",
      "    v = json.loads(line)",
      "    outs = [json.dumps(v, ensure_ascii=False),",
      "            json.dumps(v, ensure_ascii=False, separators=(',', ':')),",
      "            json.dumps(v, ensure_ascii=False, indent=2),",
      "            json.dumps(v, ensure_ascii=False, indent=0),",
      "            json.dumps(v, ensure_ascii=False, indent='\\t', sort_keys=True),",
      "            json.dumps(v, ensure_ascii=False, indent=4, separators=(', ', ': '))]",
      "    print(json.dumps(outs))",
    ].join("\n");
    const input = `${values.map((v) => JSON.stringify(v)).join("\n")}\n`;
    const python = spawnSync("python3", ["-c", script], {
      input,
      encoding: "utf8",
      env: { ...process.env, PYTHONIOENCODING: "utf-8" },
    });
    expect(python.stderr).toBe("");
    const lines = python.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(values.length);
    const styles: readonly JsonStyle[] = [
      pythonJsonDumpsStyle,
      compactStyle,
      { ...prettyStyle, indent: 2 },
      { ...prettyStyle, indent: 0 },
      { ...prettyStyle, indent: "\t", sortKeys: true },
      { ...prettyStyle, indent: 4, itemSeparator: ", " },
    ];
    values.forEach((value, k) => {
      const expected = JSON.parse(lines[k] ?? "[]") as string[];
      const node = parsed(JSON.stringify(value));
      expect(styles.map((style) => printJson(node, style))).toEqual(expected);
    });
  });
});
