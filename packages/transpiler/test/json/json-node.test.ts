import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InternalError } from "../../src/diagnostics/errors.js";
import {
  isJsonNumberLexeme,
  jsonBoolean,
  jsonEntry,
  jsonNull,
  jsonNumber,
  jsonNumberValue,
  jsonObject,
  jsonString,
  quoteJson,
} from "../../src/json/json-node.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

describe("json-node helpers", () => {
  it("quoteJson is JSON.stringify on strings", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.string({
            unit: fc.constantFrom(
              "a",
              " ",
              "~",
              "\x7f",
              '"',
              "\\",
              "\n",
              "\u2028",
              "\ud800",
            ),
          }),
        ),
        (s) => {
          expect(quoteJson(s)).toBe(JSON.stringify(s));
        },
      ),
      { numRuns: runs * 5 },
    );
  });

  it("build nodes with canonical lexemes", () => {
    expect(jsonString('é "q" \u0001')).toEqual({
      kind: "string",
      value: 'é "q" \u0001',
      raw: '"é \\"q\\" \\u0001"',
    });
    expect(jsonNumber(-0)).toEqual({ kind: "number", raw: "0" });
    expect(jsonNumber(1e-7)).toEqual({ kind: "number", raw: "1e-7" });
    expect(jsonNumber("1.50E+3")).toEqual({ kind: "number", raw: "1.50E+3" });
    expect(jsonNumberValue(jsonNumber("1.50E+3"))).toBe(1500);
    expect(jsonBoolean(false)).toEqual({ kind: "boolean", value: false });
    expect(jsonNull()).toEqual({ kind: "null" });
    expect(
      jsonObject([["a\n", jsonNull()], jsonEntry("b", jsonNull())]).entries.map(
        (e) => e.keyRaw,
      ),
    ).toEqual(['"a\\n"', '"b"']);
  });

  it.each([
    "01",
    "-",
    "1.",
    ".5",
    "+1",
    "1e",
    "NaN",
    "Infinity",
    " 1",
    "0x10",
    "1_000",
  ])("rejects the lexeme %j", (raw) => {
    expect(isJsonNumberLexeme(raw)).toBe(false);
    expect(() => jsonNumber(raw)).toThrow(InternalError);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    "rejects the number %s",
    (value) => {
      expect(() => jsonNumber(value)).toThrow(InternalError);
    },
  );
});
