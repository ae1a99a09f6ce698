import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonNode } from "../../src/json/json-node.js";
import { jsonArray, jsonNumber, jsonObject } from "../../src/json/json-node.js";
import { firstDifference, getAtPath } from "../../src/json/json-path.js";
import { parseJson } from "../../src/json/parse-json.js";
import { compactStyle, printJson } from "../../src/json/print-json.js";
import { jsonEquals, jsonNodesIdentical } from "../../src/json/to-value.js";
import { runs } from "./arbitraries.js";

function parsed(text: string): JsonNode {
  const result = parseJson(text);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

describe("getAtPath", () => {
  const doc = parsed(
    '{"root":{"steps":[{"id":1},{"id":2,"tags":["a","b"]}]},"0":"zero"}',
  );
  it.each<[readonly (string | number)[], string | undefined]>([
    [[], printJson(doc, compactStyle)],
    [["root", "steps", 1, "tags", 0], '"a"'],
    [["root", "steps", 1, "id"], "2"],
    [["0"], '"zero"'],
    [[0], undefined],
    [["root", "steps", "1"], undefined],
    [["root", "steps", 2], undefined],
    [["root", "steps", -1], undefined],
    [["root", "missing", "deeper"], undefined],
    [["root", "steps", 0, "id", "x"], undefined],
  ])("%j", (path, expected) => {
    const found = getAtPath(doc, path);
    expect(
      found === undefined ? undefined : printJson(found, compactStyle),
    ).toBe(expected);
  });

  it("takes the last of repeated keys, as JSON.parse does", () => {
    const node = jsonObject([
      ["k", jsonNumber(1)],
      ["k", jsonNumber(2)],
    ]);
    expect(getAtPath(node, ["k"])).toEqual(jsonNumber(2));
  });
});

describe("firstDifference", () => {
  it.each<
    [
      string,
      string,
      "identical" | "semantic",
      ReturnType<typeof firstDifference>,
    ]
  >([
    ['{"a":[1,2]}', '{"a":[1,2]}', "identical", undefined],
    [
      '{"a":[1,2]}',
      '{"a":[1,3]}',
      "identical",
      { path: ["a", 1], expected: "2", actual: "3" },
    ],
    [
      '{"a":[1,2],"b":0}',
      '{"a":[1],"b":1}',
      "identical",
      { path: ["a", 1], expected: "2", actual: "(missing)" },
    ],
    [
      '{"a":[1]}',
      '{"a":[1,{"x":null}]}',
      "semantic",
      { path: ["a", 1], expected: "(missing)", actual: '{"x":null}' },
    ],
    [
      '{"a":1.0}',
      '{"a":1}',
      "identical",
      { path: ["a"], expected: "1.0", actual: "1" },
    ],
    ['{"a":1.0}', '{"a":1}', "semantic", undefined],
    [
      '["\\u00e9"]',
      '["é"]',
      "identical",
      { path: [0], expected: '"\\u00e9"', actual: '"é"' },
    ],
    ['["\\u00e9"]', '["é"]', "semantic", undefined],
    [
      '{"a":1,"b":2}',
      '{"b":2,"a":1}',
      "identical",
      {
        path: [],
        expected: 'key "a" at entry 0',
        actual: 'key "b" at entry 0',
      },
    ],
    ['{"a":1,"b":2}', '{"b":2,"a":1}', "semantic", undefined],
    [
      '{"a":1,"b":2}',
      '{"b":2,"c":1}',
      "semantic",
      { path: ["a"], expected: "1", actual: "(missing)" },
    ],
    [
      '{"a":1}',
      '{"a":1,"c":[]}',
      "semantic",
      { path: ["c"], expected: "(missing)", actual: "[]" },
    ],
    [
      '{"a":{"b":[true]}}',
      '{"a":{"b":["true"]}}',
      "semantic",
      { path: ["a", "b", 0], expected: "true", actual: '"true"' },
    ],
    [
      '{"a":{"x":1},"z":0}',
      '{"a":[],"z":1}',
      "semantic",
      { path: ["a"], expected: '{"x":1}', actual: "[]" },
    ],
    [
      "null",
      "false",
      "semantic",
      { path: [], expected: "null", actual: "false" },
    ],
  ])("%s vs %s (%s)", (a, b, mode, expected) => {
    expect(firstDifference(parsed(a), parsed(b), mode)).toEqual(expected);
  });

  it("cuts long renderings short", () => {
    const big = jsonArray(
      Array.from({ length: 10_000 }, (_, k) => jsonNumber(k)),
    );
    const found = firstDifference(
      jsonObject([["a", big]]),
      jsonObject([["a", jsonNumber(1)]]),
      "semantic",
    );
    expect(found?.path).toEqual(["a"]);
    expect(found?.expected).toMatch(/^\[0,1,2,.*\.\.\.$/);
    expect(found?.expected.length).toBe(80);
  });

  it("agrees with jsonEquals and jsonNodesIdentical, and points at nodes that differ", () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(value, value, fc.boolean(), (v, w, sameText) => {
        const a = parsed(JSON.stringify(v));
        const b = parsed(
          sameText ? JSON.stringify(v, null, 1) : JSON.stringify(w),
        );
        const semantic = firstDifference(a, b, "semantic");
        const identical = firstDifference(a, b, "identical");
        expect(semantic === undefined).toBe(jsonEquals(a, b));
        expect(identical === undefined).toBe(jsonNodesIdentical(a, b));
        if (semantic !== undefined) {
          const x = getAtPath(a, semantic.path);
          const y = getAtPath(b, semantic.path);
          expect(x !== undefined && y !== undefined && jsonEquals(x, y)).toBe(
            false,
          );
        }
      }),
      { numRuns: runs },
    );
  });

  it("walks 200k-deep trees without recursion", () => {
    const text = "[".repeat(200_000) + "1" + "]".repeat(200_000);
    const one = parseJson(text, { maxDepth: 1_000_000 });
    const other = parseJson(text.replace("1", "2"), { maxDepth: 1_000_000 });
    if (!one.ok || !other.ok) throw new Error("parse failed");
    const found = firstDifference(one.value, other.value, "semantic");
    expect(found?.path).toHaveLength(200_000);
    expect([found?.expected, found?.actual]).toEqual(["1", "2"]);
  });
});
