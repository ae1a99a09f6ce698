import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InternalError } from "../../src/diagnostics/errors.js";
import type { JsonNode } from "../../src/json/json-node.js";
import {
  jsonArray,
  jsonNumber,
  jsonObject,
  jsonString,
} from "../../src/json/json-node.js";
import { normalizeNumberLexeme } from "../../src/json/normalize-number.js";
import { parseJson } from "../../src/json/parse-json.js";
import { compactStyle, printJson } from "../../src/json/print-json.js";
import {
  jsonEquals,
  jsonNodesIdentical,
  jsonToValue,
  valueToJson,
} from "../../src/json/to-value.js";
import type { JsonValue } from "../../src/json/to-value.js";
import { numberLexeme, runs } from "./arbitraries.js";

function parsed(text: string): JsonNode {
  const result = parseJson(text);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

describe("jsonToValue", () => {
  it("keeps __proto__ as an own key and never touches the prototype", () => {
    const value = jsonToValue(
      parsed('{"__proto__": {"polluted": true}, "constructor": 1}'),
    ) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(value, "__proto__")?.value).toEqual({
      polluted: true,
    });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    expect(JSON.stringify(value)).toBe(
      '{"__proto__":{"polluted":true},"constructor":1}',
    );
  });

  it("reads numbers like JSON.parse, including huge and tiny ones", () => {
    const text = "[12345678901234567890, 1e400, -1e-400, -0, 0.1]";
    expect(jsonToValue(parsed(text))).toStrictEqual(JSON.parse(text));
  });

  it("handles 200k-deep trees without recursion", () => {
    const text = "[".repeat(200_000) + "]".repeat(200_000);
    const result = parseJson(text, { maxDepth: 1_000_000 });
    if (!result.ok) throw new Error("parse failed");
    let value = jsonToValue(result.value);
    for (let k = 0; k < 199_999; k++)
      value = (value as JsonValue[])[0] ?? "missing";
    expect(value).toEqual([]);
  });
});

describe("valueToJson", () => {
  it("writes JSON.stringify's lexemes", () => {
    const value = {
      a: [1, -0, 1e21, 0.1, "é\n\u2028\ud800"],
      b: { c: null, d: true },
      ["__proto__"]: 1,
    };
    Object.defineProperty(value, "__proto__", { value: 1, enumerable: true });
    const node = valueToJson(value);
    expect(printJson(node, compactStyle)).toBe(JSON.stringify(value));
    expect(jsonToValue(node)).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it.each<[string, unknown]>([
    ["NaN", Number.NaN],
    ["Infinity", [Number.POSITIVE_INFINITY]],
    ["undefined", { a: undefined }],
    ["a function", [() => 1]],
    ["a bigint", 1n],
    ["a Date", new Date(0)],
    ["a Map", new Map()],
  ])("rejects %s as a programming error", (_, value) => {
    expect(() => valueToJson(value as JsonValue)).toThrow(InternalError);
  });

  it("rejects cycles but accepts shared subtrees", () => {
    const shared = { x: 1 };
    expect(printJson(valueToJson([shared, shared]), compactStyle)).toBe(
      '[{"x":1},{"x":1}]',
    );
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => valueToJson(cyclic as JsonValue)).toThrow(InternalError);
  });

  it("round-trips arbitrary values through nodes", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const node = valueToJson(value as JsonValue);
        expect(printJson(node, compactStyle)).toBe(JSON.stringify(value));
        expect(jsonToValue(node)).toStrictEqual(
          JSON.parse(JSON.stringify(value)),
        );
      }),
      { numRuns: runs },
    );
  });
});

describe("normalizeNumberLexeme", () => {
  it.each([
    ["0", "0"],
    ["-0", "0"],
    ["0.000e5", "0"],
    ["1", "1e0"],
    ["1.0", "1e0"],
    ["10E-1", "1e0"],
    ["100", "1e2"],
    ["1E+2", "1e2"],
    ["0.00100", "1e-3"],
    ["-1.5e+10", "-15e9"],
    ["12345678901234567890", "1234567890123456789e1"],
    ["1e99999999999999999999", "1e99999999999999999999"],
  ])("%s → %s", (raw, normal) => {
    expect(normalizeNumberLexeme(raw)).toBe(normal);
  });

  it("implies equal doubles, and matches integer equality", () => {
    fc.assert(
      fc.property(numberLexeme, numberLexeme, (a, b) => {
        // Equal decimals are equal doubles (=== also equates -0 and 0, as the normal form does).
        if (normalizeNumberLexeme(a) === normalizeNumberLexeme(b))
          expect(Number(a) === Number(b)).toBe(true);
      }),
      { numRuns: runs },
    );
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (a, b) => {
        expect(
          normalizeNumberLexeme(String(a)) === normalizeNumberLexeme(String(b)),
        ).toBe(a === b);
        expect(normalizeNumberLexeme(`${a}.000`)).toBe(
          normalizeNumberLexeme(`${a}`),
        );
        expect(normalizeNumberLexeme(`${a * 100}e-2`)).toBe(
          normalizeNumberLexeme(`${a}`),
        );
      }),
      { numRuns: runs },
    );
  });
});

describe("jsonEquals and jsonNodesIdentical", () => {
  it.each<[string, string, boolean, boolean, boolean]>([
    // [a, b, jsonEquals, jsonEquals without ignoring key order, identical]
    ['{"a":1,"b":2}', '{"a":1,"b":2}', true, true, true],
    ['{"a":1,"b":2}', '{ "a" : 1 , "b" : 2 }', true, true, true],
    ['{"a":1,"b":2}', '{"b":2,"a":1}', true, false, false],
    ['"\\u00e9"', '"é"', true, true, false],
    ['{"\\u0061":1}', '{"a":1}', true, true, false],
    ["1.0", "1", true, true, false],
    ["1E+2", "100", true, true, false],
    ["-0", "0", true, true, false],
    ["12345678901234567890", "12345678901234567891", false, false, false],
    ["0.1", "0.10000000000000001", false, false, false],
    ["[1,2]", "[2,1]", false, false, false],
    ["[1,2]", "[1,2,3]", false, false, false],
    ['{"a":1}', '{"a":1,"b":2}', false, false, false],
    ['{"a":null}', '{"b":null}', false, false, false],
    ["1", '"1"', false, false, false],
    ["null", "false", false, false, false],
    ["[]", "{}", false, false, false],
    ["true", "true", true, true, true],
  ])("%s vs %s", (x, y, equal, ordered, identical) => {
    const a = parsed(x);
    const b = parsed(y);
    expect(jsonEquals(a, b)).toBe(equal);
    expect(jsonEquals(b, a)).toBe(equal);
    expect(jsonEquals(a, b, { ignoreKeyOrder: false })).toBe(ordered);
    expect(jsonNodesIdentical(a, b)).toBe(identical);
    expect(jsonNodesIdentical(b, a)).toBe(identical);
  });

  it("treats repeated keys in hand-built objects as JSON.parse does (last wins)", () => {
    const a = jsonObject([
      ["k", jsonNumber(1)],
      ["k", jsonNumber(2)],
    ]);
    const b = jsonObject([["k", jsonNumber(2)]]);
    expect(jsonEquals(a, b)).toBe(true);
    expect(jsonNodesIdentical(a, b)).toBe(false);
    expect(
      jsonEquals(
        jsonArray([jsonString("x")]),
        jsonArray([{ kind: "string", value: "x", raw: '"\\u0078"' }]),
      ),
    ).toBe(true);
  });

  it("agrees with JSON.parse equality on arbitrary values, and with itself after reformatting", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (v, w) => {
        const a = parsed(JSON.stringify(v));
        const b = parsed(JSON.stringify(w, null, 2));
        expect(jsonNodesIdentical(a, parsed(JSON.stringify(v, null, 4)))).toBe(
          true,
        );
        expect(jsonEquals(a, b)).toBe(sameJson(v, w));
      }),
      { numRuns: runs },
    );
  });

  it("compares 200k-deep trees without recursion", () => {
    const text = "[".repeat(200_000) + "1" + "]".repeat(200_000);
    const one = parseJson(text, { maxDepth: 1_000_000 });
    const other = parseJson(text.replace("1", "1.0"), { maxDepth: 1_000_000 });
    if (!one.ok || !other.ok) throw new Error("parse failed");
    expect(jsonEquals(one.value, other.value)).toBe(true);
    expect(jsonNodesIdentical(one.value, other.value)).toBe(false);
  });
});

/** Deep equality of plain JSON values with objects unordered (an independent oracle). */
function sameJson(v: unknown, w: unknown): boolean {
  if (Array.isArray(v) || Array.isArray(w)) {
    return (
      Array.isArray(v) &&
      Array.isArray(w) &&
      v.length === w.length &&
      v.every((item, k) => sameJson(item, w[k]))
    );
  }
  if (
    v !== null &&
    w !== null &&
    typeof v === "object" &&
    typeof w === "object"
  ) {
    const vk = Object.keys(v);
    const wo = w as Record<string, unknown>;
    const vo = v as Record<string, unknown>;
    return (
      vk.length === Object.keys(w).length &&
      vk.every((key) => Object.hasOwn(wo, key) && sameJson(vo[key], wo[key]))
    );
  }
  return v === w;
}
