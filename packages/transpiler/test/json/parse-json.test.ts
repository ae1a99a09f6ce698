import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { JsonNode } from "../../src/json/json-node.js";
import { parseJson } from "../../src/json/parse-json.js";
import type { ParseJsonOptions } from "../../src/json/parse-json.js";
import { compactStyle, printJson } from "../../src/json/print-json.js";
import { jsonToValue } from "../../src/json/to-value.js";

function parseOk(text: string, options?: ParseJsonOptions): JsonNode {
  const result = parseJson(text, options);
  if (!result.ok)
    throw new Error(
      `unexpected failure: ${JSON.stringify(result.diagnostics)}`,
    );
  expect(result.diagnostics).toEqual([]);
  return result.value;
}

function parseErrors(
  text: string,
  options?: ParseJsonOptions,
): readonly Diagnostic[] {
  const result = parseJson(text, options);
  expect(result.ok).toBe(false);
  return result.diagnostics;
}

/** `code line:column path` of a diagnostic, the compact form the tables below use. */
function where(d: Diagnostic): string {
  return `${d.code} ${d.span?.start.line}:${d.span?.start.column} ${JSON.stringify(d.path)}`;
}

describe("parseJson: valid documents", () => {
  it.each([
    ["null", null],
    ["true", true],
    [" false ", false],
    ["0", 0],
    ["-0", -0],
    ["1E+2", 100],
    ["-12.5e-3", -0.0125],
    ['""', ""],
    ['"\\u00e9\\/\\b\\f\\n\\r\\t\\"\\\\"', 'é/\b\f\n\r\t"\\'],
    ['"\\ud800"', "\ud800"],
    ['"\\uD83D\\uDE00"', "😀"],
    ["[]", []],
    ["{}", {}],
    ['\t\r\n {"a" : [ 1 , { } , [ ] ] }\n', { a: [1, {}, []] }],
    [
      '{"__proto__": {"x": 1}}',
      JSON.parse('{"__proto__": {"x": 1}}') as unknown,
    ],
  ])("%j", (text, expected) => {
    expect(jsonToValue(parseOk(text))).toStrictEqual(expected);
  });

  it("keeps the exact lexemes of keys, strings and numbers", () => {
    const text =
      '{"caf\\u00e9":["\\u00e9","é","\\/",1.0,-0,1E+2,12345678901234567890]}';
    const node = parseOk(text);
    expect(node).toMatchObject({
      kind: "object",
      entries: [
        {
          key: "café",
          keyRaw: '"caf\\u00e9"',
          value: {
            kind: "array",
            items: [
              { kind: "string", value: "é", raw: '"\\u00e9"' },
              { kind: "string", value: "é", raw: '"é"' },
              { kind: "string", value: "/", raw: '"\\/"' },
              { kind: "number", raw: "1.0" },
              { kind: "number", raw: "-0" },
              { kind: "number", raw: "1E+2" },
              { kind: "number", raw: "12345678901234567890" },
            ],
          },
        },
      ],
    });
    expect(printJson(node, compactStyle)).toBe(text);
  });

  it("attaches spans with 1-based line:column to nodes and entries", () => {
    const node = parseOk('{\n  "a": [1, "x"],\r\n\t"b":null\r}');
    expect(node.span).toEqual({
      start: { offset: 0, line: 1, column: 1 },
      end: { offset: 31, line: 4, column: 2 },
    });
    if (node.kind !== "object") throw new Error("expected an object");
    const [a, b] = node.entries;
    expect(a?.span).toEqual({
      start: { offset: 4, line: 2, column: 3 },
      end: { offset: 17, line: 2, column: 16 },
    });
    expect(a?.value.kind === "array" && a.value.items[1]?.span).toEqual({
      start: { offset: 13, line: 2, column: 12 },
      end: { offset: 16, line: 2, column: 15 },
    });
    expect(b?.span?.start).toEqual({ offset: 21, line: 3, column: 2 });
    expect(b?.value.span).toEqual({
      start: { offset: 25, line: 3, column: 6 },
      end: { offset: 29, line: 3, column: 10 },
    });
  });

  it("leaves spans out when asked, with the same tree otherwise", () => {
    const text = '{"a":[1,"x",{"b":null}],"c":true}';
    const node = parseOk(text, { spans: false });
    expect(JSON.stringify(node)).not.toContain("span");
    expect(printJson(node, compactStyle)).toBe(text);
    expect(jsonToValue(node)).toEqual(JSON.parse(text));
  });
});

describe("parseJson: errors carry code, line:column, path and hint", () => {
  it.each<[string, string, string]>([
    // [text, "code line:column path", message fragment]
    ["", "json-syntax 1:1 []", "expected a JSON value, found end of input"],
    ["   ", "json-syntax 1:4 []", "found end of input"],
    ["\ufeff{}", "json-syntax 1:1 []", "byte order mark"],
    ["\u00a0[]", "json-syntax 1:1 []", "found U+00A0"],
    ["[1,]", "json-syntax 1:3 []", "trailing comma in array"],
    ['{"a":1,}', "json-syntax 1:7 []", "trailing comma in object"],
    ["[\r\n1,\r\n]", "json-syntax 2:2 []", "trailing comma"],
    [
      "[1 2]",
      "json-syntax 1:4 []",
      "expected ',' or ']' after array element 0, found '2'",
    ],
    [
      '{"a":1 "b":2}',
      "json-syntax 1:8 []",
      "expected ',' or '}' after the value of key \"a\"",
    ],
    ['{"a" 1}', 'json-syntax 1:6 ["a"]', "expected ':' after key \"a\""],
    [
      "{'a': 1}",
      "json-syntax 1:2 []",
      "expected a string key or '}', found '''",
    ],
    ["{a: 1}", "json-syntax 1:2 []", "expected a string key"],
    ["[}", "json-syntax 1:2 [0]", "expected a JSON value, found '}'"],
    [
      "[1]]",
      "json-syntax 1:4 []",
      "unexpected ']' after the end of the JSON value",
    ],
    ["1 2", "json-syntax 1:3 []", "after the end of the JSON value"],
    ["[1] // note", "json-syntax 1:5 []", "unexpected '/'"],
    ["[1 /* c */]", "json-syntax 1:4 []", "found '/'"],
    ["[01]", "json-syntax 1:2 [0]", "leading zeros"],
    ["[-01]", "json-syntax 1:2 [0]", "leading zeros"],
    ["[1.]", "json-syntax 1:4 [0]", "after the decimal point"],
    ["[.5]", "json-syntax 1:2 [0]", "found '.'"],
    ["[1e]", "json-syntax 1:4 [0]", "in the exponent"],
    ["[1e+]", "json-syntax 1:5 [0]", "in the exponent"],
    ["[-]", "json-syntax 1:3 [0]", "expected a digit after '-'"],
    ["[+1]", "json-syntax 1:2 [0]", "found '+'"],
    ["NaN", "json-syntax 1:1 []", "unexpected token 'NaN'"],
    ['{"a": Infinity}', 'json-syntax 1:7 ["a"]', "unexpected token 'Infinity'"],
    ["[-Infinity]", "json-syntax 1:2 [0]", "unexpected token '-Infinity'"],
    ['{"x": True}', 'json-syntax 1:7 ["x"]', "unexpected token 'True'"],
    ["[nul]", "json-syntax 1:2 [0]", "unexpected token 'nul'"],
    ["[truex]", "json-syntax 1:2 [0]", "unexpected token 'truex'"],
    ['"a\tb"', "json-syntax 1:3 []", "unescaped control character U+0009"],
    [
      '["a\u0000"]',
      "json-syntax 1:4 [0]",
      "unescaped control character U+0000",
    ],
    ['[\n"x\n"]', "json-syntax 2:3 [0]", "unterminated string (a line break"],
    ['{"a": "xyz', 'json-syntax 1:7 ["a"]', "unterminated string"],
    ['"\\', "json-syntax 1:2 []", "unterminated string"],
    ['"\\x"', "json-syntax 1:2 []", "invalid escape sequence '\\x'"],
    ['"\\\'"', "json-syntax 1:2 []", "invalid escape sequence '\\''"],
    [
      '"\\u12"',
      "json-syntax 1:2 []",
      "invalid unicode escape: expected a hexadecimal digit after '\\u12', found '\"'",
    ],
    ['"\\u12G4"', "json-syntax 1:2 []", "found 'G'"],
    ['"\\u12\n"', "json-syntax 1:2 []", "found U+000A"],
    [
      '"\\\n"',
      "json-syntax 1:2 []",
      "invalid escape sequence: backslash followed by U+000A",
    ],
    [
      '{"a": [1, {"b": }]}',
      'json-syntax 1:17 ["a",1,"b"]',
      "expected a JSON value, found '}'",
    ],
    [
      '{\n  "a": [\n    1,\n    tru\n  ]\n}',
      'json-syntax 4:5 ["a",1]',
      "unexpected token 'tru'",
    ],
    ["[1, 2", "json-syntax 1:6 []", "found end of input"],
    ['{"a": {"b": [', 'json-syntax 1:14 ["a","b",0]', "found end of input"],
  ])("%j", (text, expected, message) => {
    const diagnostics = parseErrors(text);
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    if (d === undefined) throw new Error("no diagnostic");
    expect(where(d)).toBe(expected);
    expect(d.severity).toBe("error");
    expect(d.message).toContain(message);
    expect(d.hint).toMatch(/\S/);
  });

  it.each([
    ["NaN", "NaN"],
    ["[undefined]", "undefined"],
    ["{'a': 1}", "double quotes"],
    ["[1] // x", "comments"],
    ["{a: 1}", "Object keys must be strings"],
    ["[None]", "null"],
    ["[1,]", "trailing commas"],
    ["\ufeff1", "BOM"],
    ['"a\tb"', "\\t"],
  ])("hint for %j mentions %j", (text, fragment) => {
    expect(parseErrors(text)[0]?.hint).toContain(fragment);
  });

  it("reports json-too-deep at the first container past maxDepth", () => {
    expect(parseErrors("[[[1]]]", { maxDepth: 2 }).map(where)).toEqual([
      "json-too-deep 1:3 [0,0]",
    ]);
    expect(
      parseErrors('{"a": [{"b": [[1]]}]}', { maxDepth: 3 }).map(where),
    ).toEqual(['json-too-deep 1:14 ["a",0,"b"]']);
    expect(parseErrors("{}", { maxDepth: 0 }).map(where)).toEqual([
      "json-too-deep 1:1 []",
    ]);
    expect(parseOk("[[[1]]]", { maxDepth: 3 }).kind).toBe("array");
    expect(parseErrors("[".repeat(257) + "]".repeat(257))[0]?.message).toBe(
      "nesting is deeper than 256 levels",
    );
    expect(parseOk("[".repeat(256) + "]".repeat(256)).kind).toBe("array");
  });

  it("returns json-too-deep for 200k-deep nesting without throwing", () => {
    for (const text of [
      "[".repeat(200_000),
      '{"a":'.repeat(200_000),
      "[".repeat(200_000) + "]".repeat(200_000),
    ]) {
      const diagnostics = parseErrors(text);
      expect(diagnostics).toHaveLength(1);
      expect(diagnostics[0]?.code).toBe("json-too-deep");
      expect(diagnostics[0]?.span?.start.column).toBe(
        text.startsWith("[") ? 257 : 5 * 256 + 1,
      );
      expect(diagnostics[0]?.path).toHaveLength(256);
    }
  });

  it("parses 200k-deep nesting iteratively when the limit allows it", () => {
    const text = "[".repeat(200_000) + "]".repeat(200_000);
    const node = parseOk(text, { maxDepth: 1_000_000 });
    expect(printJson(node, compactStyle)).toBe(text);
  });

  it("reports json-too-large before reading the text", () => {
    const diagnostics = parseErrors("[1,\n2,3,4]", { maxLength: 5 });
    expect(diagnostics.map(where)).toEqual(["json-too-large 2:2 []"]);
    expect(diagnostics[0]?.message).toBe(
      "the document is 10 characters long; the limit is 5",
    );
    expect(parseOk("[1,2]", { maxLength: 5 }).kind).toBe("array");
  });

  it("reports every duplicate key (by decoded value) with the first occurrence", () => {
    const diagnostics = parseErrors(
      '{\n  "a": 1,\n  "b": {"c": 1, "\\u0063": 2},\n  "a": 3\n}',
    );
    expect(diagnostics.map(where)).toEqual([
      'json-duplicate-key 3:17 ["b","c"]',
      'json-duplicate-key 4:3 ["a"]',
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'duplicate key "\\u0063" (first at 3:9)',
      'duplicate key "a" (first at 2:3)',
    ]);
    expect(diagnostics[0]?.span?.end.column).toBe(25);
  });

  it("finds duplicates in large objects too", () => {
    const keys = Array.from({ length: 40 }, (_, k) => `"k${k}":${k}`);
    const diagnostics = parseErrors(
      `{${keys.join(",")},"k3":0,"k39":0,"__proto__":1,"__proto__":2}`,
    );
    expect(diagnostics.map((d) => d.path)).toEqual([
      ["k3"],
      ["k39"],
      ["__proto__"],
    ]);
  });

  it("reports duplicates found before a syntax error, then the syntax error", () => {
    const diagnostics = parseErrors('{"a":1,"a":2,]');
    expect(diagnostics.map(where)).toEqual([
      'json-duplicate-key 1:8 ["a"]',
      "json-syntax 1:14 []",
    ]);
    expect(diagnostics[1]?.message).toBe(
      "expected a string key or '}', found ']'",
    );
  });
});

describe("parseJson: speed", () => {
  it("parses a 1 MB document within a loose factor of JSON.parse", () => {
    const records = Array.from({ length: 4000 }, (_, k) => ({
      step_id: `12e4e0b3-a3af-484f-9ae2-${k}`,
      step_position: [k, k * 2.5],
      config_field_values: [
        { config_field_id: "x", value: `caf\u00e9 \\n ${k}` },
      ],
      enabled: k % 2 === 0,
      note: null,
    }));
    const text = JSON.stringify(records, null, 2);
    expect(text.length).toBeGreaterThan(1_000_000);
    const time = (run: () => unknown): number => {
      let best = Number.POSITIVE_INFINITY;
      for (let k = 0; k < 5; k++) {
        const start = performance.now();
        run();
        best = Math.min(best, performance.now() - start);
      }
      return best;
    };
    const native = time(() => JSON.parse(text));
    const ours = time(() => parseJson(text));
    // A sanity bound against pathological behaviour (quadratic scans, per-char allocation), not a benchmark.
    expect(ours).toBeLessThan(Math.max(50 * native, 500));
  });
});
